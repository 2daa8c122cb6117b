using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// A continuous column's density in every leaf (FORDE, Watson et al. 2023 §4): a normal with the leaf's mean and
/// standard deviation, truncated to the leaf's bounds (−∞ or +∞ where no split bounds it), and the leaf's share of
/// missing values. Indexed by leaf.
/// </summary>
internal sealed class NormalDensity(double[] lower, double[] upper, double[] mean, double[] sigma, double[] missing) : ColumnDensity
{
    public double[] Lower { get; } = lower;

    public double[] Upper { get; } = upper;

    public double[] Mean { get; } = mean;

    public double[] Sigma { get; } = sigma;

    public double[] Missing { get; } = missing;

    public override int LeafCount => Mean.Length;

    /// <summary>An unconditional draw: missing with the leaf's missing share, else from the truncated normal.</summary>
    public double Sample(int leaf, Xoshiro256StarStar rng) =>
        Missing[leaf] > 0 && rng.NextDouble() < Missing[leaf] ? double.NaN : Draw(leaf, Lower[leaf], Upper[leaf], rng);

    /// <summary>A draw from the leaf's normal truncated to [a, b] (a subset of the leaf's bounds with positive mass).</summary>
    public double Draw(int leaf, double a, double b, Xoshiro256StarStar rng)
    {
        double mu = Mean[leaf], s = Sigma[leaf];
        if (s == 0)
        {
            return Math.Clamp(mu, a, b);
        }

        double z = TruncatedNormal.Sample(rng, (a - mu) / s, (b - mu) / s);
        return Math.Clamp(mu + (s * z), a, b);
    }

    /// <summary>P(value present and in [lo, hi]) in the leaf, and the interval to draw from.</summary>
    public (double Mass, double A, double B) RangeMass(int leaf, double lo, double hi)
    {
        double a = Math.Max(lo, Lower[leaf]), b = Math.Min(hi, Upper[leaf]);
        double present = 1 - Missing[leaf];
        if (!(a <= b) || present <= 0)
        {
            return (0, a, b);
        }

        double mu = Mean[leaf], s = Sigma[leaf];
        if (s == 0)
        {
            return (mu >= a && mu <= b ? present : 0, a, b);
        }

        double whole = Between((Lower[leaf] - mu) / s, (Upper[leaf] - mu) / s);
        double part = Between((a - mu) / s, (b - mu) / s);
        double ratio = whole > 0 ? Math.Min(1, part / whole) : a == Lower[leaf] && b == Upper[leaf] ? 1 : 0;
        return (present * ratio, a, b);
    }

    /// <summary>Φ(y) − Φ(x), computed in the tail nearer zero so that it keeps its precision far out.</summary>
    private static double Between(double x, double y) =>
        x > 0 ? StandardNormal.Cdf(-x) - StandardNormal.Cdf(-y) : StandardNormal.Cdf(y) - StandardNormal.Cdf(x);

    public override void Write(BinaryWriter writer)
    {
        writer.Write((byte)DensityKind.Normal);
        for (int leaf = 0; leaf < LeafCount; leaf++)
        {
            writer.Write(Lower[leaf]);
            writer.Write(Upper[leaf]);
            writer.Write(Mean[leaf]);
            writer.Write(Sigma[leaf]);
            writer.Write(Missing[leaf]);
        }
    }

    public static NormalDensity Read(ModelReader reader, int leafCount)
    {
        reader.CheckCount("leaf parameters", leafCount, leafCount, 5 * sizeof(double));
        var lower = new double[leafCount];
        var upper = new double[leafCount];
        var mean = new double[leafCount];
        var sigma = new double[leafCount];
        var missing = new double[leafCount];
        for (int leaf = 0; leaf < leafCount; leaf++)
        {
            lower[leaf] = reader.ReadDouble("lower bound");
            upper[leaf] = reader.ReadDouble("upper bound");
            mean[leaf] = reader.ReadFinite("mean");
            sigma[leaf] = reader.ReadFinite("σ");
            missing[leaf] = reader.ReadFinite("missing share");
            reader.Check(!double.IsNaN(lower[leaf]) && !double.IsNaN(upper[leaf]) && lower[leaf] <= upper[leaf] && lower[leaf] != double.PositiveInfinity,
                $"leaf {leaf}: the bounds [{lower[leaf]}, {upper[leaf]}] are not an interval");
            reader.Check(sigma[leaf] >= 0, $"leaf {leaf}: σ is {sigma[leaf]}; it must not be negative");
            reader.Check(missing[leaf] is >= 0 and <= 1, $"leaf {leaf}: the missing share {missing[leaf]} is not in [0, 1]");
            reader.Check(missing[leaf] == 1 || (mean[leaf] >= lower[leaf] && mean[leaf] <= upper[leaf]),
                $"leaf {leaf}: the mean {mean[leaf]} lies outside the leaf's bounds [{lower[leaf]}, {upper[leaf]}]");
        }

        return new NormalDensity(lower, upper, mean, sigma, missing);
    }
}
