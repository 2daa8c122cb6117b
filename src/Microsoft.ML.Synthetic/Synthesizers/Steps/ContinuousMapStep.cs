namespace Microsoft.ML.Synthetic.Synthesizers.Steps;

/// <summary>
/// A step that maps some continuous columns to model-space values in place (same name, same position) and back:
/// it reads the columns <c>Read</c> and changes those of them marked changed. A concrete step gives the two maps as
/// in-place edits of copies of the read columns' values; whole numbers are rounded on the way back where the user's
/// column holds whole numbers.
/// </summary>
internal abstract class ContinuousMapStep : TableStep
{
    private readonly string[] _read;
    private readonly bool[] _changed;

    private protected ContinuousMapStep(TabularSchema before, TabularSchema after, string[] read, bool[] changed)
        : base(before, after)
    {
        _read = read;
        _changed = changed;
        ChangedColumns = read.Where((_, i) => changed[i]).ToArray();
    }

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> ChangedColumns { get; }

    /// <summary>The columns the maps read, in the order they are given to them.</summary>
    public IReadOnlyList<string> Inputs => _read;

    /// <summary>Turns the user's values of the read columns into model values (only the changed columns' arrays change).</summary>
    private protected abstract void ToModel(double[][] columns);

    /// <summary>Turns model values of the read columns back into the user's values (only the changed columns' arrays change).</summary>
    private protected abstract void FromModel(double[][] columns);

    /// <inheritdoc/>
    public override TabularData Forward(TabularData table)
    {
        var values = Copy(table);
        ToModel(values);
        return Assemble(table, After, values);
    }

    /// <inheritdoc/>
    public override TabularData Reverse(TabularData table, Random random)
    {
        var values = Copy(table);
        FromModel(values);
        for (int i = 0; i < _read.Length; i++)
        {
            if (_changed[i] && Before.Columns[Before.IndexOf(_read[i])].IsInteger)
            {
                var v = values[i];
                for (int r = 0; r < v.Length; r++)
                {
                    v[r] = Math.Round(v[r]);
                }
            }
        }

        return Assemble(table, Before, values);
    }

    /// <summary>The schema of the model's side: <paramref name="before"/> with each changed column described by its model values.</summary>
    private protected static TabularSchema ModelSchema(TabularSchema before, string[] read, bool[] changed, double[][] modelValues, bool modelIntegers = false)
    {
        var replaced = new Dictionary<string, TableColumnInfo>(StringComparer.Ordinal);
        for (int i = 0; i < read.Length; i++)
        {
            if (changed[i])
            {
                replaced[read[i]] = ColumnEdit.ContinuousInfo(read[i], modelValues[i], modelIntegers);
            }
        }

        return ColumnEdit.Edit(before, replaced);
    }

    /// <summary>Copies of the read columns' values of <paramref name="table"/>.</summary>
    private protected double[][] Copy(TabularData table) =>
        _read.Select(name => (double[])ColumnEdit.Continuous(table, name).Values.Clone()).ToArray();

    private TabularData Assemble(TabularData table, TabularSchema target, double[][] values)
    {
        var made = new Dictionary<string, TableColumn>(StringComparer.Ordinal);
        for (int i = 0; i < _read.Length; i++)
        {
            if (_changed[i])
            {
                made[_read[i]] = new ContinuousColumn(_read[i], values[i], target.Columns[target.IndexOf(_read[i])].IsInteger);
            }
        }

        return ColumnEdit.Assemble(table, target, made);
    }
}
