using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic.Constraints;

/// <summary>A custom rule's own map of one number column into model space and back (user code; cannot be saved).</summary>
internal sealed class DelegateMapStep : ContinuousMapStep
{
    private readonly string _rule;
    private readonly Func<double, double> _toModel;
    private readonly Func<double, double> _fromModel;

    private DelegateMapStep(TabularSchema before, TabularSchema after, string rule, string column, Func<double, double> toModel, Func<double, double> fromModel)
        : base(before, after, [column], [true])
    {
        _rule = rule;
        _toModel = toModel;
        _fromModel = fromModel;
    }

    public override string Format => "delegate-map";

    public override string Description => $"{Inputs[0]} modelled through the map of {_rule}";

    public override bool CanSave => false;

    public static DelegateMapStep Fit(TabularData table, string rule, string column, Func<double, double> toModel, Func<double, double> fromModel)
    {
        var values = ((ContinuousColumn)table[column]).Values.Select(v => double.IsNaN(v) ? v : toModel(v)).ToArray();
        if (values.Any(double.IsInfinity))
        {
            throw new ArgumentException($"Constraint {rule}: its map into model space gives an infinite value for a training value of column '{column}'. Give a map that is finite on every training value.", nameof(toModel));
        }

        return new DelegateMapStep(table.Schema, ModelSchema(table.Schema, [column], [true], [values]), rule, column, toModel, fromModel);
    }

    private protected override void ToModel(double[][] columns) => Apply(columns[0], _toModel);

    private protected override void FromModel(double[][] columns) => Apply(columns[0], _fromModel);

    private static void Apply(double[] x, Func<double, double> map)
    {
        for (int r = 0; r < x.Length; r++)
        {
            if (!double.IsNaN(x[r]))
            {
                x[r] = map(x[r]);
            }
        }
    }

    public override void WriteState(BinaryWriter writer) =>
        throw new NotSupportedException($"The map of {_rule} is code (a delegate) and cannot be saved.");
}
