using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Tables;

/// <summary>
/// The real, synthetic and (optional) holdout tables lined up column by column, with one category space per
/// categorical column: the real table's categories first (in its order), then categories that only the other
/// tables hold. Schemas are checked here, once, with errors that name the columns. The tables are
/// <see cref="TabularData"/> over one shared <see cref="Schema"/>: categorical columns re-coded in the shared category
/// space (a code means the same text in every table), continuous columns as read (or rescaled, see <see cref="ValueScales"/>).
/// </summary>
internal sealed class AlignedTables
{
    private AlignedTables(string[] names, ColumnKind[] kinds, string[][] categories, int[] realCategoryCounts, TabularSchema schema,
        TabularData real, TabularData synthetic, TabularData? holdout, List<string> warnings, double[] valueScales)
    {
        Schema = schema;
        ValueScales = valueScales;
        Names = names;
        Kinds = kinds;
        Categories = categories;
        RealCategoryCounts = realCategoryCounts;
        Real = real;
        Synthetic = synthetic;
        Holdout = holdout;
        Warnings = warnings;
    }

    /// <summary>Column names, in the real table's order.</summary>
    public string[] Names { get; }

    /// <summary>Column kinds.</summary>
    public ColumnKind[] Kinds { get; }

    /// <summary>Per column: the shared category texts (empty for continuous columns).</summary>
    public string[][] Categories { get; }

    /// <summary>Per column: how many of <see cref="Categories"/> occur in the real table's category list.</summary>
    public int[] RealCategoryCounts { get; }

    /// <summary>The schema the aligned tables share: the real table's columns with the shared categories.</summary>
    public TabularSchema Schema { get; }

    /// <summary>The real table (the one the synthesizer was trained on), aligned.</summary>
    public TabularData Real { get; }

    /// <summary>The synthetic table, aligned.</summary>
    public TabularData Synthetic { get; }

    /// <summary>Real rows the synthesizer never saw, when given, aligned.</summary>
    public TabularData? Holdout { get; }

    /// <summary>Things worth telling the user that do not stop the evaluation (categories only in synthetic data, …).</summary>
    public List<string> Warnings { get; }

    /// <summary>
    /// Per column: the power of two the continuous values were multiplied by (1 for most columns; see
    /// <see cref="ValueScaling"/>). Every score is scale-free; figures in the column's own unit (plots, RMSE) divide by it.
    /// </summary>
    public double[] ValueScales { get; }

    /// <summary>The rows each sampled metric used, with its cap; filled by the stages.</summary>
    public List<RowSample> RowSamples { get; } = [];

    /// <summary>Records the rows a capped metric used (0 = the metric does not use that table; thread-safe).</summary>
    public void Record(string metric, int? cap, string option, int realRows, int syntheticRows, int holdoutRows)
    {
        bool sampled = (realRows > 0 && realRows < Real.RowCount) || (syntheticRows > 0 && syntheticRows < Synthetic.RowCount) || (holdoutRows > 0 && Holdout is { } h && holdoutRows < h.RowCount);
        lock (RowSamples) RowSamples.Add(new RowSample(metric, cap, option, realRows, syntheticRows, holdoutRows) { Sampled = sampled });
    }

    /// <summary>
    /// The row encoding the distance metrics and the classifiers share, fitted on the real table (see
    /// <see cref="MixedRowEncoding.FitMinRange"/>): every column a feature, in table order.
    /// </summary>
    public MixedRowEncoding FitEncoding(bool exactConstantColumns = false) =>
        MixedRowEncoding.FitMinRange(Real, Enumerable.Range(0, ColumnCount).ToArray(), exactConstantColumns);

    /// <summary>The number of columns.</summary>
    public int ColumnCount => Names.Length;

    /// <summary>The index of a column by name, or -1.</summary>
    public int IndexOf(string name) => Array.IndexOf(Names, name);

    /// <summary>
    /// Lines the tables up. Throws <see cref="ArgumentException"/> when the column sets or kinds differ, when a
    /// table has fewer than <paramref name="minRows"/> rows, or when a column has no observed value in one table.
    /// </summary>
    public static AlignedTables Create(TabularData real, TabularData synthetic, TabularData? holdout, int minRows = 2)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        CheckSameColumns(real, synthetic, "synthetic");
        if (holdout is not null) CheckSameColumns(real, holdout, "holdout");
        CheckRows(real, "real", minRows);
        CheckRows(synthetic, "synthetic", minRows);
        if (holdout is not null) CheckRows(holdout, "holdout", minRows);

        int n = real.Columns.Count;
        var names = real.Columns.Select(c => c.Name).ToArray();
        var kinds = real.Columns.Select(c => c.Kind).ToArray();
        var categories = new string[n][];
        var realCounts = new int[n];
        var warnings = new List<string>();
        var tables = holdout is null ? new[] { real, synthetic } : new[] { real, synthetic, holdout };
        var roles = new[] { "real", "synthetic", "holdout" };
        var valueScales = Enumerable.Repeat(1.0, n).ToArray();
        var infos = new TableColumnInfo[n];
        var aligned = tables.Select(_ => new TableColumn[n]).ToArray();

