using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Detection;
using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Utility;

/// <summary>TSTR, TRTR and TRTS (Esteban et al. 2017; Jordon et al. 2018) with any ML.NET trainer.</summary>
internal static class UtilityEvaluator
{
    public static UtilityResult Evaluate(MLContext ml, AlignedTables tables, MixedRowEncoding encoding, UtilityOptions options, int seed, CancellationToken cancellationToken)
    {
        var holdout = tables.Holdout ?? throw new ArgumentException("Utility (TSTR) needs a holdout: real rows the synthesizer never saw.", nameof(tables));
        string label = options.LabelColumn!;
        int c = tables.IndexOf(label);
        if (c < 0) throw new ArgumentException($"The label column '{label}' is not in the data. Columns: {string.Join(", ", tables.Names)}.", nameof(options));
        var task = ResolveTask(tables, c, options.Task);
        int positive = task == UtilityTask.BinaryClassification ? PositiveCode(tables, c, options.PositiveClass) : -1;
        var features = encoding.Without(c);

        var real = Prepare(tables.Real, c, features);
        var synthetic = Prepare(tables.Synthetic, c, features);
        var test = Prepare(holdout, c, features);
        CheckTrainable(tables, c, task, real, "real");
        CheckTrainable(tables, c, task, synthetic, "synthetic");
        if (test.Rows.Length == 0) throw new ArgumentException($"The holdout has no row with an observed '{label}'.", nameof(tables));

        string trainerName = options.TrainerName ?? (options.Trainer is null ? "LightGbm" : options.Trainer(ml).GetType().Name);
        cancellationToken.ThrowIfCancellationRequested();
        var trainOnSynthetic = Fit(ml, synthetic, task, positive, options, seed, label, "synthetic");
        cancellationToken.ThrowIfCancellationRequested();
        var trainOnReal = Fit(ml, real, task, positive, options, seed, label, "real");
        cancellationToken.ThrowIfCancellationRequested();
        double scale = tables.ValueScales[c];
        var (tstr, tstrPredictions) = Score(ml, trainOnSynthetic, test, task, positive, scale);
        var (trtr, _) = Score(ml, trainOnReal, test, task, positive, scale);
        var (trts, _) = Score(ml, trainOnReal, synthetic, task, positive, scale);
        return new UtilityResult(label, task, trainerName, tstr, trtr, trts)
        {
            TstrHoldoutPredictions = tstrPredictions,
            TstrHoldoutRows = test.Rows,
        };
    }

    internal static UtilityTask ResolveTask(AlignedTables tables, int c, UtilityTask task)
    {
        var kind = tables.Kinds[c];
        if (task == UtilityTask.Auto)
        {
            if (kind == ColumnKind.Continuous) return UtilityTask.Regression;
            return tables.RealCategoryCounts[c] == 2 ? UtilityTask.BinaryClassification : UtilityTask.MulticlassClassification;
        }

        if (task == UtilityTask.Regression && kind != ColumnKind.Continuous) throw new ArgumentException($"The label column '{tables.Names[c]}' is categorical; regression needs a number.", nameof(task));
        if (task != UtilityTask.Regression && kind != ColumnKind.Categorical) throw new ArgumentException($"The label column '{tables.Names[c]}' is continuous; classification needs a categorical label (declare it categorical when reading).", nameof(task));
        return task;
    }

    internal static int PositiveCode(AlignedTables tables, int c, string? positiveClass)
    {
        var categories = tables.Categories[c];
        if (positiveClass is not null)
        {
            int code = Array.IndexOf(categories, positiveClass);
            return code >= 0 ? code : throw new ArgumentException($"The positive class '{positiveClass}' is not a category of '{tables.Names[c]}'. Categories: {string.Join(", ", categories.Select(k => $"'{k}'"))}.", nameof(positiveClass));
        }

        var real = categories.Take(tables.RealCategoryCounts[c]).Select((k, i) => (k, i)).OrderBy(p => p.k, StringComparer.Ordinal).ToArray();
        if (real.Length != 2) throw new ArgumentException($"Binary utility needs a label with two real categories; '{tables.Names[c]}' has {real.Length}.", nameof(tables));
        return real[1].i;
    }

    private sealed record Prepared(int[] Rows, VBuffer<float>[] Features, int Width, double[] Label);

    private static Prepared Prepare(TabularData table, int c, MixedRowEncoding features)
    {
        var rows = Enumerable.Range(0, table.RowCount).Where(i => !IsMissing(table, c, i)).ToArray();
        var label = rows.Select(i => table.Columns[c] is ContinuousColumn { Values: var values } ? values[i] : table.CodesOf(c)[i]).ToArray();
        return new Prepared(rows, features.SparseRows(table, rows), features.Width, label);
    }

    private static bool IsMissing(TabularData table, int c, int row) => table.Columns[c].IsMissing(row);

    private static void CheckTrainable(AlignedTables tables, int c, UtilityTask task, Prepared data, string role)
    {
        if (data.Rows.Length < 2) throw new ArgumentException($"The {role} data has {data.Rows.Length} row(s) with an observed '{tables.Names[c]}'; a model needs more.", role);
        if (task != UtilityTask.Regression && data.Label.Distinct().Count() < 2)
        {
            throw new ArgumentException($"The label column '{tables.Names[c]}' holds a single class ('{tables.Categories[c][(int)data.Label[0]]}') in the {role} data: no classifier can be trained on it.", role);
        }
    }

    private static IDataView View(MLContext ml, Prepared data, UtilityTask task, int positive) => task switch
    {
        UtilityTask.BinaryClassification => FeatureDataView.Create(ml, data.Features, data.Label.Select(l => (int)l == positive).ToArray(), data.Width),
        _ => FeatureDataView.Create(ml, data.Features, data.Label.Select(l => (float)l).ToArray(), data.Width),
    };

