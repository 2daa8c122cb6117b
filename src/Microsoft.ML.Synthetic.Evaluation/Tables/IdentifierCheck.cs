using System.Globalization;

namespace Microsoft.ML.Synthetic.Evaluation.Tables;

/// <summary>
/// Flags a categorical column that looks like an identifier: nearly every real row holds its own value. Its shape
/// and pair scores then say little, every synthetic row is "new" in it, and each value is its own category for the
/// distance metrics and encodings, which makes them slow and meaningless.
/// </summary>
internal static class IdentifierCheck
{
    /// <summary>Share of observed real rows with distinct values at or above which a column is flagged.</summary>
    public const double DistinctShare = 0.9;

    /// <summary>Observed real rows below which no column is flagged (small tables are distinct by chance).</summary>
    public const int MinimumRows = 50;

    /// <summary>Adds a warning when the real codes of a column are nearly all distinct.</summary>
    public static void Warn(string name, int[] realCodes, int realCategoryCount, List<string> warnings)
    {
        int observed = 0;
        var seen = new bool[realCategoryCount];
        int distinct = 0;
        foreach (var code in realCodes)
        {
            if (code < 0) continue;
            observed++;
            if (code < seen.Length && !seen[code])
            {
                seen[code] = true;
                distinct++;
            }
        }

        if (observed < MinimumRows || distinct < DistinctShare * observed) return;
        warnings.Add(string.Create(CultureInfo.InvariantCulture,
            $"Column '{name}' looks like an identifier: {distinct:N0} distinct values in {observed:N0} real rows ({100.0 * distinct / observed:0.#}%). Its shape and pair scores say little and it makes every row unique to the distance metrics; leave it out of the evaluation (TabularDataOptions.Columns) or replace it with a coarser column."));
    }
}
