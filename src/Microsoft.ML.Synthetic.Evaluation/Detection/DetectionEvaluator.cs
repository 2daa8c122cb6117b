using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace Microsoft.ML.Synthetic.Evaluation.Detection;

/// <summary>
/// The classifier two-sample test (Lopez-Paz &amp; Oquab, ICLR 2017; SDMetrics' LogisticDetection): label real rows
/// 0 and synthetic rows 1, fit a classifier on k − 1 stratified folds, score the held-out fold, and turn each
/// fold's ROC AUC into <c>max(0.5, AUC)·2 − 1</c>; the score is one minus their mean.
/// </summary>
internal static class DetectionEvaluator
{
    public static DetectionResult Evaluate(AlignedTables tables, MixedEncoding encoding, DetectionOptions options, int seed, CancellationToken cancellationToken)
    {
        var realRows = KernelMetrics.Sample(tables.Real.RowCount, options.MaxRowsPerTable ?? int.MaxValue, seed, 11);
        var syntheticRows = KernelMetrics.Sample(tables.Synthetic.RowCount, options.MaxRowsPerTable ?? int.MaxValue, seed, 12);
        if (realRows.Length < options.Folds || syntheticRows.Length < options.Folds)
        {
            throw new ArgumentException($"Detection with {options.Folds} folds needs at least {options.Folds} real and synthetic rows; got {realRows.Length} and {syntheticRows.Length}.");
        }

        var features = encoding.OneHotRows(tables.Real, realRows).Concat(encoding.OneHotRows(tables.Synthetic, syntheticRows)).ToArray();
        var labels = Enumerable.Repeat(false, realRows.Length).Concat(Enumerable.Repeat(true, syntheticRows.Length)).ToArray();
        var fold = StratifiedFolds(labels, options.Folds, seed);

        var detectors = new List<DetectorScore>();
        var ml = new MLContext(seed);
        if (options.LogisticRegression)
        {
            detectors.Add(Run("LogisticRegression", () => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
                new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = FeatureDataView.LabelColumn,
                    FeatureColumnName = FeatureDataView.FeaturesColumn,
                    NumberOfThreads = 1,
                }), ml, features, labels, fold, options.Folds, cancellationToken));
        }

        if (options.GradientBoostedTrees)
        {
            detectors.Add(Run("LightGbm", () => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = FeatureDataView.LabelColumn,
                FeatureColumnName = FeatureDataView.FeaturesColumn,
                NumberOfIterations = options.Iterations,
                Seed = seed,
                Deterministic = true,
                NumberOfThreads = 1,
                Verbose = false,
                Silent = true,
            }), ml, features, labels, fold, options.Folds, cancellationToken));
        }

        return new DetectionResult(detectors, realRows.Length, syntheticRows.Length);
    }

    /// <summary>Fold of each row: each class shuffled (seeded) and dealt round-robin, so every fold keeps the class ratio.</summary>
    internal static int[] StratifiedFolds(bool[] labels, int folds, int seed)
    {
        var fold = new int[labels.Length];
        var random = Numerics.SeedSequence.CreateRandom(seed, 13);
        foreach (var cls in new[] { false, true })
        {
            var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] == cls).ToArray();
            random.Shuffle(rows);
            for (int i = 0; i < rows.Length; i++) fold[rows[i]] = i % folds;
        }

        return fold;
    }

    private static DetectorScore Run(string name, Func<IEstimator<ITransformer>> trainer, MLContext ml, float[][] features, bool[] labels,
        int[] fold, int folds, CancellationToken cancellationToken)
    {
        var aucs = new double[folds];
        for (int f = 0; f < folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var train = Enumerable.Range(0, labels.Length).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, labels.Length).Where(i => fold[i] == f).ToArray();
            var trainView = FeatureDataView.Create(ml, train.Select(i => features[i]).ToArray(), train.Select(i => labels[i]).ToArray());
            var testLabels = test.Select(i => labels[i]).ToArray();
            var testView = FeatureDataView.Create(ml, test.Select(i => features[i]).ToArray(), testLabels);
            var model = trainer().Fit(trainView);
            var scores = model.Transform(testView).GetColumn<float>("Score").Select(s => (double)s).ToArray();
            aucs[f] = Auc.Compute(scores, testLabels);
        }

        double score = 1.0 - aucs.Select(a => Math.Max(0.5, a) * 2 - 1).Average();
        return new DetectorScore(name, aucs, aucs.Average(), score);
    }
}
