using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Transforms;

namespace Microsoft.ML.Synthetic.Tests.Transforms;

/// <summary>
/// The one round-trip suite of the transform layer: every kind of <see cref="ColumnTransformer"/> on every column form
/// (fractional and whole Singles, Int32, Double with ties, text with missing values, Boolean), over several seeded
/// tables. Reverse(Transform(x)) gives x exactly for categories, whole numbers and missing values, and within a
/// stated tolerance for fractional numbers; save and load give identical transformers; errors name the column.
/// </summary>
[TestClass]
public sealed class ColumnTransformerRoundTripTests
{
    private static readonly int[] Seeds = [1, 2, 3];

    /// <summary>
    /// The tolerance on a fractional value, relative to the column's range: α and one-hot are exact in Single for the
    /// mode-specific kind (α has 24 bits over 8σ). The quantile and normal-score kinds are checked in their own
    /// spaces (see <see cref="QuantileTolerance"/> and <see cref="NormalScoreTolerance"/>).
    /// </summary>
    private static double Tolerance(TransformerKind kind) => kind switch
    {
        TransformerKind.Number or TransformerKind.Rank => 0,
        _ => 1e-5,
    };

    /// <summary>
    /// The quantile kind clips probabilities to [10⁻⁷, 1 − 10⁻⁷] (TabDDPM's transform): in a heavy tail the last
    /// knot gap is wide, so its round trip is stated in probabilities, |F(x′) − F(x)| ≤ 10⁻⁶.
    /// </summary>
    private const double QuantileTolerance = 1e-6;

    /// <summary>
    /// The normal-score kind interpolates F⁻¹(Φ(z)) linearly on 4,097 grid points, a step of 16/4096 ≈ 0.0039 in z: where
    /// F is nearly flat (between the modes of a bimodal column) one step spans a wide stretch of x, so its round trip
    /// is stated in normal scores, |z(x′) − z(x)| ≤ one grid step (or x′ within 10⁻⁹ of the range of x, at the ends of
    /// the range where z saturates).
    /// </summary>
    private const double NormalScoreTolerance = 16.0 / 4096;

    [TestMethod]
    public void ReverseOfTransform_EveryKindOnEveryColumn_GivesBackTheColumn()
    {
        int checkedPairs = 0;
        foreach (int seed in Seeds)
        {
            var table = TransformTables.Mixed(600, seed);
            for (int c = 0; c < table.Columns.Count; c++)
            {
                foreach (var transformer in TransformTables.AllKinds(table, c))
                {
                    var encoded = transformer.Transform(table.Columns[c], new Random(seed));
                    Assert.AreEqual(table.RowCount * transformer.Width, encoded.Length, $"{transformer.Kind} of '{transformer.Column}': a fixed width per row");
                    var back = transformer.Reverse(encoded, table.RowCount, new Random(seed));
                    string what = $"seed {seed}, {transformer.Kind} of '{transformer.Column}'";
                    if (transformer is NormalScoreTransformer normalScore)
                    {
                        AssertSameScores(normalScore.Score, NormalScoreTolerance, (ContinuousColumn)table.Columns[c], (ContinuousColumn)back, what);
                    }
                    else if (transformer is QuantileTransformer quantile)
                    {
                        AssertSameScores(quantile.Normalizer.Marginal.Cdf, QuantileTolerance, (ContinuousColumn)table.Columns[c], (ContinuousColumn)back, what);
                    }
                    else if (transformer is ModeSpecificTransformer modeSpecific)
                    {
                        AssertSameUnlessClipped(modeSpecific, encoded, (ContinuousColumn)table.Columns[c], (ContinuousColumn)back, what);
                    }
                    else
                    {
                        AssertSameColumn(table.Columns[c], back, Tolerance(transformer.Kind), what);
                    }

                    checkedPairs++;
                }
            }
        }

        Assert.AreEqual(Seeds.Length * ((4 * 5) + (3 * 2)), checkedPairs, "every kind of every column form was round-tripped");
    }

