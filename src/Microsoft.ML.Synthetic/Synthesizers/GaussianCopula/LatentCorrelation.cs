using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;

/// <summary>
/// One coordinate of the copula's Gaussian as seen in the data: each row's value is known only up to an interval of
/// the latent normal score (a category's interval, a run of tied values, or the narrow interval of a distinct value
/// between its neighbours' ranks). Its score is the interval's mean normal score.
/// </summary>
/// <param name="Scores">Per row: the mean normal score of the row's interval; NaN where the coordinate is not observed.</param>
/// <param name="InteriorBoundaries">The probabilities that split (0, 1) into the intervals, ascending.</param>
/// <param name="IntervalMeans">The mean normal score of each interval (one more than the boundaries).</param>
internal sealed record LatentCoordinate(double[] Scores, double[] InteriorBoundaries, double[] IntervalMeans);

/// <summary>
/// The correlation matrix of the copula's latent Gaussian, estimated from interval-censored normal scores without
/// the attenuation that discretization causes. For coordinates i, j with interval-mean functions mᵢ, mⱼ of the latent
/// score, Mehler's expansion of the bivariate normal gives Cov(mᵢ(Zᵢ), mⱼ(Zⱼ)) = Σₖ cᵢₖ cⱼₖ ρᵏ, where cₖ = E[m(Z) hₖ(Z)]
/// are the coefficients of m in the orthonormal Hermite polynomials hₖ (exact for piecewise-constant m:
/// cₖ = k^(−½) Σ_b (m_{b+1} − m_b) h_{k−1}(z_b) φ(z_b) over the interval boundaries z_b). ρ solves that equation for the
/// observed covariance of the scores (pairwise-complete rows); the expansion is increasing in ρ for the increasing
/// mᵢ here, so bisection finds it. This is the moment form of the polychoric (two discrete coordinates) and polyserial
/// (one) correlation (Olsson 1979; Olsson, Drasgow and Dorans 1982); for two continuous coordinates it is the Pearson
/// correlation of their normal scores. The matrix is then made positive definite (<see cref="CorrelationMatrix.NearestPositiveDefinite"/>).
/// </summary>
internal static class LatentCorrelation
{
    /// <summary>Hermite terms kept: enough for |ρ| up to about 0.95 on coarse discretizations.</summary>
    public const int Terms = 40;

    public static double[] Estimate(IReadOnlyList<LatentCoordinate> coordinates, CancellationToken cancellationToken = default) =>
        Estimate(coordinates.Select(c => new Statistics.LatentStep(c.InteriorBoundaries, c.IntervalMeans)).ToArray(),
            (i, j) => PairwiseCovariance(coordinates[i].Scores, coordinates[j].Scores), cancellationToken);

    /// <summary>
    /// The correlation matrix from each coordinate's step function and the pairwise-complete covariance of the scores
    /// of coordinates i and j (divisor n; NaN when fewer than two rows have both), e.g. merged from partitions.
    /// </summary>
    public static double[] Estimate(IReadOnlyList<Statistics.LatentStep> coordinates, Func<int, int, double> covarianceOf, CancellationToken cancellationToken = default)
    {
        int d = coordinates.Count;
        var coefficients = coordinates.Select(c =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return HermiteCoefficients(c);
        }).ToArray();
        var rho = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rho[(i * d) + i] = 1;
            for (int j = 0; j < i; j++)
            {
                double covariance = covarianceOf(i, j);
                double r = Solve(coefficients[i], coefficients[j], covariance);
                rho[(i * d) + j] = rho[(j * d) + i] = r;
            }
        }

        return CorrelationMatrix.NearestPositiveDefinite(rho, d);
    }

    /// <summary>cₖ = E[m(Z) hₖ(Z)], k = 1..<see cref="Terms"/>, for the interval-mean function of <paramref name="c"/>.</summary>
    public static double[] HermiteCoefficients(LatentCoordinate c) => HermiteCoefficients(new Statistics.LatentStep(c.InteriorBoundaries, c.IntervalMeans));

    /// <summary>cₖ = E[m(Z) hₖ(Z)], k = 1..<see cref="Terms"/>, for the interval-mean step function <paramref name="c"/>.</summary>
    public static double[] HermiteCoefficients(Statistics.LatentStep c)
    {
        var coefficients = new double[Terms + 1];
        var h = new double[Terms + 1];
        for (int b = 0; b < c.InteriorBoundaries.Length; b++)
        {
            double jump = c.IntervalMeans[b + 1] - c.IntervalMeans[b];
            if (jump == 0)
            {
                continue;
            }

            double z = StandardNormal.InverseCdf(c.InteriorBoundaries[b]);
            if (!double.IsFinite(z))
            {
                continue;
            }

            double phi = StandardNormal.Pdf(z);
            h[0] = 1;
            h[1] = z;
            for (int k = 1; k < Terms; k++)
            {
                h[k + 1] = ((z * h[k]) - (Math.Sqrt(k) * h[k - 1])) / Math.Sqrt(k + 1);
            }

            for (int k = 1; k <= Terms; k++)
            {
                coefficients[k] += jump * h[k - 1] * phi / Math.Sqrt(k);
            }
        }

        return coefficients;
    }

    /// <summary>The ρ in [−1, 1] with Σₖ aₖ bₖ ρᵏ = <paramref name="covariance"/> (clamped to the reachable range).</summary>
    public static double Solve(double[] a, double[] b, double covariance)
    {
        double G(double r)
        {
            double sum = 0, power = 1;
            for (int k = 1; k < a.Length; k++)
            {
                power *= r;
                sum += a[k] * b[k] * power;
            }

            return sum;
        }

        double gLow = G(-1), gHigh = G(1);
        if (!(gHigh - gLow > 1e-12) || double.IsNaN(covariance))
        {
            return 0;
        }

        if (covariance >= gHigh)
        {
            return 1;
        }

        if (covariance <= gLow)
        {
            return -1;
        }

        double lo = -1, hi = 1;
        for (int iteration = 0; iteration < 60; iteration++)
        {
            double mid = 0.5 * (lo + hi);
            if (G(mid) < covariance)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>The covariance (divisor n) over the rows where both scores are observed; NaN when fewer than two are.</summary>
    public static double PairwiseCovariance(double[] x, double[] y)
    {
        double sx = 0, sy = 0, sxy = 0;
        long n = 0;
        for (int r = 0; r < x.Length; r++)
        {
            double a = x[r], b = y[r];
            if (double.IsNaN(a) || double.IsNaN(b))
            {
                continue;
            }

            sx += a;
            sy += b;
            sxy += a * b;
            n++;
        }

        return n < 2 ? double.NaN : (sxy / n) - (sx / n * (sy / n));
    }
}
