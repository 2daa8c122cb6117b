using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic.Constraints;

/// <summary>Models a column of multiples of k as the whole number x / k (the model rounds whole-number columns); back, round(m)·k.</summary>
internal sealed class IncrementStep : ContinuousMapStep
{
    internal const string FormatName = "increment";
    private readonly double _increment;

    private IncrementStep(TabularSchema before, TabularSchema after, string column, double increment)
        : base(before, after, [column], [true])
    {
        _increment = increment;
    }

    public override string Format => FormatName;

    public override string Description => $"{Inputs[0]} modelled as the whole number {Inputs[0]} / {_increment}";

    public static IncrementStep Fit(TabularData table, string column, double increment)
    {
        var values = (double[])((ContinuousColumn)table[column]).Values.Clone();
        Divide(values, increment);
        return new IncrementStep(table.Schema, ModelSchema(table.Schema, [column], [true], [values], modelIntegers: true), column, increment);
    }

    private protected override void ToModel(double[][] columns) => Divide(columns[0], _increment);

    private static void Divide(double[] x, double increment)
    {
        for (int r = 0; r < x.Length; r++)
        {
            x[r] = Math.Round(x[r] / increment);
        }
    }

    private protected override void FromModel(double[][] columns)
    {
        var x = columns[0];
        for (int r = 0; r < x.Length; r++)
        {
            x[r] = Math.Round(x[r]) * _increment;
        }
    }

    public override void WriteState(BinaryWriter writer)
    {
        writer.Write(Inputs[0]);
        writer.Write(_increment);
    }

    public static IncrementStep Read(ModelReader reader, TabularSchema before, TabularSchema after)
    {
        var column = reader.ReadString("column");
        StepSchemas.CheckContinuous(reader, before, after, column);
        double k = reader.ReadDouble("increment");
        reader.Check(double.IsFinite(k) && k > 0, "the increment is not a positive finite number");
        return new IncrementStep(before, after, column, k);
    }
}
