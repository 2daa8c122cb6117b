using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Privacy;

/// <summary>
/// SDMetrics' NewRowSynthesis: the share of synthetic rows that match no real row. A real row matches when every
/// categorical value is equal (missing matches missing) and every number is within the tolerance
/// (<see cref="NumericalMatchRule"/>; a missing synthetic number matches only a missing real one). Real rows are
/// grouped by their categories first, so only candidates with equal categories are compared; values are compared
/// as read (no float rounding), and a difference that overflows is correctly no match.
/// </summary>
internal static class NewRowSynthesis
{
    /// <summary>The share of the synthetic rows <paramref name="syntheticRows"/> that match none of the real rows <paramref name="realRows"/>.</summary>
    public static double Compute(AlignedTables tables, int[] syntheticRows, int[] realRows, double tolerance, NumericalMatchRule rule,
        CancellationToken cancellationToken)
    {
        var continuous = Enumerable.Range(0, tables.ColumnCount).Where(c => tables.Kinds[c] == ColumnKind.Continuous).ToArray();
        var categorical = Enumerable.Range(0, tables.ColumnCount).Where(c => tables.Kinds[c] == ColumnKind.Categorical).ToArray();
        var realValues = continuous.Select(c => tables.Real.ValuesOf(c)).ToArray();
        var syntheticValues = continuous.Select(c => tables.Synthetic.ValuesOf(c)).ToArray();
        bool bySyntheticValue = rule == NumericalMatchRule.SyntheticValue;
        var rangeLimits = bySyntheticValue ? [] : continuous.Select(c => tolerance * Range(tables.Real.ValuesOf(c))).ToArray();

        var realCodes = categorical.Select(c => tables.Real.CodesOf(c)).ToArray();
        var syntheticCodes = categorical.Select(c => tables.Synthetic.CodesOf(c)).ToArray();
        var groups = new Dictionary<CategoryKey, List<int>>();
        foreach (int r in realRows)
        {
            var key = new CategoryKey(realCodes, r);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(r);
        }

        var isNew = new bool[syntheticRows.Length];
        Parallel.For(0, syntheticRows.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            int s = syntheticRows[i];
            if (!groups.TryGetValue(new CategoryKey(syntheticCodes, s), out var candidates))
            {
                isNew[i] = true;
                return;
            }

            foreach (var r in candidates)
            {
                bool match = true;
                for (int c = 0; c < continuous.Length && match; c++)
                {
                    double sv = syntheticValues[c][s], rv = realValues[c][r];
                    if (double.IsNaN(sv) || double.IsNaN(rv)) match = double.IsNaN(sv) && double.IsNaN(rv);
                    else match = Math.Abs(rv - sv) <= (bySyntheticValue ? Math.Abs(tolerance * sv) : rangeLimits[c]);
                }

                if (match) return;
            }

            isNew[i] = true;
        });
        return isNew.Count(x => x) / (double)syntheticRows.Length;
    }

    /// <summary>max − min of the observed values, 1 for a constant column.</summary>
    private static double Range(double[] values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return max > min ? max - min : 1.0;
    }

    /// <summary>The categorical part of a row, compared by value.</summary>
    private readonly struct CategoryKey : IEquatable<CategoryKey>
    {
        private readonly int[] _codes;
        private readonly int _hash;

        public CategoryKey(int[][] codes, int row)
        {
            _codes = new int[codes.Length];
            var hash = new HashCode();
            for (int j = 0; j < codes.Length; j++)
            {
                _codes[j] = codes[j][row];
                hash.Add(_codes[j]);
            }

            _hash = hash.ToHashCode();
        }

        public bool Equals(CategoryKey other) => _codes.AsSpan().SequenceEqual(other._codes);

        public override bool Equals(object? obj) => obj is CategoryKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
