using System.Globalization;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Evaluation.Tables;

/// <summary>
/// Keeps the arithmetic on continuous columns finite. Infinite values are rejected (no metric is defined on them).
/// A column whose largest magnitude lies outside [2^-<see cref="LimitExponent"/>, 2^<see cref="LimitExponent"/>]
/// (about 1e-144 … 1e144, so that sums of squares over 2^31 rows stay finite and above the subnormal range) is multiplied by a power of two that brings it to [1, 2): that product is exact, every
/// score is scale-free, and differences, squares and sums over the rows then stay finite and above the subnormal
/// range — so ±1e308 gives the same scores as ±1, never an overflowed range, a NaN or a silent 0.
/// </summary>
internal static class ValueScaling
{
    /// <summary>Columns whose largest magnitude has a binary exponent beyond ±this are rescaled.</summary>
    public const int LimitExponent = 480;

    /// <summary>Throws <see cref="ArgumentException"/> naming the column, table and row when a value is ±∞.</summary>
    public static void CheckFinite(ContinuousColumn column, string role)
    {
        var values = column.Values;
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsInfinity(values[i]))
            {
                throw new ArgumentException(
                    $"Column '{column.Name}' holds {values[i].ToString(CultureInfo.InvariantCulture)} in the {role} data (row {i}); evaluation needs finite numbers (NaN marks a missing value). Replace or drop the infinite values first.",
                    role);
            }
        }
    }

    /// <summary>
    /// The scale for one column over all its tables (1 when none is needed) and the tables' values multiplied by it
    /// (the same arrays when the scale is 1; copies otherwise: the caller's tables are never changed).
    /// </summary>
    public static double Rescale(string name, double[][] tables, List<string> warnings, out double[][] scaled)
    {
        double maxAbs = 0;
        foreach (var values in tables)
        {
            foreach (var v in values)
            {
                if (!double.IsNaN(v)) maxAbs = Math.Max(maxAbs, Math.Abs(v));
            }
        }

        int exponent = maxAbs == 0 ? 0 : Math.ILogB(maxAbs);
        if (Math.Abs(exponent) <= LimitExponent)
        {
            scaled = tables;
            return 1.0;
        }

        double factor = Math.ScaleB(1.0, -exponent);
        scaled = tables.Select(values => values.Select(v => v * factor).ToArray()).ToArray();
        warnings.Add(string.Create(CultureInfo.InvariantCulture,
            $"Column '{name}' holds values as large as {maxAbs:G4} in magnitude: its values were multiplied by 2^{-exponent} (exact) before any distance, range or moment was computed, so the scores are those of the same data in a representable range."));
        return factor;
    }
}
