using Microsoft.ML;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests;

/// <summary><c>synthetic.Evaluation</c> (a C# 14 extension property) and the root <c>synthetic.Evaluate</c> shortcut.</summary>
[TestClass]
public sealed class EvaluationCatalogTests
{
    private static readonly EvaluationOptions FidelityOnly = new() { Seed = 3, Detection = new() { Enabled = false }, Privacy = new() { Enabled = false } };

    [TestMethod]
    public void Evaluation_SameSyntheticCatalog_ReturnsTheSameCatalogOwnedByIt()
    {
        var synthetic = new MLContext(seed: 1).Synthetic();

        var first = synthetic.Evaluation;
        var second = synthetic.Evaluation;

        Assert.AreSame(first, second);
        Assert.AreSame(synthetic, first.Owner);
        Assert.AreNotSame(synthetic.Evaluation, new MLContext(seed: 1).Synthetic().Evaluation);
    }

    [TestMethod]
    public void EvaluateShortcut_GivesTheSubCatalogsReport()
    {
        var synthetic = new MLContext(seed: 1).Synthetic();
        var real = AdultFixture.Train.ToDataView();
        var fake = AdultFixture.ShuffleColumns(AdultFixture.Test, 5).ToDataView();

        var viaShortcut = synthetic.Evaluate(real, fake, options: FidelityOnly);
        var viaCatalog = synthetic.Evaluation.Evaluate(real, fake, options: FidelityOnly);

        Assert.AreEqual(viaCatalog.OverallQuality, viaShortcut.OverallQuality);
        Assert.AreEqual(viaCatalog.Fidelity.ColumnPairTrends, viaShortcut.Fidelity.ColumnPairTrends);
        Assert.IsLessThan(1.0, viaShortcut.OverallQuality, "shuffled columns must not score as a perfect copy");
    }
}
