namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>
/// Private-PGM's estimator (McKenna, Sheldon &amp; Miklau, ICML 2019, Algorithm 1 with the reference's step-size
/// rule): minimise the L2 marginal loss L(μ) = Σ ½‖(Q·μ_S − y)/σ‖² over the model's clique marginals μ by mirror
/// descent on the log-potentials θ ← θ − α∇L(μ), μ = BP(θ). The step starts at 1/N², doubles each iteration, and
/// halves (at most 25 times) until the Armijo condition L(μ) − L(μ') ≥ ½α∇L·(μ − μ') holds. The total N is the
/// inverse-variance weighted mean of the measurements' own total estimates (at least 1), as the reference does.
/// </summary>
internal static class MirrorDescent
{
    /// <summary>The fitted log-potentials, marginals (scaled to the total), total and final loss.</summary>
    public sealed record Result(double[][] Theta, double[][] Marginals, double Total, double Loss);

    /// <summary>
    /// Estimates <paramref name="model"/>'s potentials from <paramref name="measurements"/>, starting from
    /// <paramref name="start"/> (Private-PGM's warm start) or from zero potentials.
    /// </summary>
    /// <exception cref="ArgumentException">A measurement's variables lie in no clique of the model, or its size does not match.</exception>
    public static Result Estimate(ICliqueModel model, IReadOnlyList<MarginalMeasurement> measurements, int iterations, double[][]? start = null, CancellationToken cancellation = default)
    {
        var assigned = Assign(model, measurements);
        double total = EstimateTotal(measurements);
        var theta = start ?? model.ZeroPotentials();
        var mu = model.Marginals(theta, total);
        var (loss, gradient) = Loss(model, mu, assigned);
        double alpha = 1.0 / (total * total);
        for (int t = 0; t < iterations; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (omega, nu, currentLoss, dL) = (theta, mu, loss, gradient);
            if (currentLoss == 0 || gradient.All(g => g.All(v => v == 0)))
            {
                break;   // an exact fit: nothing left to descend
            }

            alpha = Math.Min(2 * alpha, 1e300);
            for (int i = 0; i < 25; i++)
            {
                theta = Step(omega, dL, alpha);
                mu = model.Marginals(theta, total);
                (loss, gradient) = Loss(model, mu, assigned);
                if (currentLoss - loss >= 0.5 * alpha * Dot(dL, nu, mu))
                {
                    break;
                }

                if (i == 24)
                {
                    (theta, mu, loss, gradient) = (omega, nu, currentLoss, dL);   // no step satisfied the rule: keep the last iterate
                }

                alpha *= 0.5;
            }
        }

        return new Result(theta, mu, total, loss);
    }

    /// <summary>The inverse-variance weighted mean of the measurements' total estimates, at least 1.</summary>
    public static double EstimateTotal(IReadOnlyList<MarginalMeasurement> measurements)
    {
        double weighted = 0, weights = 0;
        foreach (var m in measurements)
        {
            var (estimate, variance) = m.TotalEstimate();
            weighted += estimate / variance;
            weights += 1 / variance;
        }

        return weights > 0 ? Math.Max(1, weighted / weights) : 1;
    }

    /// <summary>The L2 marginal loss and its gradient with respect to every clique marginal.</summary>
    internal static (double Loss, double[][] Gradient) Loss(ICliqueModel model, double[][] mu, IReadOnlyList<(int Clique, MarginalMeasurement M)> assigned)
    {
        double loss = 0;
        var gradient = mu.Select(m => new double[m.Length]).ToArray();
        foreach (var (c, m) in assigned)
        {
            var x = model.Project(c, mu[c], m.Variables);
            var g = new double[x.Length];
            double w = 1 / m.Sigma;
            for (int i = 0; i < x.Length; i++)
            {
                double q = m.Scale?[i] ?? 1;
                double diff = w * ((q * x[i]) - m.Y[i]);
                loss += 0.5 * diff * diff;
                g[i] = w * q * diff;
            }

            model.Broadcast(c, m.Variables, g, gradient[c]);
        }

        return (loss, gradient);
    }

    internal static List<(int Clique, MarginalMeasurement M)> Assign(ICliqueModel model, IReadOnlyList<MarginalMeasurement> measurements)
    {
        var assigned = new List<(int, MarginalMeasurement)>();
        foreach (var m in measurements)
        {
            int c = model.CliqueContaining(m.Variables);
            int cells = m.Variables.Aggregate(1, (s, v) => s * model.Sizes[v]);
            if (c < 0 || m.Y.Length != cells || (m.Scale is { } q && q.Length != cells) || m.Variables.Zip(m.Variables.Skip(1)).Any(p => p.First >= p.Second))
            {
                throw new ArgumentException($"The measurement of variables ({string.Join(", ", m.Variables)}) lies in no clique of the model, lists its variables out of order, or has {m.Y.Length} values where the domain has {cells}.", nameof(measurements));
            }

            assigned.Add((c, m));
        }

        return assigned;
    }

    private static double[][] Step(double[][] omega, double[][] gradient, double alpha)
    {
        var theta = new double[omega.Length][];
        for (int c = 0; c < omega.Length; c++)
        {
            theta[c] = new double[omega[c].Length];
            for (int i = 0; i < theta[c].Length; i++)
            {
                theta[c][i] = omega[c][i] - (alpha * gradient[c][i]);
            }
        }

        return theta;
    }

    private static double Dot(double[][] g, double[][] nu, double[][] mu)
    {
        double s = 0;
        for (int c = 0; c < g.Length; c++)
        {
            for (int i = 0; i < g[c].Length; i++)
            {
                s += g[c][i] * (nu[c][i] - mu[c][i]);
            }
        }

        return s;
    }
}
