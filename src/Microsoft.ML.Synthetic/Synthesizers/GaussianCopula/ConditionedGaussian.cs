using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;

/// <summary>
/// Draws the copula's latent Gaussian z ~ N(0, R), optionally conditioned on a box: some coordinates S restricted to
/// intervals (a category's interval, a range's scores, "not missing"). The restricted coordinates are drawn first
/// from N(0, R_SS) truncated to the box, then the others exactly from their conditional normal given them:
/// z_F = R_FS R_SS⁻¹ z_S + chol(R_FF − R_FS R_SS⁻¹ R_SF)·ε.
/// <para>
/// One restricted coordinate (one categorical condition, or a range on a column without missing values) is drawn
/// exactly by inversion of the truncated normal. With several, z_S starts from the sequential (GHK) draw, each
/// coordinate truncated given those before it, and is refined by <c>sweeps</c> Gibbs sweeps over the truncated
/// full conditionals zᵢ | z_{S∖i} (Geweke 1991), which converge to the exact truncated multivariate normal. No row
/// is ever rejected.
/// </para>
/// </summary>
internal sealed class ConditionedGaussian
{
    private readonly int _d;
    private readonly int[] _restricted;
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly int[] _free;
    private readonly double[] _restrictedCholesky;  // |S|×|S|
    private readonly double[] _gibbsWeights;        // |S|×|S|, zero diagonal
    private readonly double[] _gibbsSd;
    private readonly double[] _regression;          // |F|×|S|
    private readonly double[] _freeCholesky;        // |F|×|F|
    private readonly int _sweeps;

    public ConditionedGaussian(double[] correlation, int d, IReadOnlyList<(int Coordinate, double Lower, double Upper)> box, int sweeps)
    {
        _d = d;
        _sweeps = sweeps;
        _restricted = box.Select(b => b.Coordinate).ToArray();
        _lower = box.Select(b => b.Lower).ToArray();
        _upper = box.Select(b => b.Upper).ToArray();
        _free = Enumerable.Range(0, d).Except(_restricted).ToArray();
        int s = _restricted.Length, f = _free.Length;
        double R(int i, int j) => correlation[(i * d) + j];

        _restrictedCholesky = [];
        _gibbsWeights = new double[s * s];
        _gibbsSd = new double[s];
        _regression = new double[f * s];
        double[] conditional;
        if (s > 0)
        {
            var rss = new double[s * s];
            for (int i = 0; i < s; i++)
            {
                for (int j = 0; j < s; j++)
                {
                    rss[(i * s) + j] = R(_restricted[i], _restricted[j]);
                }
            }

            var chol = FactorWithJitter(rss, s);
            _restrictedCholesky = chol.Lower;
            var precision = chol.Inverse();
            for (int i = 0; i < s; i++)
            {
                double pii = precision[(i * s) + i];
                _gibbsSd[i] = 1 / Math.Sqrt(pii);
                for (int j = 0; j < s; j++)
                {
                    _gibbsWeights[(i * s) + j] = i == j ? 0 : -precision[(i * s) + j] / pii;
                }
            }

            // Regression of the free coordinates on the restricted ones: R_FS · R_SS⁻¹.
            for (int a = 0; a < f; a++)
            {
                for (int j = 0; j < s; j++)
                {
                    double sum = 0;
                    for (int k = 0; k < s; k++)
                    {
                        sum += R(_free[a], _restricted[k]) * precision[(k * s) + j];
                    }

                    _regression[(a * s) + j] = sum;
                }
            }

            conditional = new double[f * f];
            for (int a = 0; a < f; a++)
            {
                for (int b = 0; b < f; b++)
                {
                    double sum = R(_free[a], _free[b]);
                    for (int j = 0; j < s; j++)
                    {
                        sum -= _regression[(a * s) + j] * R(_restricted[j], _free[b]);
                    }

                    conditional[(a * f) + b] = sum;
                }
            }
        }
        else
        {
            conditional = (double[])correlation.Clone();
        }

        _freeCholesky = f > 0 ? FactorWithJitter(conditional, f).Lower : [];
    }

