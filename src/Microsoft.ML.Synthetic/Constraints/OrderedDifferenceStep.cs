using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic.Constraints;

/// <summary>
/// Models columns c₀ ≤ c₁ ≤ … as c₀ and, for each following column, m = log(cᵢ − cᵢ₋₁ + 1) (strict: log(cᵢ − cᵢ₋₁)),
/// the transform of SDV's Inequality constraint (Patki et al., "The Synthetic Data Vault", 2016; SDV's
/// <c>Inequality</c> models the log of the difference). Back: cᵢ = cᵢ₋₁ + max(0, eᵐ − 1) (strict: cᵢ₋₁ + eᵐ), so the order
/// holds for every real m.
/// </summary>
internal sealed class OrderedDifferenceStep : ContinuousMapStep
{
    internal const string FormatName = "ordered-difference";
    private readonly bool _strict;

    private OrderedDifferenceStep(TabularSchema before, TabularSchema after, string[] columns, bool strict)
        : base(before, after, columns, [.. columns.Select((_, i) => i > 0)])
    {
        _strict = strict;
    }

    public override string Format => FormatName;

    public override string Description =>
        $"{string.Join(", ", Inputs.Skip(1).Select((c, i) => $"{c} modelled as log({c} − {Inputs[i]}{(_strict ? "" : " + 1")})"))}";

    public static OrderedDifferenceStep Fit(TabularData table, string[] columns, bool strict)
    {
        var values = columns.Select(c => (double[])((ContinuousColumn)table[c]).Values.Clone()).ToArray();
        ToModel(values, strict);
        var changed = columns.Select((_, i) => i > 0).ToArray();
        return new OrderedDifferenceStep(table.Schema, ModelSchema(table.Schema, columns, changed, values), columns, strict);
    }

    private protected override void ToModel(double[][] columns) => ToModel(columns, _strict);

    private static void ToModel(double[][] columns, bool strict)
    {
        double shift = strict ? 0 : 1;
        for (int i = columns.Length - 1; i > 0; i--)
        {
            var high = columns[i];
            var low = columns[i - 1];
            for (int r = 0; r < high.Length; r++)
            {
                high[r] = Math.Log(high[r] - low[r] + shift);
            }
        }
    }

    private protected override void FromModel(double[][] columns)
    {
        for (int i = 1; i < columns.Length; i++)
        {
            var high = columns[i];
            var low = columns[i - 1];
            for (int r = 0; r < high.Length; r++)
            {
                high[r] = low[r] + (_strict ? Math.Exp(high[r]) : Math.Max(0, Math.Exp(high[r]) - 1));
            }
        }
    }

    public override void WriteState(BinaryWriter writer)
    {
        writer.Write(Inputs.Count);
        foreach (var c in Inputs)
        {
            writer.Write(c);
        }

        writer.Write(_strict);
    }

    public static OrderedDifferenceStep Read(ModelReader reader, TabularSchema before, TabularSchema after)
    {
        var columns = new string[reader.ReadInt32("column count", 2, 3)];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = reader.ReadString("column");
            StepSchemas.CheckContinuous(reader, before, after, columns[i]);
        }

        return new OrderedDifferenceStep(before, after, columns, reader.ReadBoolean("strict flag"));
    }
}
