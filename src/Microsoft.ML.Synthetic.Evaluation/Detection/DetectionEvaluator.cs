using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Detection;

/// <summary>
/// The classifier two-sample test (Lopez-Paz &amp; Oquab, ICLR 2017; SDMetrics' LogisticDetection): label real rows
/// 0 and synthetic rows 1, fit a classifier on k − 1 stratified folds, score the held-out fold, and turn each
/// fold's ROC AUC into <c>max(0.5, AUC)·2 − 1</c>; the score is one minus their mean.
/// </summary>
internal static class DetectionEvaluator
{
    public static DetectionResult Evaluate(AlignedTables tables, MixedRowEncoding encoding, DetectionOptions options, int seed, CancellationToken cancellationToken)
    {
        int cap = options.MaxRowsPerTable ?? int.MaxValue;
        var realRows = KernelMetrics.Sample(tables.Real.RowCount, cap, seed, 11);
        var syntheticRows = KernelMetrics.Sample(tables.Synthetic.RowCount, cap, seed, 12);
        tables.Record("detection", options.MaxRowsPerTable, "DetectionOptions.MaxRowsPerTable", realRows.Length, syntheticRows.Length, 0);
        if (realRows.Length < options.Folds || syntheticRows.Length < options.Folds)
        {
            throw new ArgumentException($"Detection with {options.Folds} folds needs at least {options.Folds} real and synthetic rows; got {realRows.Length} and {syntheticRows.Length}.");
        }

        var features = encoding.SparseRows(tables.Real, realRows).Concat(encoding.SparseRows(tables.Synthetic, syntheticRows)).ToArray();
        int width = encoding.Width;
        var labels = Enumerable.Repeat(false, realRows.Length).Concat(Enumerable.Repeat(true, syntheticRows.Length)).ToArray();
        var fold = StratifiedFolds(labels, options.Folds, seed);

        var trainers = new List<(string Name, Func<MLContext, IEstimator<ITransformer>> Create)>();
        if (options.LogisticRegression)
        {
            trainers.Add(("LogisticRegression", ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
                new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = FeatureDataView.LabelColumn,
                    FeatureColumnName = FeatureDataView.FeaturesColumn,
                    NumberOfThreads = 1,
                })));
        }

        if (options.GradientBoostedTrees)
        {
            trainers.Add(("LightGbm", ml => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = FeatureDataView.LabelColumn,
                FeatureColumnName = FeatureDataView.FeaturesColumn,
                NumberOfIterations = options.Iterations,
                Seed = seed,
                Deterministic = true,
                NumberOfThreads = 1,
                Verbose = false,
                Silent = true,
            })));
        }

        // Every (detector, fold) fit is independent: run them on all cores, each with its own seeded context,
        // single-threaded inside, so the result does not depend on scheduling.
        var aucs = new double[trainers.Count, options.Folds];
        Parallel.For(0, trainers.Count * options.Folds, new ParallelOptions { CancellationToken = cancellationToken }, job =>
        {
            int t = job / options.Folds, f = job % options.Folds;
            var ml = new MLContext(Numerics.SeedSequence.Derive(seed, 100 + job));
            aucs[t, f] = FoldAuc(trainers[t].Create(ml), ml, features, width, labels, fold, f);
        });
        var detectors = trainers.Select((trainer, t) =>
        {
            var foldAucs = Enumerable.Range(0, options.Folds).Select(f => aucs[t, f]).ToArray();
            double score = 1.0 - foldAucs.Select(a => Math.Max(0.5, a) * 2 - 1).Average();
            return new DetectorScore(trainer.Name, foldAucs, foldAucs.Average(), score);
        }).ToList();
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

    private static double FoldAuc(IEstimator<ITransformer> trainer, MLContext ml, VBuffer<float>[] features, int width, bool[] labels, int[] fold, int f)
    {
        var train = Enumerable.Range(0, labels.Length).Where(i => fold[i] != f).ToArray();
        var test = Enumerable.Range(0, labels.Length).Where(i => fold[i] == f).ToArray();
        var trainView = FeatureDataView.Create(ml, train.Select(i => features[i]).ToArray(), train.Select(i => labels[i]).ToArray(), width);
        var testLabels = test.Select(i => labels[i]).ToArray();
        var testView = FeatureDataView.Create(ml, test.Select(i => features[i]).ToArray(), testLabels, width);
        ITransformer model;
        try
        {
            model = trainer.Fit(trainView);
        }
        catch (Exception e) when (SingleLeafTrees.IsConversionFailure(e))
        {
            return 0.5;   // LightGBM found no split between real and synthetic rows: a constant score, AUC ½ (see SingleLeafTrees)
        }

        var scores = model.Transform(testView).GetColumn<float>("Score").Select(s => (double)s).ToArray();
        return Auc.Compute(scores, testLabels);
    }
}
