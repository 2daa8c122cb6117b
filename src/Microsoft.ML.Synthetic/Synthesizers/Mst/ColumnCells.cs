using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Privacy;
using Microsoft.ML.Synthetic.Privacy.DpTvae;

namespace Microsoft.ML.Synthetic.Synthesizers.Mst;

/// <summary>
/// The public discrete domain of one column: its declared categories, or the bins between declared edges of a number
/// column; plus a last "missing" cell when the column's type can hold a missing value. Built from declared metadata
/// and the column's type only. Decoding a bin draws a value uniformly within it (a whole number uniformly among the
/// whole numbers it holds), so within-bin detail is not learned.
/// </summary>
internal sealed class ColumnCells
{
    private ColumnCells(int values, double[]? edges, bool missingCell, bool wholeNumbers)
    {
        Values = values;
        Edges = edges;
        HasMissingCell = missingCell;
        WholeNumbers = wholeNumbers;
    }

    /// <summary>Categories, or bins.</summary>
    public int Values { get; }

    /// <summary>Bin edges of a number column (null for categorical).</summary>
    public double[]? Edges { get; }

    public bool HasMissingCell { get; }

    public bool WholeNumbers { get; }

    /// <summary>All cells, the missing cell included.</summary>
    public int Count => Values + (HasMissingCell ? 1 : 0);

    /// <summary>
    /// The cells of column <paramref name="info"/> (of a schema restated against declared metadata): its declared
    /// <paramref name="publicBinEdges"/>, else <paramref name="bins"/> equal-width bins, or one bin per whole number
    /// when a whole-number column's range holds at most <paramref name="bins"/> of them.
    /// </summary>
    public static ColumnCells For(TableColumnInfo info, int bins, IDictionary<string, IReadOnlyList<double>> publicBinEdges)
    {
        bool missing = DeclaredMetadata.CanHoldMissing(info.OriginalType);
        if (info.Kind == ColumnKind.Categorical)
        {
            return new ColumnCells(info.Categories.Count, null, missing, false);
        }

        double[] edges;
        if (publicBinEdges.TryGetValue(info.Name, out var declared))
        {
            edges = [.. declared];
        }
        else if (info.IsInteger && Math.Floor(info.Max) - Math.Ceiling(info.Min) + 1 <= bins)
        {
            double low = Math.Ceiling(info.Min);
            edges = [.. Enumerable.Range(0, (int)(Math.Floor(info.Max) - low) + 2).Select(k => low + k)];
        }
        else
        {
            edges = [.. Enumerable.Range(0, bins + 1).Select(k => k == bins ? info.Max : info.Min + ((info.Max - info.Min) * k / bins))];
        }

        return new ColumnCells(edges.Length - 1, edges, missing, info.IsInteger);
    }

    /// <summary>
    /// Checks a declared public domain (bounds, categories, bin edges: at least two finite, strictly increasing numbers
    /// per column; <paramref name="bins"/> in [2, 10000]); <paramref name="optionsName"/> names the options class in errors.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it (and the column).</exception>
    public static void ThrowIfBadDomain(IDictionary<string, (double Lower, double Upper)> publicBounds, IDictionary<string, IReadOnlyList<string>> publicCategories, IDictionary<string, IReadOnlyList<double>> publicBinEdges, int bins, string optionsName)
    {
        ArgumentNullException.ThrowIfNull(publicBounds, "PublicBounds");
        ArgumentNullException.ThrowIfNull(publicCategories, "PublicCategories");
        ArgumentNullException.ThrowIfNull(publicBinEdges, "PublicBinEdges");
        if (bins is < 2 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, $"{optionsName}.Bins is {bins}; it must lie in [2, 10000].");
        }

        foreach (var (column, (lower, upper)) in publicBounds)
        {
            PrivacyParameters.ThrowIfBadBounds(lower, upper, column);
        }

