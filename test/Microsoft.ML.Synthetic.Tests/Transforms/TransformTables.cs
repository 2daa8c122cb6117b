using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;
using Microsoft.ML.Synthetic.Transforms;

namespace Microsoft.ML.Synthetic.Tests.Transforms;

/// <summary>Seeded tables with every column form the transformers meet, and a fitted transformer of each kind per column.</summary>
internal static class TransformTables
{
    private sealed class Row
    {
        public float Bimodal { get; set; }
        public int Count { get; set; }
        public double Fraction { get; set; }
        public float WholeSingle { get; set; }
        public string Colour { get; set; } = "";
        public bool Flag { get; set; }
    }

    private sealed class TextRow
    {
        public string Value { get; set; } = "";
    }

    /// <summary>
    /// <paramref name="n"/> rows: a bimodal Single with missing values, an Int32 count, a fractional Double with a point
    /// mass at 0 (ties), whole-valued Singles with missing values, a three-level text column with missing values ("?")
    /// and a Boolean.
    /// </summary>
    public static TabularData Mixed(int n, int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, n).Select(_ =>
        {
            double u = random.NextDouble();
            return new Row
            {
                Bimodal = random.NextDouble() < 0.1 ? float.NaN : (float)((u < 0.5 ? -3 : 4) + Normal(random)),
                Count = random.Next(-5, 60),
                Fraction = random.NextDouble() < 0.3 ? 0 : Math.Exp(2 * Normal(random)) * 1000,
                WholeSingle = random.NextDouble() < 0.05 ? float.NaN : random.Next(17, 90),
                Colour = random.NextDouble() < 0.05 ? "?" : u < 0.5 ? "red" : u < 0.8 ? "blue" : "green",
                Flag = random.NextDouble() < 0.3,
            };
        });
        return TabularData.FromDataView(new MLContext(seed: 1).Data.LoadFromEnumerable(rows));
    }

    /// <summary>A one-column text table whose codes are <paramref name="codes"/> (categories sort in ordinal order, as the reader orders them).</summary>
    public static TabularData Categorical(string name, int[] codes, string[] categories)
    {
        var definition = SchemaDefinition.Create(typeof(TextRow));
        definition["Value"].ColumnName = name;
        var view = new MLContext(seed: 1).Data.LoadFromEnumerable(codes.Select(c => new TextRow { Value = categories[c] }), definition);
        var table = TabularData.FromDataView(view);
        CollectionAssert.AreEqual(codes, ((CategoricalColumn)table.Columns[0]).Codes, "the reader keeps the codes (categories in ordinal order)");
        return table;
    }

    public static double Normal(Random random) => DecodeDraws.StandardNormal(random);

    /// <summary>Every kind that fits <paramref name="table"/>'s column <paramref name="c"/>.</summary>
    public static IEnumerable<ColumnTransformer> AllKinds(TabularData table, int c)
    {
        var info = table.Schema.Columns[c];
        switch (table.Columns[c])
        {
            case ContinuousColumn x:
                yield return NumberTransformer.Fit(x, info);
                yield return ModeSpecificTransformer.Fit(x, info, new TabularEncoderOptions());
                yield return QuantileTransformer.Fit(x, info);
                yield return NormalScoreTransformer.Fit(x, info, MarginalKind.Auto, 1000);
                yield return RankTransformer.Fit(x, info);
                break;
            case CategoricalColumn x:
                yield return CategoryCodeTransformer.Fit(x, info);
                yield return OneHotTransformer.Fit(x, info, maxCategories: 1000, warn: null);
                yield return FrequencyIntervalTransformer.Fit(x, info);
                break;
        }
    }
}
