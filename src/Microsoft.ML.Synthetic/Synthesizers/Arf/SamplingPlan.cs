using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// FORGE (Watson et al., AISTATS 2023, §4): draw a leaf by weight, then every column independently from its density
/// in the leaf. With conditions, the forest's density conditioned on them is again a mixture over leaves: each leaf's
/// weight is multiplied by the probability its densities give the conditions (columns are independent within a
/// leaf), and each conditioned column is drawn from its leaf density restricted to the condition. So every row meets
/// the conditions and the conditional distribution is exact, with no rejection.
/// </summary>
internal sealed class SamplingPlan
{
    private readonly LeafTable _leaves;
    private readonly double[] _cumulative;
    private readonly Restriction?[] _restrictions;

    private SamplingPlan(LeafTable leaves, double[] cumulative, Restriction?[] restrictions)
    {
        _leaves = leaves;
        _cumulative = cumulative;
        _restrictions = restrictions;
    }

    public static SamplingPlan Unconditional(LeafTable leaves) => new(leaves, leaves.Cumulative, new Restriction?[leaves.Columns.Length]);

    /// <summary>Reweights the leaves by the conditions; a condition no leaf can meet is an error naming its column.</summary>
    public static SamplingPlan Create(LeafTable leaves, TabularSchema schema, ResolvedConditions conditions)
    {
        var weights = (double[])leaves.Weights.Clone();
        var restrictions = new Restriction?[leaves.Columns.Length];
        foreach (var condition in conditions.Items)
        {
            int c = condition.ColumnIndex;
            var name = schema.Columns[c].Name;
            Restriction restriction;
            switch (leaves.Columns[c])
            {
                case DiscreteDensity { Categorical: true } d:
                    restriction = new Restriction(condition.Category, condition.Category, condition.Category, condition.Category);
                    for (int leaf = 0; leaf < weights.Length; leaf++)
                    {
                        weights[leaf] *= d.Probability(leaf, condition.Category);
                    }

                    break;
                case DiscreteDensity d:
                    int first = Array.BinarySearch(d.Values, Math.Ceiling(condition.Lower));
                    first = first < 0 ? ~first : first;
                    first = Math.Max(first, d.HasMissing ? 1 : 0);
                    int last = Array.BinarySearch(d.Values, Math.Floor(condition.Upper));
                    last = last < 0 ? ~last - 1 : last;
                    if (first > last)
                    {
                        throw new ArgumentException($"Column '{name}' holds whole numbers; none of its training values lies in [{condition.Lower}, {condition.Upper}], so the synthesizer cannot produce one. Widen the range.", nameof(conditions));
                    }

                    restriction = new Restriction(first, last, condition.Lower, condition.Upper);
                    for (int leaf = 0; leaf < weights.Length; leaf++)
                    {
                        weights[leaf] *= d.RangeProbability(leaf, first, last);
                    }

                    break;
                case NormalDensity d:
                    restriction = new Restriction(-1, -1, condition.Lower, condition.Upper);
                    for (int leaf = 0; leaf < weights.Length; leaf++)
                    {
                        weights[leaf] *= d.RangeMass(leaf, condition.Lower, condition.Upper).Mass;
                    }

                    break;
                default:
                    throw new InvalidOperationException($"column '{name}' has no density");
            }

            restrictions[c] = restriction;
            if (!weights.Any(w => w > 0))
            {
                throw new ArgumentException($"No leaf of the forest gives the condition on column '{name}' ({DescribeCondition(schema, condition)}) a positive probability, together with the conditions before it; widen it or drop one.", nameof(conditions));
            }
        }

        return new SamplingPlan(leaves, LeafTable.CumulativeOf(weights), restrictions);
    }

    private static string DescribeCondition(TabularSchema schema, ResolvedCondition condition) => condition.IsCategory
        ? $"= '{schema.Columns[condition.ColumnIndex].Categories[condition.Category]}'"
        : FormattableString.Invariant($"in [{condition.Lower}, {condition.Upper}]");

    /// <summary>Draws one row into column buffers (values of numeric columns, codes of categorical ones; −1 for missing).</summary>
    public void DrawRow(Xoshiro256StarStar rng, int row, double[][] values, int[][] codes)
    {
        int leaf = LeafTable.Draw(_cumulative, rng);
        var columns = _leaves.Columns;
        for (int c = 0; c < columns.Length; c++)
        {
            var r = _restrictions[c];
            switch (columns[c])
            {
                case NormalDensity d:
                    values[c][row] = r is { } range
                        ? Math.Clamp(d.Draw(leaf, Math.Max(range.Lower, d.Lower[leaf]), Math.Min(range.Upper, d.Upper[leaf]), rng), range.Lower, range.Upper)
                        : d.Sample(leaf, rng);
                    break;
                case DiscreteDensity { Categorical: true } d:
                    int code = r is { } fixedCode ? fixedCode.First : d.Sample(leaf, rng);
                    codes[c][row] = code == d.MissingCode ? -1 : code;
                    break;
                case DiscreteDensity d:
                    int k = r is { } span ? d.SampleInRange(leaf, span.First, span.Last, rng) : d.Sample(leaf, rng);
                    values[c][row] = k == d.MissingCode ? double.NaN : d.Values[k];
                    break;
            }
        }
    }

    /// <summary>A condition as the sampler applies it: a code range (discrete columns) and a value range.</summary>
    private readonly record struct Restriction(int First, int Last, double Lower, double Upper);
}
