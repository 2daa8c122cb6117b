using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Deep;
using Microsoft.ML.Synthetic.Privacy.Accounting;
using Microsoft.ML.Synthetic.Privacy.DpSgd;

namespace Microsoft.ML.Synthetic.Benchmarks.Privacy;

/// <summary>The cost of the PRV accountant, and what it changes for DP-TVAE's default run on Adult.</summary>
public static class PrvAccountantBenchmarks
{
    /// <summary>
    /// <c>privacy.prv.epsilon</c>: seconds per PRV ε evaluation for Opacus' test run (σ 1.5, q 0.04, 2,249 steps,
    /// δ 1e-5), one thread (field <c>cpu_s</c>: process CPU seconds per evaluation, for a shared machine), with the bounds and the RDP accountant's ε and seconds beside it.
    /// <c>privacy.prv.noise_search.adult.eps1</c> (and <c>.eps3</c>, <c>.eps10</c> without <c>--quick</c>): seconds
    /// of the PRV σ search at DP-TVAE's defaults on Adult's training split (q = B/N, epochs·⌊N/B⌋ steps, δ 1e-5),
    /// with the RDP σ, the RDP search's seconds and the ε that the RDP-calibrated run spends under PRV.
    /// </summary>
    [Benchmark("privacy")]
    public static void PrvAccounting(BenchmarkContext ctx)
    {
        if (ctx.IsSelected("privacy.prv.epsilon"))
        {
            double rdp = 0;
            double rdpSeconds = ctx.Median(ctx.Quick ? 1 : 5, () => rdp = RdpAccountant.Epsilon(1.5, 0.04, 2249, 1e-5));
            PrvBounds bounds = PrvAccountant.Epsilon(1.5, 0.04, 2249, 1e-5);   // warm-up (JIT)
            int runs = ctx.Quick ? 1 : 5;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            double seconds = ctx.Median(runs, () => bounds = PrvAccountant.Epsilon(1.5, 0.04, 2249, 1e-5));   // last: its runs are the figure's
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / runs;
            var domain = PrvDomain.For([(1.5, 0.04, 2249)], PrvAccountant.DefaultEpsilonError, 1e-8);
            ctx.Report("privacy.prv.epsilon", seconds, "s", new()
            {
                ["threads"] = 1, ["steps"] = 2249, ["epsilon_upper"] = bounds.Upper, ["epsilon_estimate"] = bounds.Estimate,
                ["epsilon_lower"] = bounds.Lower, ["opacus_epsilon"] = 6.777395712150674, ["rdp_epsilon"] = rdp, ["rdp_s"] = rdpSeconds,
                ["grid_points"] = domain.Size, ["cpu_s"] = cpuSeconds,
            });
        }

        if (!ctx.IsSelected("privacy.prv.noise_search"))
        {
            return;
        }

        var defaults = new TvaeOptions { Epsilon = 1, Delta = 1e-5 };   // the DP defaults (batch, epochs) resolve once DP is on
        long n = AdultSplit.TrainTable(new MLContext(seed: 1)).RowCount;
        long batch = Math.Min(defaults.BatchSize, n);
        double q = (double)batch / n;
        long steps = defaults.Epochs * Math.Max(1, n / batch);
        foreach (double epsilon in ctx.Quick ? [1.0] : new[] { 1.0, 3.0, 10.0 })
        {
            double rdpSigma = 0, prvSigma = 0;
            double rdpSeconds = ctx.Median(1, () => rdpSigma = NoiseMultiplierSearch.ForTargetEpsilon(epsilon, 1e-5, q, steps));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            double prvSeconds = ctx.Median(1, () => prvSigma = NoiseMultiplierSearch.ForTargetEpsilon(epsilon, 1e-5, q, steps, accountant: PrivacyAccountant.Prv));
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            ctx.Report($"privacy.prv.noise_search.adult.eps{epsilon:0}", prvSeconds, "s", new()
            {
                ["threads"] = 1, ["rows"] = n, ["batch"] = batch, ["q"] = q, ["steps"] = steps, ["target_epsilon"] = epsilon,
                ["sigma_prv"] = prvSigma, ["sigma_rdp"] = rdpSigma, ["rdp_search_s"] = rdpSeconds, ["cpu_s"] = cpuSeconds,
                ["prv_epsilon_at_sigma_rdp"] = PrvAccountant.Epsilon(rdpSigma, q, steps, 1e-5).Upper,
                ["rdp_epsilon_at_sigma_prv"] = RdpAccountant.Epsilon(prvSigma, q, steps, 1e-5),
            });
        }
    }
}
