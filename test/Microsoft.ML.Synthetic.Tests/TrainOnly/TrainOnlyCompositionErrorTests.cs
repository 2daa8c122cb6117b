using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Oversampling;
using Microsoft.ML.Synthetic.Tests.TrainOnly.Matrix;

namespace Microsoft.ML.Synthetic.Tests.TrainOnly;

/// <summary>
/// The compositions the library refuses instead of silently skipping a train-only stage, and the release recorder
/// outside ML.NET's CrossValidate.
/// </summary>
[TestClass]
public sealed class TrainOnlyCompositionErrorTests
{
    private static readonly string[] Columns = ["A", "B", "Label"];

    /// <summary>A custom estimator that fits a chain and hides it behind its own transformer.</summary>
    private sealed class WrappingEstimator(IEstimator<ITransformer> inner) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input) => new WrappingTransformer(inner.Fit(input));

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inner.GetOutputSchema(inputSchema);
    }

    private sealed class WrappingTransformer(ITransformer inner) : ITransformer
    {
        public bool IsRowToRowMapper => inner.IsRowToRowMapper;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inner.GetOutputSchema(inputSchema);

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => inner.GetRowToRowMapper(inputSchema);

        public IDataView Transform(IDataView input) => inner.Transform(input);

        void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException();
    }

    /// <summary>An upstream step whose every Transform returns other rows (here: the rows in a new order).</summary>
    private sealed class ReshufflingEstimator(MLContext ml) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input) => new ReshufflingTransformer(ml);

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
    }

    private sealed class ReshufflingTransformer(MLContext ml) : ITransformer
    {
        private int _calls;

        public bool IsRowToRowMapper => false;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

        public IDataView Transform(IDataView input) => ml.Data.ShuffleRows(input, seed: ++_calls);

        void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException();
    }

    private static (MLContext Ml, IDataView Data) Data()
    {
        var ml = new MLContext(seed: 1);
        return (ml, MatrixData.View(ml, MatrixData.Table(), Columns));
    }

    [TestMethod]
    public void Fit_StageInsideACustomTransformerWrappingItsChain_ThrowsNamingTheStageAndTheComposition()
    {
        var (ml, data) = Data();
        var spy = new RowSpy(ml, Columns);
        var pipeline = new WrappingEstimator(ml.Synthetic().Privacy.AddLaplaceNoise("A", 0.5, 0, 20).Append(ml.Transforms.CopyColumns("A2", "A")))
            .Append(spy);

        var e = Assert.ThrowsExactly<InvalidOperationException>(() => pipeline.Fit(data));
        StringAssert.Contains(e.Message, "AddLaplaceNoise(A) is a train-only stage");
        StringAssert.Contains(e.Message, "EstimatorChain.Append");
        Assert.AreEqual(0, spy.Fits.Count, "nothing after the stage was fitted on the real rows");
    }

    [TestMethod]
    public void Fit_StageAfterAStepThatChangesItsRowsOnEveryTransform_ThrowsInsteadOfTrainingOnOtherRows()
    {
        var (ml, data) = Data();
        IEstimator<ITransformer> inner = new ReshufflingEstimator(ml).Append(ml.Synthetic().Resampling.Smote("Label", kNeighbors: 3, seed: 5))
            .Append(ml.Transforms.CopyColumns("A2", "A"));
        var pipeline = inner.Append(new RowSpy(ml, Columns));

        var e = Assert.ThrowsExactly<InvalidOperationException>(() => pipeline.Fit(data));
        StringAssert.Contains(e.Message, "Oversample(label: 'Label', SMOTE");
        StringAssert.Contains(e.Message, "different rows");
    }

    [TestMethod]
    public void StandaloneFit_FirstTransformOfItsDataGetsTheTrainingRows_EveryLaterCallIsIdentity()
    {
        var (ml, data) = Data();
        var fitted = ml.Synthetic().Resampling.RandomOverSample("Label", seed: 5).Fit(data);
        var real = MatrixData.Read(data, Columns);

        Assert.AreEqual(72, MatrixData.Read(fitted.Transform(data), Columns).Count, "36 + 36: the minority class raised to the majority's 36 rows");
        CollectionAssert.AreEqual(real, MatrixData.Read(fitted.Transform(data), Columns), "later calls are the identity");
    }

    [TestMethod]
    public void ReleaseRecorder_CountsEveryFitOfADpStage_NestedRecordersBothCount_DisposedRecorderStops()
    {
        var (ml, data) = Data();
        var privacy = ml.Synthetic().Privacy;
        var pipeline = privacy.AddLaplaceNoise("A", 0.25, 0, 20).Append(privacy.AddGaussianNoise("B", 0.5, 1e-6, 0, 10));
        using var outer = privacy.RecordReleases();
        using (var inner = privacy.RecordReleases())
        {
            pipeline.Fit(data);
            pipeline.Fit(data);
            Assert.AreEqual(4, inner.Entries.Count);
            Assert.AreEqual(1.5, inner.Ledger().TotalEpsilon, 1e-12, "2 × (0.25 + 0.5)");
        }

        pipeline.Fit(data);
        Assert.AreEqual(6, outer.Entries.Count, "the outer recorder saw all three fits");
        Assert.AreEqual(2.25, outer.Ledger().TotalEpsilon, 1e-12);
        Assert.AreEqual(3e-6, outer.Ledger().TotalDelta, 1e-18);
    }
}
