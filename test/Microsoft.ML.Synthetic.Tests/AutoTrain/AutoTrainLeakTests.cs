using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.AutoTrain;
using Microsoft.ML.Synthetic.AutoTrain.Validation;
using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic.Tests.AutoTrain;

/// <summary>
/// Rule 3 of the train-only contract through AutoTrain: with pure-noise labels, a duplicating train-only stage in
/// the prefix must not inflate the cross-validated score, while duplicating before the split does.
/// </summary>
[TestClass]
public sealed class AutoTrainLeakTests
{
    public sealed class NoiseRow
    {
        public float A { get; set; }
        public float B { get; set; }
        public float C { get; set; }
        public float D { get; set; }
        public bool Label { get; set; }
    }

    /// <summary>A test-only oversampler: repeats every training row <c>copies</c> times (a stand-in for SMOTE-like stages).</summary>
    private sealed class DuplicatingEstimator(MLContext ml, int copies, List<long>? seenRows = null) : TrainOnlyEstimatorBase<DuplicatingTransformer>
    {
        private protected override DuplicatingTransformer FitCore(IDataView input) => new(ml, input, copies, seenRows);
    }

    private sealed class DuplicatingTransformer(MLContext ml, IDataView fittedOn, int copies, List<long>? seenRows) : TrainOnlyTransformerBase(ml, fittedOn)
    {
        private protected override IDataView TransformTraining(IDataView trainingData)
        {
            var rows = Context.Data.CreateEnumerable<NoiseRow>(trainingData, reuseRowObject: false).ToList();
            lock (this) seenRows?.Add(rows.Count);
            return Context.Data.LoadFromEnumerable(Enumerable.Repeat(rows, copies).SelectMany(r => r).ToList());
        }
    }

