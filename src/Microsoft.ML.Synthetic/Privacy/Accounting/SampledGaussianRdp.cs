using MathNet.Numerics;

namespace Microsoft.ML.Synthetic.Privacy.Accounting;

/// <summary>
/// Rényi DP of the Poisson-subsampled Gaussian mechanism (Mironov, Talwar &amp; Zhang 2019, "Rényi Differential
/// Privacy of the Sampled Gaussian Mechanism", Sections 3.3 (integer orders) and 3.4 (fractional orders)), as
/// computed by TensorFlow Privacy and Opacus: RDP(α) = log A_α / (α − 1) per step, with A_α the α-th moment of
/// the privacy loss of the mixture (1 − q)·N(0, σ²) + q·N(1, σ²) against N(0, σ²).
/// </summary>
internal static class SampledGaussianRdp
{
    /// <summary>Opacus' default orders: 1.1, 1.2, …, 10.9, then 12, 13, …, 63.</summary>
    public static IReadOnlyList<double> OpacusDefaultOrders { get; } =
        [.. Enumerable.Range(1, 99).Select(x => 1 + (x / 10.0)), .. Enumerable.Range(12, 52).Select(x => (double)x)];

    /// <summary>TensorFlow Privacy's <c>compute_dp_sgd_privacy</c> orders: 1.25 … 4.5, 5 … 63, 128, 256, 512.</summary>
    public static IReadOnlyList<double> TensorFlowPrivacyOrders { get; } =
        [1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0, 3.5, 4.0, 4.5, .. Enumerable.Range(5, 59).Select(x => (double)x), 128, 256, 512];

    /// <summary>The RDP at <paramref name="order"/> of <paramref name="steps"/> compositions with sampling rate q and noise multiplier σ.</summary>
    public static double Compute(double sampleRate, double noiseMultiplier, long steps, double order)
    {
        if (!(sampleRate >= 0 && sampleRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sampling rate q must lie in [0, 1].");
        }

        PrivacyParameters.ThrowIfBadPositive(noiseMultiplier, nameof(noiseMultiplier), "The noise multiplier");
        if (!(order > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "Rényi orders must exceed 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        double perStep;
        if (sampleRate == 0)
        {
            perStep = 0;
        }
        else if (sampleRate == 1)
        {
            perStep = order / (2 * noiseMultiplier * noiseMultiplier);   // the Gaussian mechanism itself
        }
        else if (double.IsPositiveInfinity(order))
        {
            perStep = double.PositiveInfinity;
        }
        else
        {
            perStep = LogA(sampleRate, noiseMultiplier, order) / (order - 1);
        }

        return perStep * steps;
    }

    /// <summary>The RDP at each of <paramref name="orders"/>.</summary>
    public static double[] Compute(double sampleRate, double noiseMultiplier, long steps, IReadOnlyList<double> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        return orders.Select(a => Compute(sampleRate, noiseMultiplier, steps, a)).ToArray();
    }

    private static double LogA(double q, double sigma, double alpha) =>
        alpha == Math.Floor(alpha) ? LogAInteger(q, sigma, (int)alpha) : LogAFractional(q, sigma, alpha);

    // A_α = Σ_{i=0}^{α} C(α, i) q^i (1 − q)^(α − i) exp((i² − i)/(2σ²)).
    private static double LogAInteger(double q, double sigma, int alpha)
    {
        double logA = double.NegativeInfinity;
        for (int i = 0; i <= alpha; i++)
        {
            double logTerm = SpecialFunctions.BinomialLn(alpha, i) + (i * Math.Log(q)) + ((alpha - i) * Math.Log(1 - q))
                + (((double)i * i) - i) / (2 * sigma * sigma);
            logA = LogSpace.Add(logA, logTerm);
        }

        return logA;
    }

    // The series of Mironov, Talwar & Zhang (2019), Section 3.4, split at z0 = σ² log(1/q − 1) + 1/2, summed
    // until both terms fall below e^(−30).
    private static double LogAFractional(double q, double sigma, double alpha)
    {
        double logA0 = double.NegativeInfinity, logA1 = double.NegativeInfinity;
        double z0 = (sigma * sigma * Math.Log((1 / q) - 1)) + 0.5;
        double coefficient = 1;   // C(α, i), generalized binomial
        for (int i = 0; ; i++)
        {
            if (i > 0)
            {
                coefficient *= (alpha - (i - 1)) / i;
            }

            double logCoefficient = Math.Log(Math.Abs(coefficient));
            double j = alpha - i;
            double logT0 = logCoefficient + (i * Math.Log(q)) + (j * Math.Log(1 - q));
            double logT1 = logCoefficient + (j * Math.Log(q)) + (i * Math.Log(1 - q));
            double logE0 = Math.Log(0.5) + LogSpace.LogErfc((i - z0) / (Math.Sqrt(2) * sigma));
            double logE1 = Math.Log(0.5) + LogSpace.LogErfc((z0 - j) / (Math.Sqrt(2) * sigma));
            double logS0 = logT0 + ((((double)i * i) - i) / (2 * sigma * sigma)) + logE0;
            double logS1 = logT1 + (((j * j) - j) / (2 * sigma * sigma)) + logE1;
            if (coefficient > 0)
            {
                logA0 = LogSpace.Add(logA0, logS0);
                logA1 = LogSpace.Add(logA1, logS1);
            }
            else
            {
                logA0 = LogSpace.Subtract(logA0, logS0);
                logA1 = LogSpace.Subtract(logA1, logS1);
            }

            if (Math.Max(logS0, logS1) < -30)
            {
                break;
            }
        }

        return LogSpace.Add(logA0, logA1);
    }
}