    [TestMethod]
    public void Reverse_WholeNumbersAndSingles_KeepTheSourceForm()
    {
        var table = TransformTables.Mixed(600, 4);
        for (int c = 0; c < table.Columns.Count; c++)
        {
            if (table.Columns[c] is not ContinuousColumn source)
            {
                continue;
            }

            var info = table.Schema.Columns[c];
            var observed = source.ObservedValues();
            double min = observed.Min(), max = observed.Max();
            bool whole = source.IsInteger || observed.All(v => v == Math.Round(v));
            foreach (var transformer in TransformTables.AllKinds(table, c))
            {
                // Model-space values moved off the training values: reversed values still have the column's form.
                var encoded = transformer.Transform(source, new Random(1));
                for (int r = 0; r < table.RowCount; r++)
                {
                    encoded[r * transformer.Width] *= 0.93;
                }

                var values = ((ContinuousColumn)transformer.Reverse(encoded, table.RowCount, new Random(2))).Values.Where(v => !double.IsNaN(v)).ToArray();
                Assert.IsTrue(values.All(v => v >= min && v <= max), $"{transformer.Kind} of '{info.Name}': within the training range");
                if (whole)
                {
                    Assert.IsTrue(values.All(v => v == Math.Round(v)), $"{transformer.Kind} of '{info.Name}': whole numbers stay whole");
                }
                else if (info.OriginalType.RawType == typeof(float))
                {
                    Assert.IsTrue(values.All(v => v == (float)v), $"{transformer.Kind} of '{info.Name}': Single values survive the trip through Single");
                }
            }
        }
    }

    [TestMethod]
    public void SaveThenLoad_EveryKind_GivesIdenticalTransformAndReverse()
    {
        var table = TransformTables.Mixed(400, 5);
        for (int c = 0; c < table.Columns.Count; c++)
        {
            foreach (var transformer in TransformTables.AllKinds(table, c))
            {
                var bytes = Save(transformer);
                var loaded = TransformerFile.Load(ModelReader.Over(bytes), table.Schema.Columns[c]);
                Assert.AreEqual(transformer.Kind, loaded.Kind);
                CollectionAssert.AreEqual(bytes, Save(loaded), $"{transformer.Kind} of '{transformer.Column}': saved again, the same bytes");
                var encoded = transformer.Transform(table.Columns[c], new Random(7));
                CollectionAssert.AreEqual(encoded, loaded.Transform(table.Columns[c], new Random(7)), $"{transformer.Kind} of '{transformer.Column}': same transform");
                for (int i = 0; i < encoded.Length; i++)
                {
                    encoded[i] += (i % 3) * 0.01;   // off the training values, so that the reverse has work to do
                }

                AssertSameColumn(transformer.Reverse(encoded, table.RowCount, new Random(8)), loaded.Reverse(encoded, table.RowCount, new Random(8)), 0, $"{transformer.Kind} of '{transformer.Column}': same reverse");
            }
        }
    }

    [TestMethod]
    public void Load_TruncatedOrMismatchedTransformer_ThrowsInvalidDataExceptionNamingTheColumn()
    {
        var table = TransformTables.Mixed(200, 6);
        for (int c = 0; c < table.Columns.Count; c++)
        {
            foreach (var transformer in TransformTables.AllKinds(table, c))
            {
                var bytes = Save(transformer);
                foreach (int length in new[] { 0, 3, 8, bytes.Length / 2, bytes.Length - 1 })
                {
                    var e = Assert.ThrowsExactly<InvalidDataException>(() => TransformerFile.Load(ModelReader.Over(bytes[..length]), table.Schema.Columns[c]), $"{transformer.Kind} cut at {length}");
                    StringAssert.Contains(e.Message, $"transformer of column '{transformer.Column}'");
                }
            }
        }

        var number = NumberTransformer.Fit((ContinuousColumn)table["Count"], table.Schema.Columns[table.IndexOf("Count")]);
        var wrongKind = Assert.ThrowsExactly<InvalidDataException>(() => TransformerFile.Load(ModelReader.Over(Save(number)), table.Schema.Columns[table.IndexOf("Colour")]));
        StringAssert.Contains(wrongKind.Message, "transformer of column 'Colour'");
        StringAssert.Contains(wrongKind.Message, "Number");
        var otherColumn = Assert.ThrowsExactly<InvalidDataException>(() => TransformerFile.Load(ModelReader.Over(Save(number)), table.Schema.Columns[table.IndexOf("Fraction")]));
        StringAssert.Contains(otherColumn.Message, "'Count'");
    }