    internal static IDataView Noise(MLContext ml, int n, int seed)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, n).Select(_ => new NoiseRow
        {
            A = (float)random.NextDouble(), B = (float)random.NextDouble(), C = (float)random.NextDouble(), D = (float)random.NextDouble(),
            Label = random.NextDouble() < 0.5,
        }).ToList());
    }

    private static AutoTrainOptions Options() => new()
    {
        MaxTrials = 16, Folds = 3, Seed = 7, Trainers = ["LightGbm", "FastTree"], TrainerThreads = 1,
    };

    [TestMethod]
    public void NoiseLabels_DuplicatingStageInPrefix_CvAucStaysNearHalf_WhileDuplicatingBeforeCvInflatesIt()
    {
        var ml = new MLContext(seed: 1);
        var data = Noise(ml, 300, seed: 3);
        var synthetic = ml.Synthetic();

        // Leak-free: the stage is in the prefix, so AutoTrain refits it inside each training fold.
        var prefix = new DuplicatingEstimator(ml, 4).Append(ml.Transforms.Concatenate("Features", "A", "B", "C", "D"));
        var clean = synthetic.AutoTrain.BinaryClassification(prefix, "Label", Options()).Fit(data);

        // Leaky: the same duplication applied to all rows before the split — copies of held-out rows are trained on.
        var duplicated = new DuplicatingEstimator(ml, 4).Fit(data).Transform(data);   // first Transform on its fit data: the copies
        var leaky = synthetic.AutoTrain.BinaryClassification(ml.Transforms.Concatenate("Features", "A", "B", "C", "D"), "Label", Options()).Fit(ml.Data.Cache(duplicated));

        Console.WriteLine($"leak-free:\n{clean.Leaderboard}\nleaky:\n{leaky.Leaderboard}");
        double cleanAuc = clean.BestTrial.MetricMean, leakyAuc = leaky.BestTrial.MetricMean;
        Assert.IsTrue(Math.Abs(cleanAuc - 0.5) < 0.08, $"leak-free CV AUC {cleanAuc:F3} should be ≈ 0.5 on noise labels\n{clean.Leaderboard}");
        Assert.IsTrue(clean.Leaderboard.All(t => t.MetricMean < 0.58), $"no trial may look skilful on noise\n{clean.Leaderboard}");
        Assert.IsTrue(leakyAuc > 0.75, $"duplicating before CV should inflate the AUC; got {leakyAuc:F3}\n{leaky.Leaderboard}");
    }

    [TestMethod]
    public void TrainOnlyStage_IsRefittedOnEachTrainingFold_AndOnAllDataForTheFinalModel()
    {
        var ml = new MLContext(seed: 1);
        var data = Noise(ml, 240, seed: 4);
        var seen = new List<long>();
        // A nested chain (ML.NET's Append extension on a chain typed as IEstimator wraps it as one stage):
        // AutoTrain must flatten it so the stage still sees its fit-data object.
        IEstimator<ITransformer> inner = new DuplicatingEstimator(ml, 2, seen).Append(ml.Transforms.Concatenate("Features", "A", "B", "C", "D"));
        var prefix = inner.Append(ml.Transforms.NormalizeMinMax("Features"));
        var options = new AutoTrainOptions { MaxTrials = 2, Folds = 4, Seed = 1, Trainers = ["LightGbm"] };
        var model = ml.Synthetic().AutoTrain.BinaryClassification(prefix, "Label", options).Fit(data);

        CollectionAssert.AreEqual(new long[] { 180, 180, 180, 180, 240 }, seen, "one training-time call per fold (3/4 of the rows) and one on all rows");
        Assert.AreEqual(240, CountRows(model.Transform(data)), "the fitted chain scores exactly the rows it is given");
    }

    [TestMethod]
    public void Flattener_ExpandsNestedChains_KeepingOrder()
    {
        var ml = new MLContext(seed: 1);
        IEstimator<ITransformer> a = ml.Transforms.CopyColumns("A1", "A").Append(ml.Transforms.CopyColumns("B1", "B"));
        var nested = a.Append(ml.Transforms.CopyColumns("C1", "C"));
        var flat = PipelineFlattener.Flatten(nested);
        Assert.AreEqual(3, flat.Count);
        Assert.IsFalse(flat.Any(s => s.Estimator.GetType().IsGenericType && s.Estimator.GetType().GetGenericTypeDefinition() == typeof(EstimatorChain<>)));
    }

    /// <summary>A custom estimator that wraps a whole chain: AutoTrain cannot see the stages inside.</summary>
    private sealed class OpaqueWrapper(IEstimator<ITransformer> inner) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input) => inner.Fit(input);

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inner.GetOutputSchema(inputSchema);
    }

    /// <summary>An estimator that records the number of rows of every fit and passes the rows on.</summary>
    private sealed class RowCounter(MLContext ml, List<long> fits) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input)
        {
            lock (fits) fits.Add(CountRows(input));
            return ml.Transforms.CopyColumns("Counted", "A").Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => ml.Transforms.CopyColumns("Counted", "A").GetOutputSchema(inputSchema);
    }

    [TestMethod]
    public void TrainOnlyStageHiddenInAnOpaqueStage_StillTrainsTheStagesAfterIt_OnEachFoldAndTheFinalFit()
    {
        var ml = new MLContext(seed: 1);
        var data = Noise(ml, 120, seed: 4);
        var counts = new List<long>();
        var hidden = new OpaqueWrapper(new DuplicatingEstimator(ml, 2).Append(ml.Transforms.Concatenate("Features", "A", "B", "C", "D")));
        var prefix = hidden.Append(new RowCounter(ml, counts));
        var options = new AutoTrainOptions { MaxTrials = 1, Folds = 2, Seed = 1, Trainers = ["LightGbm"] };
        var model = ml.Synthetic().AutoTrain.BinaryClassification(prefix, "Label", options).Fit(data);

        CollectionAssert.AreEqual(new long[] { 120, 120, 240 }, counts, "the stage after the wrapper sees the doubled rows of each fold (60 → 120) and of all rows");
        Assert.AreEqual(120, CountRows(model.Transform(data)), "the fitted chain scores exactly the rows it is given");
    }

    internal static long CountRows(IDataView view)
    {
        long n = 0;
        using var cursor = view.GetRowCursor([]);
        while (cursor.MoveNext()) n++;
        return n;
    }
}
