using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic.Constraints;

/// <summary>
/// A rule given as code: a row predicate, and optionally a reversible map of one number column into the space the model
/// sees (for example log for a rule the map makes hold by construction). Delegates cannot be saved, so a model with
/// a custom rule cannot be saved either (its Save says so and names the rule).
/// </summary>
internal sealed class CustomConstraint : TableConstraint
{
    private readonly Func<ConstraintRow, bool> _isValid;
    private readonly string? _column;
    private readonly Func<double, double>? _toModel;
    private readonly Func<double, double>? _fromModel;

    public CustomConstraint(string name, Func<ConstraintRow, bool> isValid, string? column, Func<double, double>? toModel, Func<double, double>? fromModel)
        : base($"Custom({name})", column is null ? [] : [column])
    {
        _isValid = isValid;
        _column = column;
        _toModel = toModel;
        _fromModel = fromModel;
    }

    internal override string Format => "custom";

    internal override bool CanSave => false;

    internal override void CheckColumns(TabularSchema schema)
    {
        if (_column is not null)
        {
            Column(schema, _column, ColumnKind.Continuous);
        }
    }

    internal override void MarkViolations(TabularData table, bool[] valid)
    {
        for (int r = 0; r < valid.Length; r++)
        {
            if (valid[r] && !_isValid(new ConstraintRow(table, r)))
            {
                valid[r] = false;
            }
        }
    }

    internal override TableStep? CreateStep(TabularData table) =>
        _column is null ? null : DelegateMapStep.Fit(table, Name, _column, _toModel!, _fromModel!);

    internal override void Write(BinaryWriter writer) =>
        throw new NotSupportedException($"Constraint {Name} is code (a delegate) and cannot be saved.");
}
