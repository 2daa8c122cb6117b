namespace Microsoft.ML.Synthetic.Synthesizers.Diffusion;

/// <summary>
/// The variance schedule shared by the Gaussian and the multinomial diffusion of TabDDPM (Kotelnikov et al., ICML
/// 2023, §3; Ho et al. 2020; Hoogeboom et al. 2021), for steps t = 0 … T − 1 (step t takes x_t from x_{t−1}, with
/// x_{−1} the data): β_t, α_t = 1 − β_t, ᾱ_t = ∏_{s ≤ t} α_s, ᾱ_{t−1} (1 for t = 0), and the coefficients of the
/// Gaussian posterior q(x_{t−1} | x_t, x_0) = N(c1_t x_0 + c2_t x_t, σ̃²_t).
/// </summary>
internal sealed class NoiseSchedule
{
    public NoiseSchedule(int steps, DiffusionSchedule kind)
    {
        Steps = steps;
        Kind = kind;
        Betas = kind == DiffusionSchedule.Cosine ? CosineBetas(steps) : LinearBetas(steps);
        Alphas = new double[steps];
        AlphaBars = new double[steps];
        AlphaBarsPrevious = new double[steps];
        PosteriorCoefficientX0 = new double[steps];
        PosteriorCoefficientXt = new double[steps];
        PosteriorVariance = new double[steps];
        double product = 1;
        for (int t = 0; t < steps; t++)
        {
            Alphas[t] = 1 - Betas[t];
            AlphaBarsPrevious[t] = product;
            product *= Alphas[t];
            AlphaBars[t] = product;
            PosteriorCoefficientX0[t] = Betas[t] * Math.Sqrt(AlphaBarsPrevious[t]) / (1 - AlphaBars[t]);
            PosteriorCoefficientXt[t] = (1 - AlphaBarsPrevious[t]) * Math.Sqrt(Alphas[t]) / (1 - AlphaBars[t]);
            PosteriorVariance[t] = Betas[t] * (1 - AlphaBarsPrevious[t]) / (1 - AlphaBars[t]);
        }

        // The reverse process' fixed variance (Ho et al.'s σ²_t = β_t, as TabDDPM): the posterior variance of step 1 at t = 0.
        SamplingVariance = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            SamplingVariance[t] = t == 0 ? (steps > 1 ? PosteriorVariance[1] : Betas[0]) : Betas[t];
        }
    }

    public int Steps { get; }

    public DiffusionSchedule Kind { get; }

    public double[] Betas { get; }

    public double[] Alphas { get; }

    /// <summary>ᾱ_t: q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I), and Cat(ᾱ_t x_0 + (1 − ᾱ_t)/K) for a category.</summary>
    public double[] AlphaBars { get; }

    /// <summary>ᾱ_{t−1}, with ᾱ_{−1} = 1.</summary>
    public double[] AlphaBarsPrevious { get; }

    public double[] PosteriorCoefficientX0 { get; }

    public double[] PosteriorCoefficientXt { get; }

    public double[] PosteriorVariance { get; }

    /// <summary>The variance of the reverse step's Gaussian noise.</summary>
    public double[] SamplingVariance { get; }

    /// <summary>Nichol and Dhariwal's (2021) cosine schedule: ᾱ(t) = cos²(((t/T) + s)/(1 + s) · π/2), s = 0.008, β ≤ 0.999.</summary>
    internal static double[] CosineBetas(int steps)
    {
        static double F(double u) => Math.Pow(Math.Cos((u + 0.008) / 1.008 * Math.PI / 2), 2);
        var betas = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            betas[t] = Math.Min(1 - (F((t + 1.0) / steps) / F((double)t / steps)), 0.999);
        }

        return betas;
    }

    /// <summary>Ho et al.'s (2020) linear schedule, scaled to T steps: β from 10⁻⁴·1000/T to 0.02·1000/T.</summary>
    internal static double[] LinearBetas(int steps)
    {
        double scale = 1000.0 / steps, start = scale * 1e-4, end = Math.Min(scale * 0.02, 0.999);
        var betas = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            betas[t] = steps == 1 ? start : start + ((end - start) * t / (steps - 1));
        }

        return betas;
    }
}