        foreach (var (column, edges) in publicBinEdges)
        {
            if (edges is null || edges.Count < 2 || edges.Any(e => !double.IsFinite(e)) || edges.Zip(edges.Skip(1)).Any(p => !(p.First < p.Second)))
            {
                throw new ArgumentException($"Column '{column}': the declared bin edges must be at least two finite, strictly increasing numbers.", nameof(publicBinEdges));
            }
        }
    }

    /// <summary>
    /// The column and category code of a condition on one category of one categorical column, the only conditioning
    /// the marginal synthesizers draw exactly; <paramref name="model"/> and <paramref name="how"/> name the synthesizer
    /// and its method in the error.
    /// </summary>
    /// <exception cref="NotSupportedException">The conditions are a range or several.</exception>
    public static (int Column, int Code) SingleCategory(ResolvedConditions conditions, string model, string how)
    {
        if (conditions.Items.Count != 1 || !conditions.Items[0].IsCategory)
        {
            throw new NotSupportedException($"{model} samples conditionally on one category of one categorical column ({how}); it does not take ranges or several conditions. Sample unconditionally and filter instead.");
        }

        return (conditions.Items[0].ColumnIndex, conditions.Items[0].Category);
    }

    /// <summary>The cell of every row of <paramref name="column"/>.</summary>
    public int[] Encode(TableColumn column)
    {
        var cells = new int[column.Length];
        int missing = HasMissingCell ? Values : 0;   // a missing value in a column that cannot hold one cannot occur
        if (column is CategoricalColumn categorical)
        {
            for (int r = 0; r < cells.Length; r++)
            {
                cells[r] = categorical.Codes[r] < 0 ? missing : categorical.Codes[r];
            }

            return cells;
        }

        var values = ((ContinuousColumn)column).Values;
        var edges = Edges!;
        for (int r = 0; r < cells.Length; r++)
        {
            double v = values[r];
            if (double.IsNaN(v))
            {
                cells[r] = missing;
                continue;
            }

            int k = Array.BinarySearch(edges, v);
            k = k >= 0 ? k : ~k - 1;   // edges[k] ≤ v < edges[k + 1]
            cells[r] = Math.Clamp(k, 0, Values - 1);
        }

        return cells;
    }

    /// <summary>A value of cell <paramref name="cell"/>: its category code, or a number drawn uniformly in its bin (NaN / -1 for the missing cell).</summary>
    public double Decode(int cell, Xoshiro256StarStar rng)
    {
        if (cell >= Values)
        {
            return Edges is null ? -1 : double.NaN;
        }

        if (Edges is null)
        {
            return cell;
        }

        double low = Edges[cell], high = Edges[cell + 1];
        if (WholeNumbers)
        {
            double first = Math.Ceiling(low), last = cell == Values - 1 ? Math.Floor(high) : Math.Ceiling(high) - 1;
            return last < first ? Math.Round((low + high) / 2) : first + Math.Floor(rng.NextDouble() * (last - first + 1));
        }

        return low + (rng.NextDouble() * (high - low));
    }

    /// <summary>
    /// The table of <paramref name="rows"/> rows whose cells are <paramref name="drawn"/> (by column), decoded in
    /// row order then column order: a compressed cell first to one of its original cells uniformly (when
    /// <paramref name="maps"/> is given), then to a value (<see cref="Decode"/>); column <paramref name="fixedColumn"/>
    /// (if ≥ 0) takes category code <paramref name="fixedCode"/> in every row.
    /// </summary>
    public static TabularData DecodeTable(TabularSchema schema, ColumnCells[] cells, int[][] drawn, int rows, Xoshiro256StarStar rng, DomainCompression[]? maps = null, int fixedColumn = -1, int fixedCode = -1)
    {
        int p = schema.Columns.Count;
        var values = new double[p][];
        for (int c = 0; c < p; c++)
        {
            values[c] = new double[rows];
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < p; c++)
            {
                int cell = drawn[c][r];
                if (maps is not null)
                {
                    var members = maps[c].Members[cell];
                    cell = members.Length == 1 ? members[0] : members[(int)(rng.NextDouble() * members.Length)];
                }

                values[c][r] = c == fixedColumn ? fixedCode : cells[c].Decode(cell, rng);
            }
        }

        var columns = new TableColumn[p];
        for (int c = 0; c < p; c++)
        {
            var info = schema.Columns[c];
            if (info.Kind == ColumnKind.Categorical)
            {
                columns[c] = new CategoricalColumn(info.Name, [.. values[c].Select(v => (int)v)], info.Categories);
                continue;
            }

            if (info.OriginalType.RawType == typeof(float))
            {
                for (int r = 0; r < rows; r++)
                {
                    values[c][r] = double.IsNaN(values[c][r]) ? double.NaN : Math.Clamp((float)values[c][r], info.Min, info.Max);
                }
            }

            columns[c] = new ContinuousColumn(info.Name, values[c], info.IsInteger);
        }

        return new TabularData(schema, columns);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Values);
        writer.Write(HasMissingCell);
        writer.Write(WholeNumbers);
        writer.Write(Edges is not null);
        foreach (var e in Edges ?? [])
        {
            writer.Write(e);
        }
    }

    public static ColumnCells Read(Synthesizers.ModelFiles.ModelReader reader, TableColumnInfo info)
    {
        int values = reader.ReadInt32("cell count", 1, 1_000_000);
        bool missing = reader.ReadBoolean("missing cell");
        bool whole = reader.ReadBoolean("whole numbers");
        bool binned = reader.ReadBoolean("binned");
        reader.Check(binned == (info.Kind == ColumnKind.Continuous), $"column '{info.Name}' is {info.Kind} but its cells are {(binned ? "bins" : "categories")}");
        reader.Check(binned || values == info.Categories.Count, $"column '{info.Name}' has {info.Categories.Count} categories but {values} cells");
        double[]? edges = null;
        if (binned)
        {
            edges = new double[values + 1];
            for (int i = 0; i < edges.Length; i++)
            {
                edges[i] = reader.ReadFinite("bin edge");
                reader.Check(i == 0 || edges[i] > edges[i - 1], $"the bin edges of column '{info.Name}' are not increasing");
            }
        }

        return new ColumnCells(values, edges, missing, whole);
    }
}