    /// <summary>Factors a covariance that is positive semi-definite up to rounding, adding the least jitter that works.</summary>
    private static Cholesky FactorWithJitter(double[] matrix, int n)
    {
        double jitter = 0;
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var m = (double[])matrix.Clone();
            for (int i = 0; i < n; i++)
            {
                m[(i * n) + i] += jitter;
            }

            if (Cholesky.TryFactor(m, n, 0, out var chol))
            {
                return chol!;
            }

            jitter = jitter == 0 ? 1e-12 : jitter * 10;
        }

        throw new InvalidOperationException("The copula's correlation matrix could not be factored.");
    }

    /// <summary>The lower Cholesky factor (row-major) of the free coordinates' conditional correlation; all of R when nothing is restricted.</summary>
    public double[] FreeCholesky => _freeCholesky;

    /// <summary>
    /// The unconditional latent z = L·ε for given standard-normal noise ε (length d); only without restrictions.
    /// The same arithmetic as <see cref="Draw"/> after its noise draw.
    /// </summary>
    public void FromNoise(ReadOnlySpan<double> eps, Span<double> z)
    {
        if (_restricted.Length > 0)
        {
            throw new InvalidOperationException("Noise decoding is defined for the unconditional Gaussian only.");
        }

        int f = _free.Length;
        for (int a = 0; a < f; a++)
        {
            double sum = 0;
            int row = a * f;
            for (int b = 0; b <= a; b++)
            {
                sum += _freeCholesky[row + b] * eps[b];
            }

            z[_free[a]] = sum;
        }
    }

    /// <summary>Scratch space for one thread's draws.</summary>
    public double[] CreateScratch() => new double[(2 * _restricted.Length) + _free.Length];

    /// <summary>Draws one z (length d) into <paramref name="z"/>.</summary>
    public void Draw(Xoshiro256StarStar rng, Span<double> z, double[] scratch)
    {
        int s = _restricted.Length, f = _free.Length;
        var zs = scratch.AsSpan(0, s);
        var e = scratch.AsSpan(s, s);
        var eps = scratch.AsSpan(2 * s, f);
        if (s > 0)
        {
            // Sequential (GHK) start: zᵢ = Σ_{k<i} Lᵢₖ eₖ + Lᵢᵢ eᵢ with eᵢ truncated so that zᵢ is in its interval.
            for (int i = 0; i < s; i++)
            {
                double mean = 0;
                for (int k = 0; k < i; k++)
                {
                    mean += _restrictedCholesky[(i * s) + k] * e[k];
                }

                double l = _restrictedCholesky[(i * s) + i];
                e[i] = TruncatedNormal.Sample(rng, (_lower[i] - mean) / l, (_upper[i] - mean) / l);
                zs[i] = Math.Clamp(mean + (l * e[i]), _lower[i], _upper[i]);
            }

            if (s > 1)
            {
                for (int sweep = 0; sweep < _sweeps; sweep++)
                {
                    for (int i = 0; i < s; i++)
                    {
                        double mean = 0;
                        for (int k = 0; k < s; k++)
                        {
                            mean += _gibbsWeights[(i * s) + k] * zs[k];
                        }

                        double sd = _gibbsSd[i];
                        double t = TruncatedNormal.Sample(rng, (_lower[i] - mean) / sd, (_upper[i] - mean) / sd);
                        zs[i] = Math.Clamp(mean + (sd * t), _lower[i], _upper[i]);
                    }
                }
            }

            for (int i = 0; i < s; i++)
            {
                z[_restricted[i]] = zs[i];
            }
        }

        for (int a = 0; a < f; a++)
        {
            eps[a] = ZigguratNormal.Next(rng);
        }

        for (int a = 0; a < f; a++)
        {
            double sum = 0;
            for (int j = 0; j < s; j++)
            {
                sum += _regression[(a * s) + j] * zs[j];
            }

            int row = a * f;
            for (int b = 0; b <= a; b++)
            {
                sum += _freeCholesky[row + b] * eps[b];
            }

            z[_free[a]] = sum;
        }
    }
}