        for (int c = 0; c < n; c++)
        {
            var realInfo = real.Schema.Columns[c];
            if (kinds[c] == ColumnKind.Continuous)
            {
                categories[c] = [];
                var columns = new ContinuousColumn[tables.Length];
                for (int t = 0; t < tables.Length; t++)
                {
                    columns[t] = (ContinuousColumn)tables[t][names[c]];
                    CheckObserved(columns[t], roles[t]);
                    ValueScaling.CheckFinite(columns[t], roles[t]);
                }

                valueScales[c] = ValueScaling.Rescale(names[c], columns.Select(x => x.Values).ToArray(), warnings, out var scaled);
                for (int t = 0; t < tables.Length; t++)
                {
                    aligned[t][c] = ReferenceEquals(scaled[t], columns[t].Values) ? columns[t] : new ContinuousColumn(names[c], scaled[t], columns[t].IsInteger);
                }

                infos[c] = valueScales[c] == 1 ? realInfo : new TableColumnInfo(names[c], ColumnKind.Continuous, realInfo.OriginalType,
                    realInfo.IsInteger, [], realInfo.Min * valueScales[c], realInfo.Max * valueScales[c], realInfo.MissingText, originalAnnotations: null);
                continue;
            }

            var space = new List<string>(((CategoricalColumn)real.Columns[c]).Categories);
            realCounts[c] = space.Count;
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < space.Count; i++) index.TryAdd(space[i], i);
            var sources = new CategoricalColumn[tables.Length];
            for (int t = 0; t < tables.Length; t++)
            {
                var column = sources[t] = (CategoricalColumn)tables[t][names[c]];
                CheckObserved(column, roles[t]);
                var unseen = new List<string>();
                foreach (var text in column.Categories)
                {
                    if (!index.TryGetValue(text, out int shared))
                    {
                        index.Add(text, space.Count);
                        space.Add(text);
                        unseen.Add(text);
                    }
                    else if (t == 2 && shared >= realCounts[c])
                    {
                        unseen.Add(text);   // a holdout category that only the synthetic data also holds is still unseen in training
                    }
                }

                if (unseen.Count > 0)
                {
                    string more = unseen.Count > 10 ? $" and {unseen.Count - 10:N0} more" : "";
                    string effect = t == 2 ? " They were never seen in training: a model trained on the real rows (TRTR) meets them as unknown, which lowers utility scores." : "";
                    warnings.Add($"Column '{names[c]}': the {roles[t]} data has categories the real data lacks: {string.Join(", ", unseen.Take(10).Select(u => $"'{u}'"))}{more}.{effect}");
                }
            }

            categories[c] = space.ToArray();
            for (int t = 0; t < tables.Length; t++) aligned[t][c] = sources[t].Recode(categories[c]);
            infos[c] = new TableColumnInfo(names[c], ColumnKind.Categorical, SharedType(realInfo.OriginalType, space.Count), false,
                categories[c], double.NaN, double.NaN, realInfo.MissingText, originalAnnotations: null);
            IdentifierCheck.Warn(names[c], ((CategoricalColumn)aligned[0][c]).Codes, realCounts[c], warnings);
        }

        var schema = new TabularSchema(infos);
        var data = aligned.Select(columns => new TabularData(schema, columns)).ToArray();
        return new AlignedTables(names, kinds, categories, realCounts, schema, data[0], data[1],
            holdout is null ? null : data[2], warnings, valueScales);
    }

    /// <summary>A key column's type with as many values as the shared categories; any other type as it is.</summary>
    private static DataViewType SharedType(DataViewType type, int categoryCount) =>
        type is KeyDataViewType key && key.Count != (ulong)categoryCount ? new KeyDataViewType(key.RawType, categoryCount) : type;

    private static void CheckSameColumns(TabularData real, TabularData other, string role)
    {
        var realNames = real.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var otherNames = other.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var missing = real.Columns.Select(c => c.Name).Where(n => !otherNames.Contains(n)).ToArray();
        var extra = other.Columns.Select(c => c.Name).Where(n => !realNames.Contains(n)).ToArray();
        if (missing.Length > 0 || extra.Length > 0)
        {
            var parts = new List<string>();
            if (missing.Length > 0) parts.Add($"missing from the {role} data: {string.Join(", ", missing.Select(m => $"'{m}'"))}");
            if (extra.Length > 0) parts.Add($"only in the {role} data: {string.Join(", ", extra.Select(m => $"'{m}'"))}");
            throw new ArgumentException($"The real and {role} data must have the same columns; {string.Join("; ", parts)}.", role);
        }

        foreach (var column in real.Columns)
        {
            var otherColumn = other[column.Name];
            if (otherColumn.Kind != column.Kind)
            {
                throw new ArgumentException($"Column '{column.Name}' is {column.Kind} in the real data but {otherColumn.Kind} in the {role} data ({other.Schema.Columns[other.IndexOf(column.Name)].OriginalType} vs {real.Schema.Columns[real.IndexOf(column.Name)].OriginalType}).", role);
            }
        }
    }

    private static void CheckRows(TabularData table, string role, int minRows)
    {
        if (table.Columns.Count == 0)
        {
            throw new ArgumentException($"The {role} data has no columns.", role);
        }

        if (table.RowCount < minRows)
        {
            throw new ArgumentException($"The {role} data has {table.RowCount} row(s); evaluation needs at least {minRows}.", role);
        }
    }

    private static void CheckObserved(TableColumn column, string role)
    {
        if (column.MissingCount == column.Length)
        {
            throw new ArgumentException($"Column '{column.Name}' has only missing values in the {role} data: its distribution cannot be compared.", role);
        }
    }
}