    private static ITransformer Fit(MLContext ml, Prepared data, UtilityTask task, int positive, UtilityOptions options, int seed, string label, string role)
    {
        var trainer = options.Trainer?.Invoke(ml) ?? DefaultTrainer(ml, task, seed);
        IEstimator<ITransformer> pipeline = task == UtilityTask.MulticlassClassification
            ? ml.Transforms.Conversion.MapValueToKey(FeatureDataView.LabelColumn).Append(trainer).Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            : trainer;
        try
        {
            return pipeline.Fit(View(ml, data, task, positive));
        }
        catch (Exception e) when (SingleLeafTrees.IsConversionFailure(e))
        {
            // Unlike a detector (where "no split" means "indistinguishable"), a utility model that predicts a constant
            // has no score to report honestly: say why and what to do.
            throw new InvalidOperationException($"LightGBM found no split in the {role} rows ({data.Rows.Length} with an observed '{label}'): every tree is a single leaf, which ML.NET cannot turn into a model (dotnet/machinelearning#5022). The {role} table is too small for LightGBM's 20 rows per leaf or its features do not vary. Evaluate with more rows, or set UtilityOptions.Trainer to another trainer.", e);
        }
    }

    private static IEstimator<ITransformer> DefaultTrainer(MLContext ml, UtilityTask task, int seed) => task switch
    {
        UtilityTask.BinaryClassification => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = FeatureDataView.LabelColumn, FeatureColumnName = FeatureDataView.FeaturesColumn,
            NumberOfIterations = 100, Seed = seed, Deterministic = true, NumberOfThreads = 1, Silent = true,
        }),
        UtilityTask.MulticlassClassification => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = FeatureDataView.LabelColumn, FeatureColumnName = FeatureDataView.FeaturesColumn,
            NumberOfIterations = 100, Seed = seed, Deterministic = true, NumberOfThreads = 1, Silent = true,
        }),
        _ => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            LabelColumnName = FeatureDataView.LabelColumn, FeatureColumnName = FeatureDataView.FeaturesColumn,
            NumberOfIterations = 100, Seed = seed, Deterministic = true, NumberOfThreads = 1, Silent = true,
        }),
    };

    /// <summary>
    /// Scores a model on a test set; returns the metrics and the predicted labels (1/0 for binary, class code for
    /// multiclass, value for regression). A regression label rescaled by <see cref="ValueScaling"/> (<paramref name="scale"/> ≠ 1)
    /// gets its RMSE and predictions back in the label's own unit.
    /// </summary>
    private static (UtilityScores Scores, double[] Predictions) Score(MLContext ml, ITransformer model, Prepared test, UtilityTask task, int positive, double scale)
    {
        var output = model.Transform(View(ml, test, task, positive));
        switch (task)
        {
            case UtilityTask.BinaryClassification:
            {
                var truth = test.Label.Select(l => (int)l == positive).ToArray();
                var scores = output.GetColumn<float>("Score").Select(s => (double)s).ToArray();
                var predicted = output.GetColumn<bool>("PredictedLabel").ToArray();
                double auc = truth.Distinct().Count() == 2 ? Auc.Compute(scores, truth) : double.NaN;
                return (new UtilityScores(Accuracy(truth, predicted), BinaryF1(truth, predicted), auc, double.NaN, double.NaN),
                    predicted.Select(p => p ? 1.0 : 0.0).ToArray());
            }

            case UtilityTask.MulticlassClassification:
            {
                var truth = test.Label.Select(l => (int)l).ToArray();
                var predicted = output.GetColumn<float>("PredictedLabel").Select(p => (int)p).ToArray();
                return (new UtilityScores(Accuracy(truth, predicted), MacroF1(truth, predicted), double.NaN, double.NaN, double.NaN),
                    predicted.Select(p => (double)p).ToArray());
            }

            default:
            {
                var predicted = output.GetColumn<float>("Score").Select(s => (double)s).ToArray();
                var regression = RegressionScores(test.Label, predicted);
                return (regression with { Rmse = regression.Rmse / scale }, predicted.Select(p => p / scale).ToArray());
            }
        }
    }

    internal static double Accuracy<T>(T[] truth, T[] predicted) =>
        truth.Zip(predicted).Count(p => EqualityComparer<T>.Default.Equals(p.First, p.Second)) / (double)truth.Length;

    /// <summary>F1 of the positive class: 2·TP / (2·TP + FP + FN); 0 when there is no positive at all.</summary>
    internal static double BinaryF1(bool[] truth, bool[] predicted)
    {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            if (truth[i] && predicted[i]) tp++;
            else if (!truth[i] && predicted[i]) fp++;
            else if (truth[i] && !predicted[i]) fn++;
        }

        return 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
    }

    /// <summary>Macro-F1: the unweighted mean of per-class F1 over the classes in the truth or the predictions (scikit-learn's definition).</summary>
    internal static double MacroF1(int[] truth, int[] predicted)
    {
        var classes = truth.Concat(predicted).Distinct().ToArray();
        return classes.Average(k => BinaryF1(truth.Select(t => t == k).ToArray(), predicted.Select(p => p == k).ToArray()));
    }

    /// <summary>R² = 1 − SS_res / SS_tot and RMSE.</summary>
    internal static UtilityScores RegressionScores(double[] truth, double[] predicted)
    {
        double mean = truth.Average(), ssRes = 0, ssTot = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            ssRes += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            ssTot += (truth[i] - mean) * (truth[i] - mean);
        }

        return new UtilityScores(double.NaN, double.NaN, double.NaN, ssTot > 0 ? 1 - ssRes / ssTot : double.NaN, Math.Sqrt(ssRes / truth.Length));
    }
}
