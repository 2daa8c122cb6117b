using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Gate;

[TestClass]
public sealed class QualityGateTests
{
    private static readonly IDataView Real = AdultFixture.Train.SelectRows(Enumerable.Range(0, 6000).ToArray()).ToDataView();
    private static readonly IDataView Good = AdultFixture.Test.SelectRows(Enumerable.Range(0, 3000).ToArray()).ToDataView();
    private static readonly IDataView Shuffled = AdultFixture.ShuffleColumns(AdultFixture.Test.SelectRows(Enumerable.Range(0, 3000).ToArray()), 6).ToDataView();

    [TestMethod]
    public void GoodData_PassesAndTheStageIsTheIdentity()
    {
        var ml = new MLContext(seed: 1);
        var model = new StandInSynthesizer(Good).Append(ml.Synthetic().Evaluation.QualityGate(Real, minimumQuality: 0.95)).Fit(Real);
        var gate = model.LastTransformer;
        Assert.IsGreaterThanOrEqualTo(0.95, gate.Report.OverallQuality);
        var rows = Good.Preview(5).RowView;
        Assert.AreSame(Good, gate.Transform(Good));

        using var stream = new MemoryStream();
        ml.Model.Save(gate, Good.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);
        var reloaded = loaded.Transform(Good).Preview(5).RowView;
        for (int r = 0; r < 5; r++)
        {
            CollectionAssert.AreEqual(rows[r].Values.Select(v => v.Value.ToString()).ToArray(), reloaded[r].Values.Select(v => v.Value.ToString()).ToArray());
        }
    }

    [TestMethod]
    public void AfterTheGaussianCopula_InAPipeline()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Synthetic().Synthesizers.GaussianCopula().Append(ml.Synthetic().Evaluation.QualityGate(Real, minimumQuality: 0.9));
        var model = pipeline.Fit(Real);
        Console.WriteLine($"copula samples through the gate: overall {model.LastTransformer.Report.OverallQuality:F4}");
        Assert.IsGreaterThanOrEqualTo(0.9, model.LastTransformer.Report.OverallQuality);
        Assert.AreEqual(6000, model.LastTransformer.Report.SyntheticRows);

        var strict = ml.Synthetic().Synthesizers.GaussianCopula().Append(ml.Synthetic().Evaluation.QualityGate(Real, minimumQuality: 0.999));
        var error = Assert.ThrowsExactly<QualityGateException>(() => strict.Fit(Real));
        StringAssert.Contains(error.Message, "fidelity.overall = ");
    }

    [TestMethod]
    public void BadData_FailsWithEveryFigureUnderItsThreshold()
    {
        var ml = new MLContext(seed: 1);
        var options = new QualityGateOptions { Evaluation = { Seed = 1, Detection = { Enabled = false }, Privacy = { Enabled = false } } };
        options.Minimums["fidelity.overall"] = 0.97;
        options.Minimums["fidelity.column_pair_trends"] = 0.95;
        options.Minimums["fidelity.column_shapes"] = 0.5;
        options.Minimums["utility.tstr_trtr_ratio"] = 0.9;
        options.Maximums["fidelity.mmd"] = 0.01;
        var pipeline = new StandInSynthesizer(Shuffled).Append(ml.Synthetic().Evaluation.QualityGate(Real, options));
        var error = Assert.ThrowsExactly<QualityGateException>(() => pipeline.Fit(Real));
        Console.WriteLine(error.Message);
        CollectionAssert.AreEquivalent(new[] { "fidelity.overall", "fidelity.column_pair_trends", "utility.tstr_trtr_ratio", "fidelity.mmd" }, error.Failures.Select(f => f.Metric).ToArray());
        var trends = error.Failures.Single(f => f.Metric == "fidelity.column_pair_trends");
        Assert.AreEqual(error.Report!.Fidelity.ColumnPairTrends, trends.Value, 1e-15);
        StringAssert.Contains(error.Message, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"fidelity.column_pair_trends = {trends.Value:0.####} < minimum 0.95"));
        StringAssert.Contains(error.Message, "utility.tstr_trtr_ratio: not computed");
        StringAssert.Contains(error.Message, "fidelity.mmd = ");
    }

    [TestMethod]
    public void DetectionThreshold_FromTheShortOverload()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = new StandInSynthesizer(Shuffled).Append(ml.Synthetic().Evaluation.QualityGate(Real, minimumQuality: 0.5, minimumDetection: 0.5));
        var error = Assert.ThrowsExactly<QualityGateException>(() => pipeline.Fit(Real));
        Assert.AreEqual("detection.score", error.Failures.Single().Metric);
    }

    /// <summary>Stands for a synthesizer until one exists: fitting returns a model whose output is a fixed table.</summary>
    private sealed class StandInSynthesizer(IDataView output) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input) => new Model(output);

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;

        private sealed class Model(IDataView output) : ITransformer
        {
            public bool IsRowToRowMapper => false;

            public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => output.Schema;

            public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

            public IDataView Transform(IDataView input) => output;

            public void Save(ModelSaveContext ctx) => throw new NotSupportedException();
        }
    }
}
