using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic.Tests.TrainOnly;

[TestClass]
public sealed class TrainOnlyTransformerBaseTests
{
    private sealed class Row
    {
        public float X { get; set; }
        public float Y { get; set; }
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }

    /// <summary>A stage that repeats every training row twice more.</summary>
    private sealed class TriplingEstimator(MLContext ml) : TrainOnlyEstimatorBase<TriplingTransformer>
    {
        private protected override TriplingTransformer FitCore(IDataView input) => new(ml, input);
    }

    private sealed class TriplingTransformer(MLContext ml, IDataView fittedOn) : TrainOnlyTransformerBase(ml, fittedOn)
    {
        private protected override IDataView TransformTraining(IDataView trainingData)
        {
            var rows = Context.Data.CreateEnumerable<Row>(trainingData, reuseRowObject: false).ToList();
            return Context.Data.LoadFromEnumerable(rows.Concat(rows).Concat(rows));
        }
    }

    private static IDataView Data(MLContext ml, int n) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, n).Select(i => new Row { X = i, Y = 2 * i + 1 }));

    private static long Count(IDataView view)
    {
        long n = 0;
        using var cursor = view.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            n++;
        }

        return n;
    }

    [TestMethod]
    public void Fit_NextEstimatorSeesTrainingRows_ScoringIsIdentity()
    {
        var ml = new MLContext(seed: 1);
        var train = Data(ml, 10);
        long seenByNext = -1;
        var spy = new CountingEstimator(v => seenByNext = Count(v));
        var model = new TriplingEstimator(ml).Append(spy).Fit(train);

        Assert.AreEqual(30, seenByNext, "the estimator after the stage is fitted on the tripled rows");
        Assert.AreEqual(10, Count(model.Transform(train)), "scoring the training data returns its own rows");
        Assert.AreEqual(4, Count(model.Transform(Data(ml, 4))));
    }

    [TestMethod]
    public void FittedChain_WorksWithPredictionEngine_AndSavesAndLoadsAsIdentity()
    {
        var ml = new MLContext(seed: 1);
        var train = Data(ml, 50);
        var model = new TriplingEstimator(ml)
            .Append(ml.Transforms.Concatenate("Features", "X"))
            .Append(ml.Regression.Trainers.Sdca(labelColumnName: "Y", maximumNumberOfIterations: 5))
            .Fit(train);

        var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
        var before = engine.Predict(new Row { X = 3 }).Score;

        using var stream = new MemoryStream();
        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);
        var after = ml.Model.CreatePredictionEngine<Row, Prediction>(loaded).Predict(new Row { X = 3 }).Score;

        Assert.AreEqual(before, after, 1e-6);
        Assert.AreEqual(50, Count(loaded.Transform(train)));
    }

    private sealed class CountingEstimator(Action<IDataView> onFit) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input)
        {
            onFit(input);
            return new MLContext().Transforms.CopyColumns("XCopy", "X").Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
    }
}