    [TestMethod]
    public void Transform_AnotherColumnOrAValueNeverSeen_IsAnErrorNamingTheColumn()
    {
        var table = TransformTables.Mixed(300, 7);
        var full = TransformTables.Mixed(300, 8);
        int count = table.IndexOf("Count");
        foreach (var transformer in TransformTables.AllKinds(table, count))
        {
            var e = Assert.ThrowsExactly<ArgumentException>(() => transformer.Transform(table["Fraction"], new Random(1)));
            StringAssert.Contains(e.Message, "'Count'");
            StringAssert.Contains(e.Message, "'Fraction'");
        }

        // Fitted without missing values: a missing value has no place in the model space (the normal-score kind maps it to NaN).
        var present = table.SelectRows(Enumerable.Range(0, table.RowCount).Where(r => !table["Colour"].IsMissing(r) && !table["Bimodal"].IsMissing(r)).ToArray());
        foreach (var name in new[] { "Colour", "Bimodal" })
        {
            int c = table.IndexOf(name);
            foreach (var transformer in TransformTables.AllKinds(present, c).Where(t => t.Kind != TransformerKind.NormalScore))
            {
                var e = Assert.ThrowsExactly<ArgumentException>(() => transformer.Transform(full.Columns[c], new Random(1)), $"{transformer.Kind} of '{name}'");
                StringAssert.Contains(e.Message, $"'{name}'");
            }
        }

        var nothing = new ContinuousColumn("Empty", [double.NaN, double.NaN], isInteger: false);
        var e2 = Assert.ThrowsExactly<ArgumentException>(() => NumberTransformer.Fit(nothing, table.Schema.Columns[table.IndexOf("Fraction")]));
        StringAssert.Contains(e2.Message, "'Empty'");
    }

    [TestMethod]
    public void FrequencyInterval_ScoresAreIntervalMeans_AndAScoreMapsToTheIntervalHoldingIt()
    {
        // Independent fact: with frequencies ½ and ½, the intervals are (0, ½) and (½, 1); the mean normal score of
        // (½, 1) is φ(0)/½ = 2φ(0) = √(2/π) ≈ 0.7979 (the half-normal mean), and of (0, ½) its negative.
        var table = TransformTables.Categorical("Coin", [.. Enumerable.Range(0, 100).Select(i => i % 2)], ["heads", "tails"]);
        var transformer = FrequencyIntervalTransformer.Fit((CategoricalColumn)table.Columns[0], table.Schema.Columns[0]);
        var scores = transformer.Transform(table.Columns[0], new Random(1));
        Assert.AreEqual(Math.Sqrt(2 / Math.PI), Math.Abs(scores[0]), 1e-9);
        Assert.AreEqual(-scores[0], scores[1], 1e-12);
        Assert.AreEqual(((CategoricalColumn)table.Columns[0]).Codes[0], transformer.Decode(scores[0] * 0.01));
        Assert.AreEqual(((CategoricalColumn)table.Columns[0]).Codes[1], transformer.Decode(scores[1] * 5));
    }

    [TestMethod]
    public void OneHot_GroupedRareCategories_ReverseToAGroupedCategory_AndTheOthersExactly()
    {
        var codes = Enumerable.Range(0, 400).Select(i => i < 200 ? 0 : i < 300 ? 1 : 2 + (i % 5)).ToArray();
        var table = TransformTables.Categorical("Many", codes, [.. Enumerable.Range(0, 7).Select(i => $"c{i}")]);
        var transformer = OneHotTransformer.Fit((CategoricalColumn)table.Columns[0], table.Schema.Columns[0], maxCategories: 3, warn: null);
        var back = ((CategoricalColumn)transformer.Reverse(transformer.Transform(table.Columns[0], new Random(1)), codes.Length, new Random(2))).Codes;
        for (int r = 0; r < codes.Length; r++)
        {
            Assert.IsTrue(codes[r] < 2 ? back[r] == codes[r] : back[r] >= 2, $"row {r}: {codes[r]} came back as {back[r]}");
        }
    }

