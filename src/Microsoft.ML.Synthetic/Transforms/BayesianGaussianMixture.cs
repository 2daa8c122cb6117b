using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// A one-dimensional variational Bayesian Gaussian mixture with a (truncated) Dirichlet-process prior on the
/// weights: mean-field variational inference with a Gaussian–Gamma prior on each component's mean and
/// precision (Bishop, PRML §10.2, with D = 1) and stick-breaking Beta(1, γ) weights (Blei &amp; Jordan 2006,
/// "Variational inference for Dirichlet process mixtures"). With a small concentration γ the posterior leaves
/// components that the data do not need with (near) zero weight, which is how mode-specific normalization
/// (Xu et al. 2019, CTGAN) chooses the number of modes of a column.
/// </summary>
/// <remarks>
/// Priors as in the common reference setting: mean prior = the data mean with precision factor β₀ = 1, Gamma
/// shape ν₀/2 with ν₀ = 1 and rate = the data variance / 2, γ = 0.001. Initial responsibilities come from a
/// one-dimensional k-means started at evenly spaced quantiles (deterministic). The fit runs on distinct values
/// with their counts, which gives exactly the same posterior as the full column and is much faster on columns
/// with repeated values.
/// </remarks>
internal sealed class BayesianGaussianMixture
{
    private readonly double[] _means;       // m_k
    private readonly double[] _betas;       // β_k
    private readonly double[] _nus;         // ν_k
    private readonly double[] _scaleInv;    // W_k⁻¹ (Gamma rate × 2)
    private readonly double[] _stickA;      // a_k of the stick-breaking Beta posterior
    private readonly double[] _stickB;      // b_k

    private BayesianGaussianMixture(double[] means, double[] betas, double[] nus, double[] scaleInv, double[] stickA, double[] stickB, int iterations, bool converged)
    {
        _means = means;
        _betas = betas;
        _nus = nus;
        _scaleInv = scaleInv;
        _stickA = stickA;
        _stickB = stickB;
        Iterations = iterations;
        Converged = converged;
        Components = ComputeComponents();
    }

    /// <summary>
    /// A one-component mixture with the given mean and standard deviation (weight ≈ 1), fitted to no data: the
    /// fixed normalization that a differentially private synthesizer builds from declared public bounds.
    /// </summary>
    internal static BayesianGaussianMixture SingleComponent(double mean, double standardDeviation) =>
        new([mean], [1.0], [1.0], [standardDeviation * standardDeviation], [1.0], [1e-12], 0, true);

    /// <summary>The components: expected weight, posterior mean and standard deviation (W⁻¹/ν)^½.</summary>
    public IReadOnlyList<GaussianComponent> Components { get; }

    /// <summary>The number of variational iterations run.</summary>
    public int Iterations { get; }

