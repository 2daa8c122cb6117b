using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// FORDE, forests for density estimation (Watson et al., AISTATS 2023, §4): prunes the final forest's leaves to at
/// least <c>MinLeafSize</c> real rows, then gives every leaf its coverage (the share of real rows in it, over the
/// number of trees) and, per column, a density estimated from the real rows in it within the bounds its splits set:
/// a truncated normal (continuous), or frequencies (categorical, whole numbers). A leaf whose continuous values do not
/// vary gets the reference's fallback: σ² = (2/m)·σ₀² with σ₀ putting 95 % of a normal within the leaf's bounds
/// (the column's observed range where a bound is open), i.e. the posterior mode under a χ² prior with two degrees of
/// freedom.
/// </summary>
internal static class Forde
{
    private const double Z975 = 1.959963984540054;

    public static LeafTable Estimate(RandomForest forest, FeatureCodes codes, TabularData table, ArfOptions options)
    {
        var trees = forest.Trees;
        int n = codes.RowCount;
        var whole = new bool[codes.ColumnCount];
        for (int c = 0; c < whole.Length; c++)
        {
            whole[c] = codes.IsWhole(c);
        }

        var parts = new LeafTableBuilder[trees.Length];
        Parallel.For(0, trees.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount, CancellationToken = options.CancellationToken }, t =>
        {
            var tree = trees[t];
            if (options.Prune)
            {
                tree.Prune(codes.Codes, codes.IsCategorical, n, options.MinLeafSize);
            }

            var members = LeafMembership.Of(tree, codes.Codes, codes.IsCategorical, n);
            var builder = new LeafTableBuilder(codes, whole, options.Alpha > 0);
            foreach (var region in LeafRegion.Enumerate(tree, codes))
            {
                int count = members.Count(region.Node);
                if (count == 0)
                {
                    continue;
                }

                var rows = members.Rows.AsSpan(members.Start[region.Node], count);
                builder.AddLeaf((double)count / n / trees.Length);
                for (int c = 0; c < codes.ColumnCount; c++)
                {
                    if (codes.IsCategorical[c] || whole[c])
                    {
                        builder.AddCounts(c, rows, region);
                    }
                    else
                    {
                        AddNormal(builder, c, ((ContinuousColumn)table.Columns[c]).Values, rows, region);
                    }
                }
            }

            parts[t] = builder;
        });

        return LeafTableBuilder.Concat(parts, codes, options.Alpha);
    }

    private static void AddNormal(LeafTableBuilder builder, int c, double[] values, ReadOnlySpan<int> rows, LeafRegion region)
    {
        var (lower, upper) = region.Bounds(c);
        int m = 0, missing = 0;
        double sum = 0;
        foreach (int row in rows)
        {
            double v = values[row];
            if (double.IsNaN(v))
            {
                missing++;
            }
            else
            {
                m++;
                sum += v;
            }
        }

        if (m == 0)
        {
            builder.AddNormal(c, lower, upper, 0, 0, 1);
            return;
        }

        double mean = sum / m, squares = 0;
        foreach (int row in rows)
        {
            double v = values[row];
            if (!double.IsNaN(v))
            {
                squares += (v - mean) * (v - mean);
            }
        }

        double sigma = m > 1 ? Math.Sqrt(squares / (m - 1)) : 0;
        if (!(sigma > 0))
        {
            var (min, max) = builder.ObservedRange(c);
            double lo = double.IsFinite(lower) ? lower : min, hi = double.IsFinite(upper) ? upper : max;
            double sigma0 = (hi - ((lo + hi) / 2)) / Z975;
            sigma = Math.Sqrt(2.0 / m) * sigma0;
        }

        mean = Math.Clamp(mean, lower, upper);
        builder.AddNormal(c, lower, upper, mean, sigma, (double)missing / rows.Length);
    }
}