    private static byte[] Save(ColumnTransformer transformer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            TransformerFile.Save(writer, transformer);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Mode-specific normalization clips α = (x − μ)/(4σ) to [−1, 1] (Xu et al. 2019), so a value more than 4σ from its
    /// drawn mode (an outlier of a heavy tail) comes back at μ ± 4σ: rows with |α| &lt; 1 come back within
    /// tolerance, and clipped rows are rare (at most 2 %).
    /// </summary>
    private static void AssertSameUnlessClipped(ModeSpecificTransformer transformer, double[] encoded, ContinuousColumn expected, ContinuousColumn actual, string what)
    {
        var observed = expected.ObservedValues();
        double range = observed.Max() - observed.Min();
        bool whole = expected.IsInteger || observed.All(v => v == Math.Round(v));
        int clipped = 0;
        for (int r = 0; r < expected.Length; r++)
        {
            double x = expected.Values[r], y = actual.Values[r];
            if (!double.IsNaN(x) && Math.Abs(encoded[r * transformer.Width]) == 1)
            {
                clipped++;
            }
            else if (double.IsNaN(x) || whole)
            {
                Assert.IsTrue(x.Equals(y), $"{what}: row {r} is {x}, came back as {y} (missing and whole values exactly)");
            }
            else
            {
                Assert.AreEqual(x, y, 1e-5 * range, $"{what}: row {r}");
            }
        }

        Assert.IsLessThanOrEqualTo(0.02 * expected.Length, clipped, $"{what}: {clipped} values clipped at 4σ from their mode");
    }

    private static void AssertSameScores(Func<double, double> score, double tolerance, ContinuousColumn expected, ContinuousColumn actual, string what)
    {
        var observed = expected.ObservedValues();
        double range = observed.Max() - observed.Min();
        bool whole = expected.IsInteger || expected.ObservedValues().All(v => v == Math.Round(v));
        for (int r = 0; r < expected.Length; r++)
        {
            double x = expected.Values[r], y = actual.Values[r];
            if (double.IsNaN(x) || whole)
            {
                Assert.IsTrue(x.Equals(y), $"{what}: row {r} is {x}, came back as {y} (missing and whole values exactly)");
            }
            else if (Math.Abs(x - y) > 1e-9 * range)
            {
                Assert.AreEqual(score(x), score(y), tolerance, $"{what}: row {r} is {x}, came back as {y}");
            }
        }
    }

    private static void AssertSameColumn(TableColumn expected, TableColumn actual, double relativeTolerance, string what)
    {
        Assert.AreEqual(expected.Name, actual.Name, what);
        Assert.AreEqual(expected.Kind, actual.Kind, what);
        Assert.AreEqual(expected.Length, actual.Length, what);
        switch (expected)
        {
            case CategoricalColumn e:
                var a = (CategoricalColumn)actual;
                CollectionAssert.AreEqual(e.Categories.ToArray(), a.Categories.ToArray(), what);
                CollectionAssert.AreEqual(e.Codes, a.Codes, $"{what}: categories and missing values exactly");
                break;
            case ContinuousColumn e:
                var x = ((ContinuousColumn)actual).Values;
                var observed = e.ObservedValues();
                double range = observed.Max() - observed.Min();
                bool whole = e.IsInteger || observed.All(v => v == Math.Round(v));
                for (int r = 0; r < e.Values.Length; r++)
                {
                    if (double.IsNaN(e.Values[r]) || whole)
                    {
                        Assert.IsTrue(e.Values[r].Equals(x[r]), $"{what}: row {r} is {e.Values[r]}, came back as {x[r]} (missing and whole values exactly)");
                    }
                    else
                    {
                        Assert.AreEqual(e.Values[r], x[r], relativeTolerance * range, $"{what}: row {r}");
                    }
                }

                break;
        }
    }
}
