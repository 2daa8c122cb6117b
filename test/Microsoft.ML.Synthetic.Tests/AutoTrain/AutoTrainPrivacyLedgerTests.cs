using Microsoft.ML;
using Microsoft.ML.Synthetic.AutoTrain;

namespace Microsoft.ML.Synthetic.Tests.AutoTrain;

/// <summary>The ledger of an AutoTrain search with a DP step in its prefix: every refit is a release.</summary>
[TestClass]
public sealed class AutoTrainPrivacyLedgerTests
{
    [TestMethod]
    public void HoldoutSearch_SpendingBudgetInEveryFold_LedgerHasTheSplitAndTheFinalFit_LabelledAndComposedUnderEveryRule()
    {
        var ml = new MLContext(seed: 1);
        var data = AutoTrainLeakTests.Noise(ml, 80, seed: 2);
        var prefix = ml.Synthetic().Privacy.AddGaussianNoise("A", 0.5, 1e-6, 0, 1).Append(ml.Transforms.Concatenate("Features", "A", "B", "C", "D"));
        var options = new AutoTrainOptions { MaxTrials = 1, Folds = 1, Seed = 3, Trainers = ["LbfgsLogisticRegression"], SpendPrivacyBudgetInEveryFold = true };
        var model = ml.Synthetic().AutoTrain.BinaryClassification(prefix, "Label", options).Fit(data);

        var entries = model.PrivacyLedgerEntries;
        CollectionAssert.AreEqual(
            new[] { "AddGaussianNoise(A) [holdout split's training rows]", "AddGaussianNoise(A) [final fit, all rows]" },
            entries.Select(e => e.Step).ToArray());
        var basic = ml.Synthetic().Privacy.Ledger(model);
        Assert.AreEqual(1.0, basic.TotalEpsilon, 1e-12);
        Assert.AreEqual(2e-6, basic.TotalDelta, 1e-18);
        var rho = entries[0].Rho!.Value;
        var zcdp = ml.Synthetic().Privacy.Ledger(model, CompositionRule.ZeroConcentrated, 1e-6);
        Assert.AreEqual(2 * rho, zcdp.TotalRho!.Value, 1e-15, "ρ adds up over the two releases");
    }

    [TestMethod]
    public void Search_WithoutTheOption_RefusesTheDpStep_NamingTheStepTheReleasesAndTheOption()
    {
        var ml = new MLContext(seed: 1);
        var data = AutoTrainLeakTests.Noise(ml, 80, seed: 2);
        var prefix = ml.Synthetic().Privacy.AddLaplaceNoise("B", 1, 0, 1)
            .Append(ml.Transforms.Concatenate("Features", "A", "B", "C", "D"));
        var options = new AutoTrainOptions { MaxTrials = 1, Folds = 2, Seed = 3, Trainers = ["LbfgsLogisticRegression"] };
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Synthetic().AutoTrain.BinaryClassification(prefix, "Label", options).Fit(data));
        StringAssert.Contains(e.Message, "AddLaplaceNoise(B)");
        StringAssert.Contains(e.Message, "3 noisy views");
        StringAssert.Contains(e.Message, nameof(AutoTrainOptions.SpendPrivacyBudgetInEveryFold));
    }
}
