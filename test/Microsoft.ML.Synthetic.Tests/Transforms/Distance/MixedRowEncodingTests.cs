using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Tests.Transforms.Distance;

/// <summary>The row encoding SMOTE-NC's neighbour search and the evaluation's distances and classifiers share.</summary>
[TestClass]
public sealed class MixedRowEncodingTests
{
    private static readonly string[] Colors = ["red", "green", "blue"];

    // Columns: K (categorical, 3 categories), X (continuous), Y (continuous).
    private static TabularData Table(int[] k, double[] x, double[] y) => new(
        new TabularSchema([
            new TableColumnInfo("K", ColumnKind.Categorical, TextDataViewType.Instance, false, Colors, double.NaN, double.NaN, null, null),
            new TableColumnInfo("X", ColumnKind.Continuous, NumberDataViewType.Double, false, [], double.NaN, double.NaN, null, null),
            new TableColumnInfo("Y", ColumnKind.Continuous, NumberDataViewType.Double, false, [], double.NaN, double.NaN, null, null),
        ]),
        [new CategoricalColumn("K", k, Colors), new ContinuousColumn("X", x, false), new ContinuousColumn("Y", y, false)]);

    private static double Squared(float[] points, int width, int a, int b) =>
        Enumerable.Range(0, width).Sum(d => Math.Pow(points[(a * width) + d] - points[(b * width) + d], 2));

    [TestMethod]
    public void DensePoints_Unscaled_DifferingCategoryAddsTwiceTheOneHotValueSquared()
    {
        // SMOTE-NC (Chawla et al. 2002, §6.1): a differing nominal value adds Med² / 2 with one-hot entries Med / 2.
        var table = Table([0, 2, -1, 0], [1, 4, 1, 1], [0, 0, 3, 0]);
        var encoding = MixedRowEncoding.Unscaled(table, [1, 2, 0]);
        float h = 0.75f;

        var points = encoding.DensePoints(table, [0, 1, 2, 3], h);

        Assert.AreEqual(2 + 4, encoding.Width, "two continuous slots, three categories and missing");
        CollectionAssert.AreEqual(new float[] { 1, 0, h, 0, 0, 0 }, points[..6]);
        CollectionAssert.AreEqual(new float[] { 1, 3, 0, 0, 0, h }, points[12..18], "missing takes the last slot of the block");
        Assert.AreEqual((3.0 * 3) + (2 * h * h), Squared(points, 6, 0, 1), 1e-6);
        Assert.AreEqual((3.0 * 3) + (2 * h * h), Squared(points, 6, 0, 2), 1e-6, "missing is a category of its own");
        Assert.AreEqual(0, Squared(points, 6, 0, 3));
    }

    [TestMethod]
    public void FitMinRange_ScalesByTheReferenceMinimumAndRange_AndMissingIsSentinelOrReferenceMean()
    {
        var reference = Table([0, 1, 2, 0], [10, 20, double.NaN, 30], [5, 5, 5, 5]);
        var other = Table([1, -1, 0, 2], [40, double.NaN, 10, 25], [5, 6, double.NaN, 5]);
        var encoding = MixedRowEncoding.FitMinRange(reference, [0, 1, 2]);

        var columns = encoding.ColumnMajor(other);
        var filled = encoding.ColumnMajor(other, [1], fillMissing: true);

        CollectionAssert.AreEqual(new[] { 1, 2 }, encoding.ScaledContinuous);
        CollectionAssert.AreEqual(new[] { 1.5f, MixedRowEncoding.MissingValue, 0f, 0.75f }, columns[0], "(x − 10) / 20");
        CollectionAssert.AreEqual(new[] { 0f, 1f, MixedRowEncoding.MissingValue, 0f }, columns[1], "a constant reference column has range 1");
        CollectionAssert.AreEqual(new[] { 1f, -1f, 0f, 2f }, columns[2], "codes after the continuous columns");
        Assert.AreEqual(0.5f, filled[0][0], 1e-7f, "the reference mean of X is 20: (20 − 10) / 20");
    }

    [TestMethod]
    public void FitMinRange_ExactConstantColumns_CodesAConstantColumnByValueAfterTheCategories()
    {
        var reference = Table([0, 1], [10, 20], [5, 5]);
        var other = Table([0, 1, 2], [10, 10, 10], [5, 7, double.NaN]);
        var encoding = MixedRowEncoding.FitMinRange(reference, [0, 1, 2], exactConstantColumns: true);

        var columns = encoding.ColumnMajor(other);

        CollectionAssert.AreEqual(new[] { 1 }, encoding.ScaledContinuous);
        CollectionAssert.AreEqual(new[] { 2 }, encoding.ExactContinuous);
        CollectionAssert.AreEqual(new[] { 0f, 1f, -1f }, columns[2], "the reference value is code 0, a new value the next code, missing -1");
    }

    [TestMethod]
    public void SparseRows_HoldTheDenseVectorWithOneHotOne_AndWithoutDropsTheFeaturesSlots()
    {
        var table = Table([2, -1, 1], [1, 4, double.NaN], [0, 3, 1]);
        var encoding = MixedRowEncoding.FitMinRange(table, [0, 1, 2]);
        var rows = new[] { 0, 1 };

        var dense = encoding.DensePoints(table, rows);
        var sparse = encoding.SparseRows(table, rows);
        var withoutK = encoding.Without(0).SparseRows(table, rows);

        for (int i = 0; i < rows.Length; i++)
        {
            Assert.AreEqual(encoding.Width, sparse[i].Length);
            CollectionAssert.AreEqual(dense[(i * 6)..((i + 1) * 6)], sparse[i].DenseValues().ToArray());
        }

        Assert.AreEqual(2, encoding.Without(0).Width);
        CollectionAssert.AreEqual(new[] { 1f, 1f }, withoutK[1].DenseValues().ToArray(), "X (4 − 1) / 3 and Y 3 / 3");
        CollectionAssert.AreEqual(new[] { 0f, 1f, 0f, 0f, 0.5f, 1f / 3 }, encoding.SparseRows(table, [2])[0].DenseValues().ToArray(), "K code 1; missing X at the reference mean ((1 + 4) / 2 − 1) / 3");
    }
}
