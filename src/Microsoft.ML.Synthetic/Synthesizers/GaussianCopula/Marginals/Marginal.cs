using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

/// <summary>
/// A fitted univariate distribution of a continuous column. It gives its distribution function and, for sampling,
/// a table of x = F⁻¹(Φ(z)) on an even grid of normal scores z, so a sample costs one interpolation.
/// </summary>
internal abstract class Marginal
{
    /// <summary>Normal scores of the sampling table run over [−ZMax, ZMax].</summary>
    public const double ZMax = 8;

    /// <summary>Points of the sampling table.</summary>
    public const int GridSize = 4097;

    /// <summary>
    /// The largest beta α, β and gamma shape fitted or loaded: the special functions' series need about √shape terms,
    /// so a saved 10³⁰⁰ would take minutes to tabulate. A gamma fit never exceeds 4·10⁶ (it needs skewness above 10⁻³).
    /// </summary>
    public const double MaxShape = 1e7;

    protected Marginal(double min, double max)
    {
        Min = min;
        Max = max;
    }

    /// <summary>The family.</summary>
    public abstract MarginalKind Kind { get; }

    /// <summary>The smallest observed value; samples never go below it.</summary>
    public double Min { get; }

    /// <summary>The largest observed value; samples never go above it.</summary>
    public double Max { get; }

    /// <summary>The parameters, as saved (the family's own, after <see cref="Min"/> and <see cref="Max"/>).</summary>
    public abstract double[] Parameters { get; }

    /// <summary>The distribution function.</summary>
    public abstract double Cdf(double x);

    /// <summary>A short description, e.g. <c>normal(μ=38.6, σ=13.6)</c>.</summary>
    public abstract string Describe();

    /// <summary>The normal score of grid point <paramref name="i"/>.</summary>
    public static double GridZ(int i) => -ZMax + (i * (2 * ZMax / (GridSize - 1)));

    /// <summary>
    /// x = F⁻¹(Φ(z)) at every grid point, within [Min, Max]. The default inverts <see cref="Cdf"/> tabulated on an even
    /// grid of x over [Min, Max] (probability below Min or above Max lands on the bound).
    /// </summary>
    public virtual double[] BuildTable()
    {
        const int m = GridSize;
        var xs = new double[m];
        var fs = new double[m];
        for (int i = 0; i < m; i++)
        {
            xs[i] = Min + ((Max - Min) * i / (m - 1));
            fs[i] = Cdf(xs[i]);
            if (double.IsNaN(fs[i]))
            {
                throw new ArithmeticException($"The distribution function {Describe()} is not a number at {xs[i]}.");
            }

            if (i > 0 && fs[i] < fs[i - 1])
            {
                fs[i] = fs[i - 1];
            }
        }

        var table = new double[GridSize];
        for (int g = 0; g < GridSize; g++)
        {
            double u = StandardNormal.Cdf(GridZ(g));
            if (u <= fs[0])
            {
                table[g] = Min;
                continue;
            }

            if (u >= fs[m - 1])
            {
                table[g] = Max;
                continue;
            }

            int hi = Array.BinarySearch(fs, u);
            if (hi >= 0)
            {
                table[g] = xs[hi];
                continue;
            }

            hi = ~hi;
            int lo = hi - 1;
            double t = (u - fs[lo]) / (fs[hi] - fs[lo]);
            table[g] = xs[lo] + (t * (xs[hi] - xs[lo]));
        }

        return table;
    }

    /// <summary>Reads a marginal written as kind, min, max and parameters, validating every value.</summary>
    public static Marginal Read(ModelReader reader)
    {
        var kind = reader.ReadEnum<MarginalKind>("family");
        reader.Check(kind != MarginalKind.Auto, "the family is Auto, which is a fitting option, not a marginal");
        double min = reader.ReadFinite("minimum"), max = reader.ReadFinite("maximum");
        reader.Check(min <= max && double.IsFinite(max - min), "the minimum is above the maximum, or the range is wider than a double holds");
        int expected = kind switch { MarginalKind.Uniform => 0, MarginalKind.Gamma => 3, MarginalKind.Empirical => -1, _ => 2 };
        int count = reader.ReadCount("parameter count", expected < 0 ? int.MaxValue : expected, sizeof(double));
        if (expected >= 0 ? count != expected : count == 0)
        {
            throw reader.Corrupt($"a {kind} marginal has {count} parameters");
        }

        var p = reader.ReadDoubles("parameters", count);
        string[] names = kind switch
        {
            MarginalKind.Normal or MarginalKind.TruncatedNormal => ["μ", "σ"],
            MarginalKind.Beta => ["α", "β"],
            MarginalKind.Gamma => ["shape k", "scale θ", "location"],
            _ => [],
        };
        for (int i = 0; i < p.Length; i++)
        {
            if (!double.IsFinite(p[i]))
            {
                throw reader.Corrupt($"{(i < names.Length ? names[i] : $"quantile {i}")} is {p[i]}; it must be a finite number");
            }
        }

        var problem = kind switch
        {
            MarginalKind.Empirical => p[0] == min && p[^1] == max && IsSorted(p) ? null : "the quantiles are not sorted from the minimum to the maximum",
            MarginalKind.Normal or MarginalKind.TruncatedNormal => p[1] > 0 ? null : "σ is not positive",
            MarginalKind.Beta => p[0] > 0 && p[1] > 0 && p[0] <= MaxShape && p[1] <= MaxShape && min < max ? null : $"α and β must lie in (0, {MaxShape}] on a non-empty range",
            MarginalKind.Gamma => p[0] > 0 && p[0] <= MaxShape && p[1] > 0 ? null : $"the shape must lie in (0, {MaxShape}] and the scale be positive",
            _ => null,
        };
        reader.Check(problem is null, problem!);
        return kind switch
        {
            MarginalKind.Empirical => new EmpiricalMarginal(p),
            MarginalKind.Normal => new NormalMarginal(min, max, p[0], p[1]),
            MarginalKind.TruncatedNormal => new TruncatedNormalMarginal(min, max, p[0], p[1]),
            MarginalKind.Beta => new BetaMarginal(min, max, p[0], p[1]),
            MarginalKind.Gamma => new GammaMarginal(min, max, p[0], p[1], p[2]),
            _ => new UniformMarginal(min, max),
        };
    }

    private static bool IsSorted(double[] values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            if (!(values[i] >= values[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    protected static string F(double x) => x.ToString("G5", System.Globalization.CultureInfo.InvariantCulture);
}
