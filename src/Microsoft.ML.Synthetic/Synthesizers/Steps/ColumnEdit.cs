using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Synthesizers.Steps;

/// <summary>Builds the schemas and tables of a step's two sides.</summary>
internal static class ColumnEdit
{
    /// <summary>The schema entry of a continuous model-side column over <paramref name="values"/> (observed range as minimum and maximum).</summary>
    public static TableColumnInfo ContinuousInfo(string name, double[] values, bool isInteger)
    {
        var observed = values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).ToArray();
        return new TableColumnInfo(name, ColumnKind.Continuous, NumberDataViewType.Double, isInteger, [], observed.Min(), observed.Max(), missingText: null, originalAnnotations: null);
    }

    /// <summary>The schema entry of a categorical model-side column.</summary>
    public static TableColumnInfo CategoricalInfo(string name, IReadOnlyList<string> categories) =>
        new(name, ColumnKind.Categorical, TextDataViewType.Instance, false, categories, double.NaN, double.NaN, missingText: null, originalAnnotations: null);

    /// <summary>
    /// <paramref name="table"/>'s columns laid out as <paramref name="target"/>: a column named in
    /// <paramref name="columns"/> is taken from there, any other from <paramref name="table"/> by name.
    /// </summary>
    public static TabularData Assemble(TabularData table, TabularSchema target, IReadOnlyDictionary<string, TableColumn> columns) =>
        new(target, target.Columns.Select(c => columns.TryGetValue(c.Name, out var made) ? made : table[c.Name]).ToArray());

    /// <summary>
    /// <paramref name="schema"/> with the entries named in <paramref name="replaced"/> swapped in place, the entries
    /// named in <paramref name="removed"/> left out, and <paramref name="inserted"/> put where the first removed one was.
    /// </summary>
    public static TabularSchema Edit(TabularSchema schema, IReadOnlyDictionary<string, TableColumnInfo> replaced,
        IReadOnlyCollection<string>? removed = null, TableColumnInfo? inserted = null)
    {
        var infos = new List<TableColumnInfo>();
        bool placed = false;
        foreach (var c in schema.Columns)
        {
            if (removed is not null && removed.Contains(c.Name))
            {
                if (!placed && inserted is not null)
                {
                    infos.Add(inserted);
                    placed = true;
                }

                continue;
            }

            infos.Add(replaced.TryGetValue(c.Name, out var info) ? info : c);
        }

        return new TabularSchema(infos);
    }

    /// <summary>The continuous column <paramref name="name"/> of <paramref name="table"/>.</summary>
    public static ContinuousColumn Continuous(TabularData table, string name) =>
        table[name] as ContinuousColumn ?? throw new InvalidOperationException($"Column '{name}' is not continuous on this side of the step.");

    /// <summary>The categorical column <paramref name="name"/> of <paramref name="table"/>.</summary>
    public static CategoricalColumn Categorical(TabularData table, string name) =>
        table[name] as CategoricalColumn ?? throw new InvalidOperationException($"Column '{name}' is not categorical on this side of the step.");
}
