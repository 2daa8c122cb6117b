using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A rule every row of a table must follow ("checkout ≥ checkin", "city and country come in the pairs seen in
/// training", "price is a multiple of 0.05"). Created with <c>mlContext.Synthetic().Constraints</c> and declared in
/// <see cref="TabularDataOptions.Constraints"/>: every synthesizer checks that its training rows follow each rule,
/// models a reversibly transformed table where the rule allows it (so that the rule holds by construction), and
/// rejects and redraws any sampled row that still breaks a rule, so that every sampled row follows every rule.
/// <c>Evaluate</c> reports the share of synthetic rows that follow each rule.
/// </summary>
public abstract class TableConstraint
{
    private protected TableConstraint(string name, IReadOnlyList<string> columns)
    {
        Name = name;
        Columns = columns;
    }

    /// <summary>What the rule says, for reports and messages: <c>Inequality(checkin ≤ checkout)</c>.</summary>
    public string Name { get; }

    /// <summary>The columns the rule reads.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>How the rule is kept: by a reversible transform, by rejection, or chosen from the training rows (<see cref="ConstraintHandling.Auto"/>).</summary>
    public ConstraintHandling Handling { get; internal set; }

    /// <summary>Returns <see cref="Name"/>.</summary>
    public override string ToString() => Name;

    /// <summary>Checks that the columns exist and have the kinds the rule needs; the error names the column and the rule.</summary>
    internal abstract void CheckColumns(TabularSchema schema);

    /// <summary>
    /// The rule with what it learns from the training rows (the combinations a <c>FixedCombinations</c> rule allows);
    /// a rule that learns nothing returns itself.
    /// </summary>
    internal virtual TableConstraint FitTo(TabularData training) => this;

    /// <summary>Sets <paramref name="valid"/>[r] to false for each row r of <paramref name="table"/> that breaks the rule (rows with a missing value in the rule's columns follow it).</summary>
    internal abstract void MarkViolations(TabularData table, bool[] valid);

    /// <summary>Whether each row of <paramref name="table"/> follows the rule (the columns must have been checked with <see cref="CheckColumns"/>).</summary>
    internal bool[] ValidRows(TabularData table)
    {
        var valid = new bool[table.RowCount];
        Array.Fill(valid, true);
        MarkViolations(table, valid);
        return valid;
    }

    /// <summary>The reversible transform that makes the rule hold by construction, fitted on <paramref name="table"/>; null when there is none (rejection only).</summary>
    internal virtual TableStep? CreateStep(TabularData table) => null;

    /// <summary>Whether <see cref="ConstraintHandling.Auto"/> transforms the rule on <paramref name="table"/> (else rejection alone); see <see cref="ConstraintHandling.Auto"/>.</summary>
    internal virtual bool TransformsByDefault(TabularData table) => true;

    /// <summary>Whether the rule is kept by its transform on <paramref name="table"/> (<see cref="Handling"/>, or its default).</summary>
    internal bool Transforms(TabularData table) => Handling switch
    {
        ConstraintHandling.Transform => true,
        ConstraintHandling.Reject => false,
        _ => TransformsByDefault(table),
    };

    /// <summary>The name the rule's parameters are saved under (see <see cref="Constraints.ConstraintFormats"/>).</summary>
    internal abstract string Format { get; }

    /// <summary>Whether the rule can be saved with a model (a rule built on user code cannot).</summary>
    internal virtual bool CanSave => true;

    /// <summary>Writes the rule's parameters and what it learned.</summary>
    internal abstract void Write(BinaryWriter writer);

    /// <summary>The named column of <paramref name="schema"/>, or an error naming it and the rule.</summary>
    private protected TableColumnInfo Column(TabularSchema schema, string name, ColumnKind? kind)
    {
        int i = schema.IndexOf(name);
        if (i < 0)
        {
            throw new ArgumentException($"Constraint {Name} names column '{name}', which is not in the table. Columns: {string.Join(", ", schema.Columns.Select(c => c.Name))}. Fix the column name in the constraint.", nameof(schema));
        }

        var info = schema.Columns[i];
        if (kind is { } k && info.Kind != k)
        {
            throw new ArgumentException($"Constraint {Name} needs column '{name}' to be {(k == ColumnKind.Continuous ? "a number column (continuous)" : "categorical")}, but it is read as {info.Kind}. Declare its kind in {nameof(TabularDataOptions)}.{nameof(TabularDataOptions.ColumnKinds)} or drop the constraint.", nameof(schema));
        }

        return info;
    }
}
