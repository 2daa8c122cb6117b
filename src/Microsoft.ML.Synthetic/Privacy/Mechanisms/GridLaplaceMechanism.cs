using System.Numerics;

namespace Microsoft.ML.Synthetic.Privacy.Mechanisms;

/// <summary>
/// The Laplace mechanism for one real value with public bounds, protected against Mironov's (2012)
/// floating-point attack by <b>discrete sampling on a power-of-two grid</b>: the value is clamped to
/// [lower, upper], rounded to the grid g·ℤ, and discrete Laplace noise (sampled exactly, see
/// <see cref="DiscreteLaplace"/>) is added in grid units. Every output is an exact multiple of g, so its
/// low-order bits carry nothing about the input; the rounded value has integer sensitivity
/// Δ_g = round(upper/g) − round(lower/g), and noise of scale Δ_g/ε makes the release ε-DP.
/// </summary>
internal sealed class GridLaplaceMechanism
{
    private readonly ExactRational _gridScale;

    /// <summary>Creates the mechanism.</summary>
    /// <param name="lower">The public lower bound.</param>
    /// <param name="upper">The public upper bound (&gt; lower).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="granularity">The grid step g, a power of two; by default about 2⁻¹⁰ of the noise scale (upper − lower)/ε.</param>
    /// <param name="column">The column name used in error messages.</param>
    public GridLaplaceMechanism(double lower, double upper, double epsilon, double? granularity = null, string column = "value")
    {
        PrivacyParameters.ThrowIfBadBounds(lower, upper, column);
        PrivacyParameters.ThrowIfBadEpsilon(epsilon, nameof(epsilon));
        Lower = lower;
        Upper = upper;
        Epsilon = epsilon;
        Granularity = Grid.Resolve(granularity, (upper - lower) / epsilon, nameof(granularity));
        GridSensitivity = Grid.Sensitivity(lower, upper, Granularity, column);
        var e = ExactRational.FromDouble(epsilon);
        _gridScale = new ExactRational(GridSensitivity * e.Denominator, e.Numerator);   // Δ_g/ε
    }

    /// <summary>The public lower bound.</summary>
    public double Lower { get; }

    /// <summary>The public upper bound.</summary>
    public double Upper { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>The grid step g (a power of two).</summary>
    public double Granularity { get; }

    /// <summary>The sensitivity in grid units, Δ_g.</summary>
    public long GridSensitivity { get; }

    /// <summary>The noise scale in the value's units, g·Δ_g/ε.</summary>
    public double Scale => Granularity * GridSensitivity / Epsilon;

    /// <summary>The released value for <paramref name="value"/> (clamped first).</summary>
    public double Apply(double value, NoiseSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var k = Grid.Round(value, Lower, Upper, Granularity);
        var noise = DiscreteLaplace.Sample(source, _gridScale);
        return (double)(k + noise) * Granularity;
    }
}

/// <summary>The power-of-two grid shared by the grid mechanisms.</summary>
internal static class Grid
{
    public static double Resolve(double? granularity, double noiseScale, string parameterName)
    {
        if (granularity is double g)
        {
            if (!(g > 0) || !double.IsFinite(g) || Math.ScaleB(1, Math.ILogB(g)) != g)
            {
                throw new ArgumentOutOfRangeException(parameterName, g, "The granularity must be a positive power of two (such as 1, 0.5, 2⁻¹⁰).");
            }

            return g;
        }

        return Math.ScaleB(1, Math.ILogB(noiseScale) - 10);
    }

    public static long Sensitivity(double lower, double upper, double granularity, string column)
    {
        double steps = Math.Round(upper / granularity) - Math.Round(lower / granularity);
        if (steps > 1L << 52)
        {
            throw new ArgumentException($"Column '{column}': the granularity {granularity} is too fine for bounds [{lower}, {upper}].", nameof(granularity));
        }

        return Math.Max(1, (long)steps);
    }

    public static BigInteger Round(double value, double lower, double upper, double granularity)
    {
        double clamped = Math.Clamp(value, lower, upper);
        return new BigInteger(Math.Round(clamped / granularity, MidpointRounding.ToEven));
    }
}
