using System.Globalization;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic.Constraints;

/// <summary>
/// FixedIncrements: every value of a number column is a whole multiple of k (SDV's FixedIncrements). The model sees
/// x / k, a whole number; back, round(m)·k. A value counts as a multiple when x / k is within 10⁻⁹ (relative) of a
/// whole number, so that decimal steps such as 0.05 survive binary rounding. A missing value follows the rule.
/// </summary>
internal sealed class FixedIncrementsConstraint : TableConstraint
{
    internal const string FormatName = "fixed-increments";

    public FixedIncrementsConstraint(string column, double increment)
        : base($"FixedIncrements({column} a multiple of {increment.ToString("R", CultureInfo.InvariantCulture)})", [column])
    {
        Increment = increment;
    }

    public double Increment { get; }

    internal override string Format => FormatName;

    /// <summary>Whether <paramref name="x"/> is a whole multiple of <paramref name="increment"/> (up to binary rounding).</summary>
    public static bool IsMultiple(double x, double increment)
    {
        double q = x / increment;
        return Math.Abs(q - Math.Round(q)) <= 1e-9 * Math.Max(1, Math.Abs(q));
    }

    internal override void CheckColumns(TabularSchema schema) => Column(schema, Columns[0], ColumnKind.Continuous);

    internal override void MarkViolations(TabularData table, bool[] valid)
    {
        var values = ((ContinuousColumn)table[Columns[0]]).Values;
        for (int r = 0; r < valid.Length; r++)
        {
            if (!double.IsNaN(values[r]) && !IsMultiple(values[r], Increment))
            {
                valid[r] = false;
            }
        }
    }

    internal override TableStep CreateStep(TabularData table) => IncrementStep.Fit(table, Columns[0], Increment);

    internal override void Write(BinaryWriter writer)
    {
        writer.Write(Columns[0]);
        writer.Write(Increment);
    }

    internal static FixedIncrementsConstraint Read(ModelReader reader)
    {
        var column = reader.ReadString("column");
        double k = reader.ReadDouble("increment");
        reader.Check(double.IsFinite(k) && k > 0, "the increment is not a positive finite number");
        return new FixedIncrementsConstraint(column, k);
    }
}
