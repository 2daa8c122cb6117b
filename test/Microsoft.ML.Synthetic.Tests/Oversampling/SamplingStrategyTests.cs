using Microsoft.ML.Synthetic.Oversampling;

namespace Microsoft.ML.Synthetic.Tests.Oversampling;

/// <summary>The counts are imbalanced-learn's <c>sampling_strategy</c> rules, written out by hand here.</summary>
[TestClass]
public sealed class SamplingStrategyTests
{
    private static readonly string[] Names = ["a", "b", "c"];
    private static readonly int[] Counts = [50, 300, 20];

    [TestMethod]
    public void NotMajority_GrowsEveryOtherClassToTheMajority() =>
        CollectionAssert.AreEqual(new[] { 250, 0, 280 }, SamplingStrategy.NotMajority.RowsToAdd(Counts, Names, "y"));

    [TestMethod]
    public void Minority_GrowsOnlyTheSmallestClass() =>
        CollectionAssert.AreEqual(new[] { 0, 0, 280 }, SamplingStrategy.Minority.RowsToAdd(Counts, Names, "y"));

    [TestMethod]
    public void NotMinority_And_All()
    {
        CollectionAssert.AreEqual(new[] { 250, 0, 0 }, SamplingStrategy.NotMinority.RowsToAdd(Counts, Names, "y"));
        CollectionAssert.AreEqual(new[] { 250, 0, 280 }, SamplingStrategy.All.RowsToAdd(Counts, Names, "y"));
    }

    [TestMethod]
    public void Ratio_IsFloorOfRatioTimesMajority()
    {
        // int(300 * 0.55 - 50) = 115
        CollectionAssert.AreEqual(new[] { 115, 0 }, SamplingStrategy.Ratio(0.55).RowsToAdd([50, 300], ["a", "b"], "y"));
    }

    [TestMethod]
    public void Ratio_ThatWouldRemoveRows_ThrowsNamingClassAndLabel()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => SamplingStrategy.Ratio(0.1).RowsToAdd([50, 300], ["a", "b"], "income"));
        StringAssert.Contains(e.Message, "'a'");
        StringAssert.Contains(e.Message, "'income'");
    }

    [TestMethod]
    public void Ratio_WithThreeClasses_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => SamplingStrategy.Ratio(0.5).RowsToAdd(Counts, Names, "y"));

    [TestMethod]
    public void Counts_TrimmedNameMatches_UnknownOrSmallerIsAnError()
    {
        CollectionAssert.AreEqual(new[] { 0, 0, 80 }, SamplingStrategy.Counts(new Dictionary<string, int> { [" c "] = 100 }).RowsToAdd(Counts, Names, "y"));
        Assert.ThrowsExactly<ArgumentException>(() => SamplingStrategy.Counts(new Dictionary<string, int> { ["z"] = 100 }).RowsToAdd(Counts, Names, "y"));
        Assert.ThrowsExactly<ArgumentException>(() => SamplingStrategy.Counts(new Dictionary<string, int> { ["b"] = 100 }).RowsToAdd(Counts, Names, "y"));
    }

    [TestMethod]
    public void Ties_TheFirstLargestClassIsTheMajority() =>
        CollectionAssert.AreEqual(new[] { 0, 0, 90 }, SamplingStrategy.NotMajority.RowsToAdd([100, 100, 10], Names, "y"));
}
