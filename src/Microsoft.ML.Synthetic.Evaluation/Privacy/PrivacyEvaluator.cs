using Microsoft.ML.Synthetic.Evaluation.Detection;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.ML.Synthetic.Evaluation.Tables;

namespace Microsoft.ML.Synthetic.Evaluation.Privacy;

/// <summary>Computes the distance-based privacy figures over every synthetic row.</summary>
internal static class PrivacyEvaluator
{
    public static PrivacyResult Evaluate(AlignedTables tables, MixedEncoding encoding, PrivacyOptions options, int seed, CancellationToken cancellationToken)
    {
        int continuous = encoding.ContinuousColumns.Length;
        var real = encoding.ColumnMajor(tables.Real);
        var synthetic = encoding.ColumnMajor(tables.Synthetic);
        var result = new PrivacyResult();

        var toReal = RowDistance.Dcr(synthetic, real, continuous, cancellationToken);
        var sorted = (double[])toReal.Clone();
        Array.Sort(sorted);
        result.MedianDcrToReal = KernelMetrics.Quantile(sorted, 0.5);
        result.FifthPercentileDcrToReal = KernelMetrics.Quantile(sorted, 0.05);
        result.ExactCopyRate = toReal.Count(d => d == 0) / (double)toReal.Length;

        var random = encoding.ColumnMajor(RandomTable(tables, Math.Min(options.BaselineRows, Math.Max(tables.Synthetic.RowCount, 10)), seed));
        var randomToReal = RowDistance.Dcr(random, real, continuous, cancellationToken);
        Array.Sort(randomToReal);
        result.MedianDcrRandomToReal = KernelMetrics.Quantile(randomToReal, 0.5);
        result.DcrBaselineProtection = result.MedianDcrRandomToReal > 0 ? Math.Min(1.0, result.MedianDcrToReal / result.MedianDcrRandomToReal) : 1.0;
        result.NewRowSynthesis = NewRowSynthesis(tables, encoding, options.NumericalMatchTolerance);

        if (tables.Holdout is { } holdoutTable)
        {
            var holdout = encoding.ColumnMajor(holdoutTable);
            var toHoldout = RowDistance.Dcr(synthetic, holdout, continuous, cancellationToken);
            int closer = 0;
            for (int i = 0; i < toReal.Length; i++)
            {
                if (toReal[i] < toHoldout[i]) closer++;
            }

            result.CloserToTrainingShare = closer / (double)toReal.Length;
            double expected = options.AdjustOverfittingForTableSizes
                ? tables.Real.RowCount / (double)(tables.Real.RowCount + holdoutTable.RowCount)
                : 0.5;
            result.ExpectedCloserToTrainingShare = expected;
            result.DcrOverfittingProtection = Math.Min(1.0, (1 - result.CloserToTrainingShare) / (1 - expected));

            var members = KernelMetrics.Sample(tables.Real.RowCount, options.MembershipRows, seed, 21);
            var nonMembers = KernelMetrics.Sample(holdoutTable.RowCount, options.MembershipRows, seed, 22);
            var memberDcr = RowDistance.Dcr(encoding.ColumnMajor(tables.Real, members), synthetic, continuous, cancellationToken);
            var nonMemberDcr = RowDistance.Dcr(encoding.ColumnMajor(holdoutTable, nonMembers), synthetic, continuous, cancellationToken);
            var scores = memberDcr.Concat(nonMemberDcr).Select(d => -d).ToArray();
            var labels = Enumerable.Repeat(true, memberDcr.Length).Concat(Enumerable.Repeat(false, nonMemberDcr.Length)).ToArray();
            result.MembershipInferenceAuc = Auc.Compute(scores, labels);
        }

        return result;
    }

    /// <summary>Rows with every column drawn independently and uniformly: numbers over the real range, categories over the real categories.</summary>
    internal static EvaluationTable RandomTable(AlignedTables tables, int rows, int seed)
    {
        var random = Numerics.SeedSequence.CreateRandom(seed, 23);
        var continuous = new double[]?[tables.ColumnCount];
        var codes = new int[]?[tables.ColumnCount];
        for (int c = 0; c < tables.ColumnCount; c++)
        {
            if (tables.Real.Continuous[c] is { } values)
            {
                var observed = values.Where(v => !double.IsNaN(v)).ToArray();
                double min = observed.Min(), max = observed.Max();
                continuous[c] = Enumerable.Range(0, rows).Select(_ => min + random.NextDouble() * (max - min)).ToArray();
            }
            else
            {
                int k = Math.Max(1, tables.RealCategoryCounts[c]);
                codes[c] = Enumerable.Range(0, rows).Select(_ => random.Next(k)).ToArray();
            }
        }

        return new EvaluationTable("random", rows, continuous, codes);
    }

    /// <summary>
    /// SDMetrics' NewRowSynthesis: the share of synthetic rows for which no real row has the same categories and,
    /// in every continuous column, a value within <paramref name="tolerance"/> × the real range (missing matches missing).
    /// Real rows are grouped by their categories first, so only candidates with equal categories are compared.
    /// </summary>
    internal static double NewRowSynthesis(AlignedTables tables, MixedEncoding encoding, double tolerance)
    {
        var real = encoding.ColumnMajor(tables.Real);
        var synthetic = encoding.ColumnMajor(tables.Synthetic);
        int continuous = encoding.ContinuousColumns.Length, columns = real.Length;
        var groups = new Dictionary<CategoryKey, List<int>>();
        for (int i = 0; i < tables.Real.RowCount; i++)
        {
            var key = new CategoryKey(real, continuous, i);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(i);
        }

        float limit = (float)tolerance;
        int newRows = 0;
        for (int s = 0; s < tables.Synthetic.RowCount; s++)
        {
            bool copied = false;
            if (groups.TryGetValue(new CategoryKey(synthetic, continuous, s), out var candidates))
            {
                foreach (var r in candidates)
                {
                    bool match = true;
                    for (int c = 0; c < continuous && match; c++) match = Math.Abs(real[c][r] - synthetic[c][s]) <= limit;
                    if (match)
                    {
                        copied = true;
                        break;
                    }
                }
            }

            if (!copied) newRows++;
        }

        return newRows / (double)tables.Synthetic.RowCount;
    }

    /// <summary>The categorical part of a row, compared by value.</summary>
    private readonly struct CategoryKey : IEquatable<CategoryKey>
    {
        private readonly float[] _codes;
        private readonly int _hash;

        public CategoryKey(float[][] table, int firstCategorical, int row)
        {
            _codes = new float[table.Length - firstCategorical];
            var hash = new HashCode();
            for (int c = firstCategorical; c < table.Length; c++)
            {
                _codes[c - firstCategorical] = table[c][row];
                hash.Add(table[c][row]);
            }

            _hash = hash.ToHashCode();
        }

        public bool Equals(CategoryKey other) => _codes.AsSpan().SequenceEqual(other._codes);

        public override bool Equals(object? obj) => obj is CategoryKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
