using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Tests.TrainOnly.Matrix;

/// <summary>One training row of the matrix data; every row is unique (column A).</summary>
public sealed class MatrixRow
{
    public float A { get; set; }

    public float B { get; set; }

    public string Cat { get; set; } = "";

    public string Cat2 { get; set; } = "";

    public bool Label { get; set; }
}

/// <summary>The tiny imbalanced table of the matrix (48 rows, 12 of class true) and row-level reading as text.</summary>
internal static class MatrixData
{
    public const int Rows = 48;

    public static readonly string[] Categories = ["x", "y", "z"];

    public static List<MatrixRow> Table() =>
        Enumerable.Range(0, Rows).Select(i => new MatrixRow
        {
            A = 1 + (i * 0.37f),
            B = (i * 7 % 11) * 0.5f,
            Cat = Categories[i % 3],
            Cat2 = (i / 3) % 2 == 0 ? "p" : "q",
            Label = i % 4 == 0,
        }).ToList();

    /// <summary>The rows as a view with only <paramref name="columns"/>, in that order.</summary>
    public static IDataView View(MLContext ml, IEnumerable<MatrixRow> rows, string[] columns)
    {
        var all = ml.Data.LoadFromEnumerable(rows.ToList());
        return ml.Transforms.SelectColumns(columns).Fit(all).Transform(all);
    }

    /// <summary>Each row of <paramref name="view"/> as <c>A=…|B=…|…</c> over <paramref name="columns"/> (exact float text).</summary>
    public static List<string> Read(IDataView view, string[] columns)
    {
        var cols = columns.Select(c => view.Schema[c]).ToArray();
        using var cursor = view.GetRowCursor(cols);
        var readers = cols.Select(c => Reader(cursor, c)).ToArray();
        var rows = new List<string>();
        while (cursor.MoveNext())
        {
            rows.Add(string.Join("|", readers.Select((r, i) => $"{cols[i].Name}={r()}")));
        }

        return rows;
    }

    /// <summary>The value of <paramref name="column"/> in a row read by <see cref="Read"/>.</summary>
    public static string Value(string row, string column) =>
        row.Split('|').Select(p => p.Split('=', 2)).First(p => p[0] == column)[1];

    /// <summary>The row without <paramref name="column"/>.</summary>
    public static string Without(string row, string column) =>
        string.Join("|", row.Split('|').Where(p => !p.StartsWith(column + "=", StringComparison.Ordinal)));

    private static Func<string> Reader(DataViewRowCursor cursor, DataViewSchema.Column c)
    {
        if (c.Type == NumberDataViewType.Single)
        {
            var get = cursor.GetGetter<float>(c);
            return () => { float v = 0; get(ref v); return v.ToString("R", CultureInfo.InvariantCulture); };
        }

        if (c.Type == BooleanDataViewType.Instance)
        {
            var get = cursor.GetGetter<bool>(c);
            return () => { bool v = false; get(ref v); return v ? "True" : "False"; };
        }

        var text = cursor.GetGetter<ReadOnlyMemory<char>>(c);
        return () => { ReadOnlyMemory<char> v = default; text(ref v); return v.ToString(); };
    }
}
