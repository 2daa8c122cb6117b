using Microsoft.ML.Synthetic.Tests.Transforms;
using Microsoft.ML.Synthetic.Transforms;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Preprocessing;

[TestClass]
public sealed class TabularEncoderTests
{
    private sealed class Row
    {
        public float X { get; set; }
        public int N { get; set; }
        public string Color { get; set; } = "";
    }

    private static TabularData Table(int n, int seed, double missingRate = 0.1)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, n).Select(_ =>
        {
            double u = random.NextDouble();
            return new Row
            {
                X = random.NextDouble() < missingRate ? float.NaN : (float)((u < 0.5 ? -3 : 4) + TabularEncoder.StandardNormal(random)),
                N = random.Next(0, 7),
                Color = random.NextDouble() < 0.05 && missingRate > 0 ? "?" : u < 0.5 ? "red" : "blue",
            };
        });
        var ml = new MLContext(seed: 1);
        return TabularData.FromDataView(ml.Data.LoadFromEnumerable(rows));
    }

    [TestMethod]
    public void EncodeThenDecode_GivesBackEveryValue_MissingIncluded()
    {
        var table = Table(800, 5);
        var encoder = TabularEncoder.Fit(table);
        var encoded = encoder.Encode(table, new Random(1));
        Assert.AreEqual(800 * encoder.Width, encoded.Length);
        var decoded = encoder.Decode(encoded, table.RowCount, new Random(2));

        var x = ((ContinuousColumn)table["X"]).Values;
        var x2 = ((ContinuousColumn)decoded["X"]).Values;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]))
            {
                Assert.IsTrue(double.IsNaN(x2[i]), $"row {i}: missing stays missing");
            }
            else
            {
                Assert.AreEqual(x[i], x2[i], 1e-4, $"row {i}");
            }
        }

        CollectionAssert.AreEqual(((ContinuousColumn)table["N"]).Values, ((ContinuousColumn)decoded["N"]).Values);
        CollectionAssert.AreEqual(((CategoricalColumn)table["Color"]).Codes, ((CategoricalColumn)decoded["Color"]).Codes);
        Assert.IsTrue(((CategoricalColumn)table["Color"]).Codes.Contains(-1), "the table has missing categories");
    }

    [TestMethod]
    public void Decode_SingleColumnOfWholeNumbers_GivesWholeNumbers_AndAFractionalColumnStaysFractional()
    {
        // ML.NET loads numbers as Single: counts arrive as floats. Whole training values mean whole decoded values.
        var random = new Random(3);
        var rows = Enumerable.Range(0, 500).Select(_ => new Row { X = random.Next(0, 40), N = 0, Color = "red" }).ToArray();
        var table = TabularData.FromDataView(new MLContext(seed: 1).Data.LoadFromEnumerable(rows));
        var fractional = Table(500, 4, missingRate: 0);
        foreach (var (data, whole) in new[] { (table, true), (fractional, false) })
        {
            var encoder = TabularEncoder.Fit(data);
            Assert.AreEqual(whole, encoder.Columns[0].IsInteger);
            var noisy = encoder.Encode(data, new Random(1));
            for (int r = 0; r < data.RowCount; r++)
            {
                noisy[r * encoder.Width] *= 0.9f;   // α moved off the training values
            }

            var decoded = ((ContinuousColumn)encoder.Decode(noisy, data.RowCount, new Random(2))["X"]).Values;
            Assert.AreEqual(whole, decoded.All(v => v == Math.Round(v)), whole ? "every decoded value whole" : "fractional values survive");
        }
    }

    [TestMethod]
    public void Encode_EveryRowHasOneHotParts_AndAlphaWithinOne()
    {
        var table = Table(500, 6);
        var encoder = TabularEncoder.Fit(table);
        var encoded = encoder.Encode(table, new Random(1));
        for (int r = 0; r < table.RowCount; r++)
        {
            foreach (var span in encoder.Spans)
            {
                var part = encoded.AsSpan((r * encoder.Width) + span.Start, span.Width);
                if (span.Activation == SpanActivation.Softmax)
                {
                    Assert.AreEqual(1f, part.ToArray().Sum());
                    Assert.AreEqual(span.Width - 1, part.ToArray().Count(v => v == 0));
                }
                else
                {
                    Assert.IsTrue(Math.Abs(part[0]) <= 1);
                }
            }
        }

        // X has two modes (−3 and 4); the mixture finds them and no other.
        var modes = encoder.Columns[0].Normalizer!.Modes;
        Assert.IsTrue(modes.Any(m => Math.Abs(m.Mean + 3) < 0.3) && modes.Any(m => Math.Abs(m.Mean - 4) < 0.3), string.Join("; ", modes));
        Assert.IsTrue(modes.All(m => Math.Abs(m.Mean + 3) < 1 || Math.Abs(m.Mean - 4) < 1), string.Join("; ", modes));
    }

    [TestMethod]
    public void SaveAndRead_GivesTheSameEncoding()
    {
        var table = Table(300, 7);
        var encoder = TabularEncoder.Fit(table);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            encoder.Write(writer);
        }

        stream.Position = 0;
        var read = TabularEncoder.Read(new BinaryReader(stream), table.Schema);
        Assert.AreEqual(encoder.Width, read.Width);
        CollectionAssert.AreEqual(encoder.Encode(table, new Random(3)), read.Encode(table, new Random(3)));
    }

    [TestMethod]
    public void Fit_AllMissingColumn_IsAnErrorNamingIt()
    {
        var table = Table(50, 8, missingRate: 1.0);
        var e = Assert.ThrowsExactly<ArgumentException>(() => TabularEncoder.Fit(table));
        StringAssert.Contains(e.Message, "'X'");
    }

    [TestMethod]
    public void Fit_MoreCategoriesThanAllowed_GroupsTheRarest_WarnsAndDecodesToGroupedCategories()
    {
        var codes = Enumerable.Range(0, 400).Select(i => i < 200 ? 0 : i < 300 ? 1 : 2 + (i % 5)).ToArray();
        var categories = Enumerable.Range(0, 7).Select(i => $"c{i}").ToArray();
        var table = TransformTables.Categorical("Many", codes, categories);
        var warnings = new List<string>();
        var encoding = OneHotTransformer.Fit((CategoricalColumn)table.Columns[0], table.Schema.Columns[0], maxCategories: 3, warnings.Add);

        Assert.AreEqual(3, encoding.Width);
        CollectionAssert.AreEquivalent(new[] { 2, 3, 4, 5, 6 }, encoding.GroupCodes.ToArray());
        Assert.AreEqual(1, warnings.Count);
        StringAssert.Contains(warnings[0], "'Many'");
        var random = new Random(1);
        var group = new float[] { 0, 0, 1 };
        var drawn = Enumerable.Range(0, 500).Select(_ => encoding.Decode(group, random)).ToArray();
        Assert.IsTrue(drawn.All(c => c >= 2) && drawn.Distinct().Count() == 5);
        Assert.AreEqual(4, encoding.Decode(group, random, requiredCode: 4));
    }
}
