namespace Microsoft.ML.Synthetic.Evaluation.Detection;

/// <summary>Area under the ROC curve from scores, as the Mann–Whitney U statistic (ties count one half).</summary>
internal static class Auc
{
    /// <summary>
    /// The probability that a random positive scores above a random negative (ties ½): 1 = perfect ranking,
    /// 0.5 = chance. Needs at least one positive and one negative.
    /// </summary>
    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count) throw new ArgumentException("Scores and labels must have the same length.", nameof(labels));
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positives = labels.Count(l => l), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("The AUC needs both positive and negative labels.", nameof(labels));
        double rankSum = 0;
        int i = 0;
        while (i < order.Length)
        {
            int j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1.0;
            for (int k = i; k <= j; k++)
            {
                if (labels[order[k]]) rankSum += rank;
            }

            i = j + 1;
        }

        return (rankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
    }
}
