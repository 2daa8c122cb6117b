using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// The training table as small integer codes, the form the forest splits on. A continuous column becomes the rank of
/// its value among the column's distinct observed values, with code 0 for a missing value when the column has any
/// (so a missing value sorts below every number and every threshold split sends it left). A categorical column keeps
/// its category code, with code <c>K</c> (one past the last category) for a missing value. Synthetic rows of the
/// adversarial loop are drawn from real rows, so they take codes from the same tables.
/// </summary>
internal sealed class FeatureCodes
{
    private FeatureCodes(int[][] codes, int[] levels, bool[] categorical, double[][] values, bool[] hasMissing)
    {
        Codes = codes;
        Levels = levels;
        IsCategorical = categorical;
        Values = values;
        HasMissing = hasMissing;
    }

    /// <summary>The codes of each column, row by row.</summary>
    public int[][] Codes { get; }

    /// <summary>How many codes each column uses (0 … Levels−1).</summary>
    public int[] Levels { get; }

    /// <summary>Whether a column is categorical (unordered codes).</summary>
    public bool[] IsCategorical { get; }

    /// <summary>For a continuous column, the value of each code (−∞ for the missing code 0); empty for a categorical one.</summary>
    public double[][] Values { get; }

    /// <summary>Whether a column has missing values (and so a missing code).</summary>
    public bool[] HasMissing { get; }

    public int ColumnCount => Codes.Length;

    public int RowCount => Codes.Length == 0 ? 0 : Codes[0].Length;

    /// <summary>Whether a code of column <paramref name="column"/> stands for a missing value.</summary>
    public bool IsMissingCode(int column, int code) =>
        HasMissing[column] && (IsCategorical[column] ? code == Levels[column] - 1 : code == 0);

    /// <summary>Encodes <paramref name="table"/>; an infinite number or a column without values is an error naming it.</summary>
    public static FeatureCodes Encode(TabularData table)
    {
        int p = table.Columns.Count;
        var codes = new int[p][];
        var levels = new int[p];
        var categorical = new bool[p];
        var values = new double[p][];
        var missing = new bool[p];
        for (int c = 0; c < p; c++)
        {
            switch (table.Columns[c])
            {
                case ContinuousColumn column:
                    (codes[c], values[c], missing[c]) = EncodeContinuous(column);
                    levels[c] = values[c].Length;
                    break;
                case CategoricalColumn column:
                    categorical[c] = true;
                    values[c] = [];
                    (codes[c], levels[c], missing[c]) = EncodeCategorical(column);
                    break;
                default:
                    throw new NotSupportedException($"Column '{table.Columns[c].Name}' has an unsupported kind {table.Columns[c].Kind}.");
            }
        }

        return new FeatureCodes(codes, levels, categorical, values, missing);
    }

    private static (int[] Codes, double[] Values, bool HasMissing) EncodeContinuous(ContinuousColumn column)
    {
        var source = column.Values;
        bool hasMissing = false;
        var observed = new List<double>(source.Length);
        foreach (var v in source)
        {
            if (double.IsNaN(v))
            {
                hasMissing = true;
            }
            else if (double.IsInfinity(v))
            {
                throw new ArgumentException($"Column '{column.Name}' holds {v}; the adversarial random forest needs finite numbers (NaN marks a missing value). Remove or replace the infinite values.", nameof(column));
            }
            else
            {
                observed.Add(v);
            }
        }

        if (observed.Count == 0)
        {
            throw new ArgumentException($"Column '{column.Name}' has no values: all {source.Length} rows are missing. Leave it out ({nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Columns)}) or supply values.", nameof(column));
        }

        observed.Sort();
        var distinct = new List<double>();
        if (hasMissing)
        {
            distinct.Add(double.NegativeInfinity);
        }

        foreach (var v in observed)
        {
            if (distinct.Count == 0 || distinct[^1] != v)
            {
                distinct.Add(v);
            }
        }

        var table = distinct.ToArray();
        var codes = new int[source.Length];
        int first = hasMissing ? 1 : 0;
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = double.IsNaN(source[i]) ? 0 : Array.BinarySearch(table, first, table.Length - first, source[i]);
        }

        return (codes, table, hasMissing);
    }

    private static (int[] Codes, int Levels, bool HasMissing) EncodeCategorical(CategoricalColumn column)
    {
        int k = column.CategoryCount;
        var codes = new int[column.Length];
        bool hasMissing = false;
        bool any = false;
        for (int i = 0; i < codes.Length; i++)
        {
            int code = column.Codes[i];
            hasMissing |= code < 0;
            any |= code >= 0;
            codes[i] = code < 0 ? k : code;
        }

        if (!any)
        {
            throw new ArgumentException($"Column '{column.Name}' has no values: all {column.Length} rows are missing. Leave it out ({nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Columns)}) or supply values.", nameof(column));
        }

        return (codes, k + (hasMissing ? 1 : 0), hasMissing);
    }
}
