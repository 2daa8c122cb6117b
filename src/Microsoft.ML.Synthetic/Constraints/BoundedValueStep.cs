using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic.Constraints;

/// <summary>
/// Models a bounded number column on the whole real line, as SDV's ScalarRange and ScalarInequality do: between two
/// finite bounds L and U as logit(0.025 + 0.95·(x − L)/(U − L)) (SDV's scaling: values on a bound map to ±3.66, not to
/// infinity), above L alone as log(x − L + 1) (strict: log(x − L)), below U alone as log(U − x + 1). Back:
/// L + (U − L)·clamp((σ(m) − 0.025)/0.95, 0, 1) (SDV clips the same way), L + max(0, eᵐ − 1), U − max(0, eᵐ − 1)
/// (strict: without the 1): inside the bounds for every real m (a strict bound reached is rejected by the rule).
/// </summary>
internal sealed class BoundedValueStep : ContinuousMapStep
{
    internal const string FormatName = "bounded-value";
    private const double Shift = 0.025, Scale = 0.95;
    private readonly double _lower, _upper;
    private readonly bool _strict;

    private BoundedValueStep(TabularSchema before, TabularSchema after, string column, double lower, double upper, bool strict)
        : base(before, after, [column], [true])
    {
        _lower = lower;
        _upper = upper;
        _strict = strict;
    }

    public override string Format => FormatName;

    public override string Description => double.IsFinite(_lower) && double.IsFinite(_upper)
        ? $"{Inputs[0]} modelled as logit of its place between {_lower} and {_upper}"
        : $"{Inputs[0]} modelled as log of its distance to {(double.IsFinite(_lower) ? _lower : _upper)}";

    public static BoundedValueStep Fit(TabularData table, string column, double lower, double upper, bool strict)
    {
        var values = (double[])((ContinuousColumn)table[column]).Values.Clone();
        Map(values, lower, upper, strict);
        return new BoundedValueStep(table.Schema, ModelSchema(table.Schema, [column], [true], [values]), column, lower, upper, strict);
    }

    private protected override void ToModel(double[][] columns) => Map(columns[0], _lower, _upper, _strict);

    private static void Map(double[] x, double lower, double upper, bool strict)
    {
        double shift = strict ? 0 : 1;
        for (int r = 0; r < x.Length; r++)
        {
            if (double.IsFinite(lower) && double.IsFinite(upper))
            {
                double s = Shift + (Scale * (x[r] - lower) / (upper - lower));
                x[r] = Math.Log(s / (1 - s));
            }
            else
            {
                x[r] = Math.Log((double.IsFinite(lower) ? x[r] - lower : upper - x[r]) + shift);
            }
        }
    }

    private protected override void FromModel(double[][] columns)
    {
        var x = columns[0];
        for (int r = 0; r < x.Length; r++)
        {
            double m = x[r];
            if (double.IsFinite(_lower) && double.IsFinite(_upper))
            {
                double s = Math.Clamp(((1 / (1 + Math.Exp(-m))) - Shift) / Scale, 0, 1);
                x[r] = _lower + ((_upper - _lower) * s);
            }
            else
            {
                double d = _strict ? Math.Exp(m) : Math.Max(0, Math.Exp(m) - 1);
                x[r] = double.IsFinite(_lower) ? _lower + d : _upper - d;
            }
        }
    }

    public override void WriteState(BinaryWriter writer)
    {
        writer.Write(Inputs[0]);
        writer.Write(_lower);
        writer.Write(_upper);
        writer.Write(_strict);
    }

    public static BoundedValueStep Read(ModelReader reader, TabularSchema before, TabularSchema after)
    {
        var column = reader.ReadString("column");
        StepSchemas.CheckContinuous(reader, before, after, column);
        double lower = reader.ReadDouble("lower bound"), upper = reader.ReadDouble("upper bound");
        reader.Check(!double.IsNaN(lower) && !double.IsNaN(upper) && lower < upper && (double.IsFinite(lower) || double.IsFinite(upper)), "the bounds are not a range with at least one finite bound");
        return new BoundedValueStep(before, after, column, lower, upper, reader.ReadBoolean("strict flag"));
    }
}
