namespace Microsoft.ML.Synthetic.AutoTrain.Tasks;

/// <summary>Binary-classification metrics computed from the scored held-out rows of a fold.</summary>
internal static class BinaryMetrics
{
    /// <summary>The metric over scored rows (label Boolean, score Single, predicted label Boolean).</summary>
    public static double Compute(IDataView scored, string labelColumnName, AutoTrainMetric metric)
    {
        var (labels, scores, predicted) = Read(scored, labelColumnName, metric is AutoTrainMetric.Accuracy or AutoTrainMetric.F1Score);
        return metric switch
        {
            AutoTrainMetric.AreaUnderRocCurve => AreaUnderRocCurve(labels, scores),
            AutoTrainMetric.AreaUnderPrecisionRecallCurve => AveragePrecision(labels, scores),
            AutoTrainMetric.Accuracy => Accuracy(labels, predicted!),
            AutoTrainMetric.F1Score => F1(labels, predicted!),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a binary-classification metric."),
        };
    }

    /// <summary>
    /// AUC as the Mann–Whitney statistic: the probability that a random positive scores above a random negative,
    /// ties counting one half (average ranks). NaN when either class is absent.
    /// </summary>
    public static double AreaUnderRocCurve(IReadOnlyList<bool> labels, IReadOnlyList<float> scores)
    {
        int n = labels.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]].Equals(scores[order[start]])) end++;
            double averageRank = (start + end) / 2.0 + 1;
            for (int j = start; j <= end; j++)
            {
                if (labels[order[j]])
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Average precision: Σ (R_k − R_{k−1}) · P_k over score thresholds, tied scores taken together.</summary>
    public static double AveragePrecision(IReadOnlyList<bool> labels, IReadOnlyList<float> scores)
    {
        int n = labels.Count;
        long positives = labels.LongCount(l => l);
        if (positives == 0) return double.NaN;
        var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();
        double ap = 0, previousRecall = 0;
        long truePositives = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]].Equals(scores[order[start]])) end++;
            for (int j = start; j <= end; j++)
            {
                if (labels[order[j]]) truePositives++;
            }

            double recall = (double)truePositives / positives;
            double precision = (double)truePositives / (end + 1);
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
            start = end + 1;
        }

        return ap;
    }

    private static double Accuracy(List<bool> labels, List<bool> predicted) =>
        labels.Count == 0 ? double.NaN : (double)labels.Where((l, i) => l == predicted[i]).Count() / labels.Count;

    private static double F1(List<bool> labels, List<bool> predicted)
    {
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            if (predicted[i] && labels[i]) tp++;
            else if (predicted[i]) fp++;
            else if (labels[i]) fn++;
        }

        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static (List<bool> Labels, List<float> Scores, List<bool>? Predicted) Read(IDataView scored, string labelColumnName, bool needPredicted)
    {
        var label = scored.Schema[labelColumnName];
        var score = scored.Schema["Score"];
        var columns = new List<DataViewSchema.Column> { label, score };
        DataViewSchema.Column? predictedColumn = needPredicted ? scored.Schema["PredictedLabel"] : null;
        if (predictedColumn is { } pc) columns.Add(pc);

        var labels = new List<bool>();
        var scores = new List<float>();
        var predicted = needPredicted ? new List<bool>() : null;
        using var cursor = scored.GetRowCursor(columns);
        var labelGetter = cursor.GetGetter<bool>(label);
        var scoreGetter = cursor.GetGetter<float>(score);
        var predictedGetter = predictedColumn is { } p ? cursor.GetGetter<bool>(p) : null;
        bool l = false, pr = false;
        float s = 0;
        while (cursor.MoveNext())
        {
            labelGetter(ref l);
            scoreGetter(ref s);
            labels.Add(l);
            scores.Add(s);
            if (predictedGetter != null)
            {
                predictedGetter(ref pr);
                predicted!.Add(pr);
            }
        }

        return (labels, scores, predicted);
    }
}
