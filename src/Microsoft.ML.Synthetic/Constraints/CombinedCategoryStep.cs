using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic.Constraints;

/// <summary>
/// Models two or more categorical columns as one categorical column whose categories are the combinations seen in
/// training (SDV's FixedCombinations transform), placed where the first of them was; back, each combination code gives
/// each column's code, so only seen combinations can come out.
/// </summary>
internal sealed class CombinedCategoryStep : TableStep
{
    internal const string FormatName = "combined-category";
    private readonly string[] _columns;
    private readonly string _combined;
    private readonly int[][] _codes;

    private CombinedCategoryStep(TabularSchema before, TabularSchema after, string[] columns, string combined, int[][] codes)
        : base(before, after)
    {
        _columns = columns;
        _combined = combined;
        _codes = codes;
    }

    public override string Format => FormatName;

    public override string Description => $"{string.Join(", ", _columns)} modelled as one column '{_combined}' of their {_codes.Length} combinations seen in training";

    public override IReadOnlyCollection<string> ChangedColumns => _columns;

    public static CombinedCategoryStep Fit(TabularData table, string[] columns)
    {
        var source = columns.Select(c => (CategoricalColumn)table[c]).ToArray();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new List<int[]>();
        for (int r = 0; r < table.RowCount; r++)
        {
            var tuple = source.Select(c => c.Codes[r]).ToArray();
            if (seen.TryAdd(string.Join(',', tuple), codes.Count))
            {
                codes.Add(tuple);
            }
        }

        var name = string.Join("+", columns);
        while (table.IndexOf(name) >= 0)
        {
            name += "#";
        }

        var after = ColumnEdit.Edit(table.Schema, new Dictionary<string, TableColumnInfo>(), columns,
            ColumnEdit.CategoricalInfo(name, Labels(table.Schema, columns, codes)));
        return new CombinedCategoryStep(table.Schema, after, columns, name, [.. codes]);
    }

    /// <summary>Readable, distinct category texts for the combinations ("Paris | France").</summary>
    private static string[] Labels(TabularSchema schema, string[] columns, IReadOnlyList<int[]> codes)
    {
        var infos = columns.Select(c => schema.Columns[schema.IndexOf(c)]).ToArray();
        var labels = codes.Select(t => string.Join(" | ", t.Select((code, i) => code < 0 ? "(missing)" : infos[i].Categories[code]))).ToArray();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < labels.Length; j++)
        {
            while (!used.Add(labels[j]))
            {
                labels[j] += " #" + j;
            }
        }

        return labels;
    }

    public override TabularData Forward(TabularData table)
    {
        var source = _columns.Select(c => (CategoricalColumn)table[c]).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < _codes.Length; j++)
        {
            index[string.Join(',', _codes[j])] = j;
        }

        var combined = new int[table.RowCount];
        for (int r = 0; r < combined.Length; r++)
        {
            combined[r] = index.TryGetValue(string.Join(',', source.Select(c => c.Codes[r])), out var j) ? j : -1;
        }

        var info = After.Columns[After.IndexOf(_combined)];
        return ColumnEdit.Assemble(table, After, new Dictionary<string, TableColumn> { [_combined] = new CategoricalColumn(_combined, combined, info.Categories) });
    }

    public override TabularData Reverse(TabularData table, Random random)
    {
        var combined = ((CategoricalColumn)table[_combined]).Codes;
        var made = new Dictionary<string, TableColumn>(StringComparer.Ordinal);
        for (int i = 0; i < _columns.Length; i++)
        {
            var codes = new int[combined.Length];
            for (int r = 0; r < codes.Length; r++)
            {
                codes[r] = combined[r] < 0 ? -1 : _codes[combined[r]][i];
            }

            made[_columns[i]] = new CategoricalColumn(_columns[i], codes, Before.Columns[Before.IndexOf(_columns[i])].Categories);
        }

        return ColumnEdit.Assemble(table, Before, made);
    }

    public override void WriteState(BinaryWriter writer)
    {
        writer.Write(_columns.Length);
        foreach (var c in _columns)
        {
            writer.Write(c);
        }

        writer.Write(_combined);
        writer.Write(_codes.Length);
        foreach (var tuple in _codes)
        {
            foreach (var code in tuple)
            {
                writer.Write(code);
            }
        }
    }

    public static CombinedCategoryStep Read(ModelReader reader, TabularSchema before, TabularSchema after)
    {
        var columns = new string[reader.ReadInt32("column count", 2, ModelFileLimits.MaxColumns)];
        var categoryCounts = new int[columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = reader.ReadString("column");
            categoryCounts[i] = before.Columns[StepSchemas.CheckKind(reader, before, columns[i], ColumnKind.Categorical, "user")].Categories.Count;
            reader.Check(after.IndexOf(columns[i]) < 0, $"column {ModelReader.Quote(columns[i])} is still on the model side of the step");
        }

        var combined = reader.ReadString("combined column");
        int at = StepSchemas.CheckKind(reader, after, combined, ColumnKind.Categorical, "model");
        var codes = new int[reader.ReadCount("combination count", ModelFileLimits.MaxCategories, 4 * columns.Length)][];
        reader.Check(codes.Length == after.Columns[at].Categories.Count, "the number of combinations differs from the combined column's categories");
        for (int j = 0; j < codes.Length; j++)
        {
            codes[j] = new int[columns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                codes[j][i] = reader.ReadInt32("category code", -1, categoryCounts[i] - 1);
            }
        }

        return new CombinedCategoryStep(before, after, columns, combined, codes);
    }
}