    /// <summary>Whether the fit converged before the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>
    /// Fits the mixture to <paramref name="values"/> (finite numbers; at least one).
    /// </summary>
    /// <param name="values">The observations.</param>
    /// <param name="maxComponents">The truncation level of the Dirichlet process (the most components).</param>
    /// <param name="weightConcentration">γ, the concentration of the Dirichlet-process prior.</param>
    /// <param name="maxIterations">The most variational iterations.</param>
    /// <param name="tolerance">Convergence: stop when no component's weight changes by more than this and no mean moves by more than this many data standard deviations.</param>
    public static BayesianGaussianMixture Fit(ReadOnlySpan<double> values, int maxComponents = 10, double weightConcentration = 1e-3, int maxIterations = 100, double tolerance = 1e-4)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException("A Gaussian mixture needs at least one value.", nameof(values));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxComponents, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weightConcentration);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);

        // Distinct values with counts: the sufficient statistics are weighted sums, so the result is the same.
        var sorted = values.ToArray();
        foreach (var v in sorted)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("A Gaussian mixture needs finite values.", nameof(values));
            }
        }

        Array.Sort(sorted);
        var xs = new List<double>();
        var ws = new List<double>();
        foreach (var v in sorted)
        {
            if (xs.Count > 0 && xs[^1] == v)
            {
                ws[^1]++;
            }
            else
            {
                xs.Add(v);
                ws.Add(1);
            }
        }

        return FitWeighted(xs.ToArray(), ws.ToArray(), maxComponents, weightConcentration, maxIterations, tolerance);
    }

    private static BayesianGaussianMixture FitWeighted(double[] x, double[] w, int k, double gamma, int maxIterations, double tolerance)
    {
        int m = x.Length;
        double total = w.Sum();
        double mean = 0;
        for (int i = 0; i < m; i++)
        {
            mean += w[i] * x[i];
        }

        mean /= total;
        double variance = 0;
        for (int i = 0; i < m; i++)
        {
            variance += w[i] * (x[i] - mean) * (x[i] - mean);
        }

        variance /= total;
        const double regularization = 1e-6;   // added to every component variance, as is usual
        double sd = Math.Sqrt(variance + regularization);

        // Priors (PRML eq. 10.40 with D = 1): m0 = the data mean, β0, ν0, W0⁻¹.
        double beta0 = 1, nu0 = 1, w0Inv = variance + regularization;

        // Work on centred values (the prior mean is then 0); means are shifted back at the end.
        var xc = new double[m];
        for (int i = 0; i < m; i++)
        {
            xc[i] = x[i] - mean;
        }

        var means = new double[k];
        var betas = new double[k];
        var nus = new double[k];
        var scaleInv = new double[k];
        var stickA = new double[k];
        var stickB = new double[k];
        var previousWeights = new double[k];
        var previousMeans = new double[k];
        var logRho = new double[k];

        // Sufficient statistics Σr, Σr·x, Σr·x² of each component, first from the k-means assignment.
        var counts = new double[k];
        var sums = new double[k];
        var squares = new double[k];
        var assignment = KMeansAssignment(x, w, k);
        for (int i = 0; i < m; i++)
        {
            int j = assignment[i];
            counts[j] += w[i];
            sums[j] += w[i] * xc[i];
            squares[j] += w[i] * xc[i] * xc[i];
        }

        bool converged = false;
        int iteration = 0;
        while (true)
        {
            // M step (PRML 10.51–10.63 with m0 = 0; stick-breaking Beta posteriors of Blei & Jordan 2006, eq. 18–19).
            double tail = 0;
            for (int j = k - 1; j >= 0; j--)
            {
                double nk = counts[j] + (10 * 2.220446049250313e-16);   // 10 machine epsilons keep empty components finite
                double xbar = sums[j] / nk;
                double s = Math.Max((squares[j] / nk) - (xbar * xbar), 0) + regularization;
                betas[j] = beta0 + nk;
                means[j] = nk * xbar / betas[j];
                scaleInv[j] = w0Inv + (nk * s) + (beta0 * nk / (beta0 + nk) * xbar * xbar);
                nus[j] = nu0 + nk;
                stickA[j] = 1 + nk;
                stickB[j] = gamma + tail;
                tail += nk;
            }

            iteration++;
            var weights = ExpectedWeights(stickA, stickB);
            if (iteration > 1)
            {
                double change = 0;
                for (int j = 0; j < k; j++)
                {
                    change = Math.Max(change, Math.Abs(weights[j] - previousWeights[j]));
                    change = Math.Max(change, Math.Abs(means[j] - previousMeans[j]) / sd);
                }

                if (change < tolerance)
                {
                    converged = true;
                    break;
                }
            }

            if (iteration >= maxIterations)
            {
                break;
            }

            Array.Copy(weights, previousWeights, k);
            Array.Copy(means, previousMeans, k);

            // E step (PRML 10.46, 10.64–10.66; E[ln π] from the stick-breaking posterior), accumulating the next
            // M step's statistics on the way.
            var constants = LogConstants(means, betas, nus, scaleInv, stickA, stickB, out var precisions);
            Array.Clear(counts);
            Array.Clear(sums);
            Array.Clear(squares);
            for (int i = 0; i < m; i++)
            {
                double xi = xc[i];
                double max = double.NegativeInfinity;
                for (int j = 0; j < k; j++)
                {
                    double d = xi - means[j];
                    logRho[j] = constants[j] - (0.5 * precisions[j] * d * d);
                    max = Math.Max(max, logRho[j]);
                }

                double norm = 0;
                for (int j = 0; j < k; j++)
                {
                    // Below e^−50 a responsibility is 0 to double precision next to the largest (which is 1);
                    // cutting it avoids subnormal arithmetic, which is two orders of magnitude slower. ManagedExp,
                    // not Math.Exp: see there (the AVX–SSE transition made this loop ~11× slower once tiered up).
                    double e = logRho[j] - max;
                    logRho[j] = e < -50 ? 0 : ManagedExp.Exp(e);
                    norm += logRho[j];
                }

                double scale = w[i] / norm;
                for (int j = 0; j < k; j++)
                {
                    double r = logRho[j] * scale;
                    counts[j] += r;
                    sums[j] += r * xi;
                    squares[j] += r * xi * xi;
                }
            }
        }

        for (int j = 0; j < k; j++)
        {
            means[j] += mean;
        }

        return new BayesianGaussianMixture(means, betas, nus, scaleInv, stickA, stickB, iteration, converged);
    }

    /// <summary>
    /// ln ρ_k(x) = c_k − ½·p_k·(x − m_k)²: the per-component constants c_k (E[ln π_k] + ½E[ln λ_k] − ½ln 2π − ½/β_k)
    /// and expected precisions p_k = ν_k·W_k.
    /// </summary>
    private static double[] LogConstants(double[] means, double[] betas, double[] nus, double[] scaleInv, double[] stickA, double[] stickB, out double[] precisions)
    {
        int k = means.Length;
        var constants = new double[k];
        precisions = new double[k];
        double cumulative = 0;   // Σ_{l<j} E[ln(1 − v_l)]
        for (int j = 0; j < k; j++)
        {
            double digammaSum = Digamma(stickA[j] + stickB[j]);
            double logPi = Digamma(stickA[j]) - digammaSum + cumulative;
            cumulative += Digamma(stickB[j]) - digammaSum;
            double logLambda = Digamma(nus[j] / 2) + Math.Log(2 / scaleInv[j]);
            constants[j] = logPi + (0.5 * logLambda) - (0.5 * Math.Log(2 * Math.PI)) - (0.5 / betas[j]);
            precisions[j] = nus[j] / scaleInv[j];
        }

        return constants;
    }

    /// <summary>Expected stick-breaking weights: E[v_k]·Π_{l&lt;k}(1 − E[v_l]), normalised.</summary>
    private static double[] ExpectedWeights(double[] a, double[] b)
    {
        int k = a.Length;
        var weights = new double[k];
        double remaining = 1, total = 0;
        for (int j = 0; j < k; j++)
        {
            double v = a[j] / (a[j] + b[j]);
            weights[j] = v * remaining;
            remaining *= 1 - v;
            total += weights[j];
        }

        for (int j = 0; j < k; j++)
        {
            weights[j] /= total;
        }

        return weights;
    }

    /// <summary>A k-means assignment, started from evenly spaced weighted quantiles.</summary>
    private static int[] KMeansAssignment(double[] x, double[] w, int k)
    {
        int m = x.Length;
        var centers = new double[k];
        double total = w.Sum(), cumulative = 0;
        int next = 0;
        for (int i = 0; i < m && next < k; i++)
        {
            cumulative += w[i];
            while (next < k && cumulative >= (next + 0.5) / k * total)
            {
                centers[next++] = x[i];
            }
        }

        for (; next < k; next++)
        {
            centers[next] = x[m - 1];
        }

        var assignment = new int[m];
        for (int iteration = 0; iteration < 100; iteration++)
        {
            bool changed = false;
            for (int i = 0; i < m; i++)
            {
                int best = 0;
                for (int j = 1; j < k; j++)
                {
                    if (Math.Abs(x[i] - centers[j]) < Math.Abs(x[i] - centers[best]))
                    {
                        best = j;
                    }
                }

                changed |= assignment[i] != best || iteration == 0;
                assignment[i] = best;
            }

            if (!changed)
            {
                break;
            }

            var sums = new double[k];
            var counts = new double[k];
            for (int i = 0; i < m; i++)
            {
                sums[assignment[i]] += w[i] * x[i];
                counts[assignment[i]] += w[i];
            }

            for (int j = 0; j < k; j++)
            {
                if (counts[j] > 0)
                {
                    centers[j] = sums[j] / counts[j];
                }
            }
        }

        return assignment;
    }

    private GaussianComponent[] ComputeComponents()
    {
        var weights = ExpectedWeights(_stickA, _stickB);
        var result = new GaussianComponent[_means.Length];
        for (int j = 0; j < result.Length; j++)
        {
            result[j] = new GaussianComponent(weights[j], _means[j], Math.Sqrt(_scaleInv[j] / _nus[j]));
        }

        return result;
    }

    /// <summary>
    /// The posterior responsibility of each component for <paramref name="value"/>, restricted to the components
    /// where <paramref name="active"/> is true and normalised over them (written to <paramref name="destination"/>).
    /// </summary>
    public void Responsibilities(double value, ReadOnlySpan<bool> active, Span<double> destination)
    {
        _constants ??= LogConstants(_means, _betas, _nus, _scaleInv, _stickA, _stickB, out _precisions);
        double max = double.NegativeInfinity;
        for (int j = 0; j < _means.Length; j++)
        {
            if (active[j])
            {
                double d = value - _means[j];
                destination[j] = _constants[j] - (0.5 * _precisions![j] * d * d);
                max = Math.Max(max, destination[j]);
            }
        }

        double norm = 0;
        for (int j = 0; j < _means.Length; j++)
        {
            destination[j] = active[j] && destination[j] - max >= -50 ? Math.Exp(destination[j] - max) : 0;
            norm += destination[j];
        }

        for (int j = 0; j < _means.Length; j++)
        {
            destination[j] /= norm;
        }
    }

    private double[]? _constants;
    private double[]? _precisions;

    /// <summary>Writes the variational posterior; <see cref="Read(BinaryReader)"/> reads it back.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_means.Length);
        foreach (var array in new[] { _means, _betas, _nus, _scaleInv, _stickA, _stickB })
        {
            foreach (var v in array)
            {
                writer.Write(v);
            }
        }

        writer.Write(Iterations);
        writer.Write(Converged);
    }

    /// <summary>Reads a mixture written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is truncated or corrupt (the message names the field).</exception>
    public static BayesianGaussianMixture Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(ModelReader.Over(reader.BaseStream));
    }

    /// <summary>
    /// Reads a mixture through the bounded model-file reader: the means must be finite, and every precision factor,
    /// degree of freedom, scale and stick-breaking parameter finite and positive (the posterior's digamma terms
    /// need positive arguments), so that the components are finite.
    /// </summary>
    internal static BayesianGaussianMixture Read(ModelReader reader)
    {
        using var part = reader.Part("Gaussian mixture");
        int k = reader.ReadCount("component count", ModelFileLimits.MaxMixtureComponents, 6 * sizeof(double));
        reader.Check(k >= 1, "the mixture has no component");
        string[] names = ["means", "mean precision factors", "degrees of freedom", "scales", "stick-breaking a", "stick-breaking b"];
        var arrays = new double[6][];
        for (int a = 0; a < 6; a++)
        {
            arrays[a] = reader.ReadDoubles(names[a], k);
            bool valid = a == 0 ? Array.TrueForAll(arrays[a], double.IsFinite) : Array.TrueForAll(arrays[a], v => double.IsFinite(v) && v > 0);
            if (!valid)
            {
                throw reader.Corrupt($"the {names[a]} must be finite{(a == 0 ? string.Empty : " and positive")}");
            }
        }

        int iterations = reader.ReadInt32("iteration count", 0, int.MaxValue);
        bool converged = reader.ReadBoolean("converged flag");
        var mixture = new BayesianGaussianMixture(arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], arrays[5], iterations, converged);
        foreach (var c in mixture.Components)
        {
            reader.Check(double.IsFinite(c.Weight) && double.IsFinite(Math.Abs(c.Mean) + (4 * c.StandardDeviation)), "a component's weight, mean or spread is not finite");
        }

        return mixture;
    }

    /// <summary>The digamma function ψ (asymptotic series after shifting the argument to 10 or more).</summary>
    internal static double Digamma(double x)
    {
        double result = 0;
        while (x < 10)
        {
            result -= 1 / x;
            x++;
        }

        double f = 1 / (x * x);
        return result + Math.Log(x) - (0.5 / x) - (f * ((1.0 / 12) - (f * ((1.0 / 120) - (f * ((1.0 / 252) - (f * ((1.0 / 240) - (f / 132)))))))));
    }
}
