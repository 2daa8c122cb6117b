namespace Microsoft.ML.Synthetic.Privacy.Mechanisms;

/// <summary>
/// The Gaussian mechanism for one real value with public bounds, protected against the floating-point attack
/// by <b>discrete sampling on a power-of-two grid</b>: clamp to [lower, upper], round to g·ℤ, add discrete
/// Gaussian noise N_Z(0, σ_g²) in grid units (<see cref="DiscreteGaussian"/>, sampled exactly). σ_g starts
/// from the analytic Gaussian calibration (Balle &amp; Wang 2018) for the grid sensitivity Δ_g and is raised
/// until the discrete Gaussian's exact δ at ε (Canonne, Kamath &amp; Steinke 2020, Theorem 7) is at most the
/// target. The release is then (ε, δ)-DP and also ρ-zCDP with ρ = Δ_g²/(2σ_g²) (their Theorem 4).
/// </summary>
internal sealed class GridGaussianMechanism
{
    private readonly ExactRational _gridVariance;

    /// <summary>Creates the mechanism.</summary>
    /// <param name="lower">The public lower bound.</param>
    /// <param name="upper">The public upper bound (&gt; lower).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="delta">δ in (0, 1).</param>
    /// <param name="granularity">The grid step g, a power of two; by default about 2⁻¹⁰ of the noise σ.</param>
    /// <param name="column">The column name used in error messages.</param>
    public GridGaussianMechanism(double lower, double upper, double epsilon, double delta, double? granularity = null, string column = "value")
    {
        PrivacyParameters.ThrowIfBadBounds(lower, upper, column);
        PrivacyParameters.ThrowIfBadEpsilon(epsilon, nameof(epsilon));
        PrivacyParameters.ThrowIfBadDelta(delta, nameof(delta));
        Lower = lower;
        Upper = upper;
        Epsilon = epsilon;
        Delta = delta;
        Granularity = Grid.Resolve(granularity, AnalyticGaussian.Sigma(epsilon, delta, upper - lower), nameof(granularity));
        GridSensitivity = Grid.Sensitivity(lower, upper, Granularity, column);
        double sigma = AnalyticGaussian.Sigma(epsilon, delta, GridSensitivity);
        if (sigma > 1e5)
        {
            throw new ArgumentException($"Column '{column}': the granularity {Granularity} is too fine for these bounds and privacy parameters (σ would be {sigma:G3} grid steps); use a coarser one.", nameof(granularity));
        }

        while (DiscreteGaussian.ApproximateDpDelta(sigma * sigma, epsilon, GridSensitivity) > delta)
        {
            sigma *= 1.0001;
        }

        GridSigma = sigma;
        _gridVariance = ExactRational.FromDouble(sigma * sigma);
    }

    /// <summary>The public lower bound.</summary>
    public double Lower { get; }

    /// <summary>The public upper bound.</summary>
    public double Upper { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>δ.</summary>
    public double Delta { get; }

    /// <summary>The grid step g (a power of two).</summary>
    public double Granularity { get; }

    /// <summary>The sensitivity in grid units, Δ_g.</summary>
    public long GridSensitivity { get; }

    /// <summary>σ_g, the noise parameter in grid units.</summary>
    public double GridSigma { get; }

    /// <summary>The noise σ in the value's units, g·σ_g.</summary>
    public double Sigma => Granularity * GridSigma;

    /// <summary>The zCDP parameter ρ = Δ_g²/(2σ_g²).</summary>
    public double Rho => (double)GridSensitivity * GridSensitivity / (2 * GridSigma * GridSigma);

    /// <summary>The released value for <paramref name="value"/> (clamped first).</summary>
    public double Apply(double value, NoiseSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var k = Grid.Round(value, Lower, Upper, Granularity);
        var noise = DiscreteGaussian.Sample(source, _gridVariance);
        return (double)(k + noise) * Granularity;
    }
}
