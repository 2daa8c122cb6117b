using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Oversampling;

/// <summary>Small data sets and helpers shared by the oversampling tests.</summary>
internal static class OversamplingTestData
{
    public sealed class NumericRow
    {
        public float X1 { get; set; }
        public float X2 { get; set; }
        public double X3 { get; set; }
        public string Label { get; set; } = "";
    }

    public sealed class MixedRow
    {
        public float X1 { get; set; }
        public float X2 { get; set; }
        public string Color { get; set; } = "";
        public string Shape { get; set; } = "";
        public string Label { get; set; } = "";
    }

    /// <summary>Three classes of 300, 60 and 30 rows: Gaussian clouds around different centres that overlap.</summary>
    public static IDataView NumericData(MLContext ml, int seed = 7, int a = 300, int b = 60, int c = 30)
    {
        var random = new Random(seed);
        var rows = new List<NumericRow>();
        void Add(string label, int n, double cx, double cy)
        {
            for (int i = 0; i < n; i++)
            {
                rows.Add(new NumericRow
                {
                    X1 = (float)(cx + Normal(random)),
                    X2 = (float)(cy + Normal(random)),
                    X3 = (cx - cy) + Normal(random),
                    Label = label,
                });
            }
        }

        Add("a", a, 0, 0);
        Add("b", b, 1.5, 0.5);
        Add("c", c, -0.5, 0.5);
        Shuffle(rows, random);
        return ml.Data.LoadFromEnumerable(rows);
    }

    /// <summary>Continuous and categorical columns, three classes (300, 60, 30); categories depend on the class.</summary>
    public static IDataView MixedData(MLContext ml, int seed = 7)
    {
        var random = new Random(seed);
        string[] colors = ["red", "green", "blue"];
        string[] shapes = ["circle", "square"];
        var rows = new List<MixedRow>();
        void Add(string label, int n, double cx, int colorBias)
        {
            for (int i = 0; i < n; i++)
            {
                rows.Add(new MixedRow
                {
                    X1 = (float)(cx + Normal(random)),
                    X2 = (float)Normal(random),
                    Color = random.NextDouble() < 0.6 ? colors[colorBias] : colors[random.Next(3)],
                    Shape = shapes[random.Next(2)],
                    Label = label,
                });
            }
        }

        Add("a", 300, 0, 0);
        Add("b", 60, 1.5, 1);
        Add("c", 30, -1, 2);
        Shuffle(rows, random);
        return ml.Data.LoadFromEnumerable(rows);
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>Rows per label text.</summary>
    public static Dictionary<string, int> ClassCounts(IDataView data, string label = "Label")
    {
        var table = TabularData.FromDataView(data, new TabularDataOptions { ColumnKinds = { [label] = ColumnKind.Categorical } });
        var column = (CategoricalColumn)table[label];
        var counts = column.CountByCategory();
        return column.Categories.Select((c, i) => (c, counts[i])).Where(p => p.Item2 > 0).ToDictionary(p => p.c, p => p.Item2);
    }

    /// <summary>The rows whose label text passes <paramref name="keep"/> (called once per row, in order).</summary>
    public static IDataView Where(IDataView data, Func<string, bool> keep, string label = "Label")
    {
        var table = TabularData.FromDataView(data);
        var column = (CategoricalColumn)table[label];
        var rows = Enumerable.Range(0, table.RowCount).Where(r => keep(column.Categories[column.Codes[r]])).ToArray();
        return table.SelectRows(rows).ToDataView();
    }

    public static long Count(IDataView view)
    {
        long n = 0;
        using var cursor = view.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            n++;
        }

        return n;
    }

    /// <summary>The table of <paramref name="data"/> with every value as text, row by row (for exact comparisons).</summary>
    public static List<string> RowTexts(IDataView data)
    {
        var table = TabularData.FromDataView(data, new TabularDataOptions { MissingTokens = new HashSet<string>() });
        var rows = new List<string>();
        for (int r = 0; r < table.RowCount; r++)
        {
            rows.Add(string.Join("|", table.Columns.Select(c => c switch
            {
                ContinuousColumn x => x.Values[r].ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                CategoricalColumn x => x.Codes[r] < 0 ? "<missing>" : x.Categories[x.Codes[r]],
                _ => "?",
            })));
        }

        return rows;
    }
}
