using Microsoft.ML;
using static Microsoft.ML.Synthetic.Tests.Synthesizers.Arf.ArfTestData;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Arf;

/// <summary>Conditional sampling restricts the leaves: every row meets the conditions, with the right conditional law.</summary>
[TestClass]
public sealed class ArfConditionalTests
{
    private static ArfModel FitGroups(MLContext ml) => ml.Synthetic().Synthesizers.Arf(seed: 3).Fit(Groups(ml, 2000, seed: 21));

    [TestMethod]
    public void Sample_CategoryCondition_GivesOnlyThatCategoryAndItsConditionalMean()
    {
        var ml = new MLContext(seed: 1);
        var sample = FitGroups(ml).SampleTable(5000, new SampleConditions { ["Group"] = "b" }, 3);
        Assert.IsTrue(Labels(sample, "Group").All(g => g == "b"));
        Assert.AreEqual(5, Values(sample, "Value").Average(), 0.25, "E[Value | Group = b] = 5");
    }

    [TestMethod]
    public void Sample_RangeCondition_GivesOnlyValuesInRangeAndTheGroupsThatReachIt()
    {
        var ml = new MLContext(seed: 1);
        var sample = FitGroups(ml).SampleTable(5000, new SampleConditions { ["Value"] = SampleCondition.Between(3, 7) }, 3);
        var values = Values(sample, "Value");
        Assert.IsTrue(values.All(v => v is >= 3 and <= 7), "every value in [3, 7]");
        // P(b | Value ∈ [3, 7]) ≈ 0.3·0.954 / (0.3·0.954 + 0.5·0.00135) ≈ 0.998.
        double shareB = Labels(sample, "Group").Count(g => g == "b") / (double)values.Length;
        Assert.IsTrue(shareB > 0.97, $"share of group b is {shareB:P1}");
    }

    [TestMethod]
    public void Sample_RangeOnCorrelatedColumn_ShiftsTheOtherColumn()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Arf(seed: 3).Fit(CorrelatedGaussians(ml, 3000, 0.8, seed: 4));
        var sample = model.SampleTable(5000, new SampleConditions { ["X"] = SampleCondition.Between(1, 2) }, 7);
        Assert.IsTrue(Values(sample, "X").All(v => v is >= 1 and <= 2));
        // E[Y | 1 ≤ X ≤ 2] = ρ·E[X | 1 ≤ X ≤ 2] = 0.8 × (φ(1) − φ(2)) / (Φ(2) − Φ(1)) = 0.8 × 1.3832 ≈ 1.107.
        Assert.AreEqual(1.107, Values(sample, "Y").Average(), 0.15);
    }

    [TestMethod]
    public void Sample_TwoConditions_MeetsBoth()
    {
        var ml = new MLContext(seed: 1);
        var conditions = new SampleConditions { ["Group"] = "c", ["Count"] = SampleCondition.Between(5, 8) };
        var sample = FitGroups(ml).SampleTable(3000, conditions, 3);
        Assert.IsTrue(Labels(sample, "Group").All(g => g == "c"));
        Assert.IsTrue(Values(sample, "Count").All(v => v is >= 5 and <= 8 && v == Math.Round(v)));
    }

    [TestMethod]
    public void Sample_WholeNumberRangeWithoutValues_IsAnErrorNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var model = FitGroups(ml);
        var e = Assert.ThrowsExactly<ArgumentException>(() => model.SampleTable(10, new SampleConditions { ["Count"] = SampleCondition.Between(2.2, 2.8) }, 1));
        StringAssert.Contains(e.Message, "'Count'");
    }

    [TestMethod]
    public void Sample_ConditionNoLeafCanMeet_IsAnErrorNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var model = FitGroups(ml);
        // Group a never has Count above 3, and its leaves hold none.
        var e = Assert.ThrowsExactly<ArgumentException>(() => model.SampleTable(10, new SampleConditions { ["Group"] = "a", ["Count"] = SampleCondition.Between(7, 9) }, 1));
        StringAssert.Contains(e.Message, "'Count'");
    }
}
