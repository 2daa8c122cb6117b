using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Deep;
using Microsoft.ML.Synthetic.Benchmarks.Mst;

namespace Microsoft.ML.Synthetic.Benchmarks.Aim;

/// <summary>
/// AIM (McKenna et al., VLDB 2022) on the published inputs, δ = 1e-9, the paper's 80 MB model limit, over three noise
/// seeds (<see cref="SeedGrid"/>: median, min, max, fit wall and CPU seconds). <c>aim.workload_error.adult.eps1</c>:
/// discretized Adult at ε = 1 with the defaults (2-way workload, 1,000 mirror-descent iterations per round);
/// <c>aim.workload_error_3way.adult.eps1</c>: the same fits on all 3-way marginals; <c>aim.*.nltcs.eps1</c>: NLTCS.
/// <c>aim_i100.*</c>: 100 iterations per round (the reference run's setting); <c>aim_w3_i100.*</c>: the 3-way workload
/// (<see cref="AimOptions.WorkloadDegree"/> = 3) at 100 iterations per round.
/// </summary>
public static class AimBenchmarks
{
    /// <summary>The group <c>aim</c> (see the class remarks).</summary>
    [Benchmark("aim")]
    public static void Aim(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        int seeds = ctx.Quick ? 1 : 3;
        var fields = new Dictionary<string, object> { ["delta"] = 1e-9, ["noise"] = "seeded", ["max_model_mb"] = AimOptions.Defaults.MaxModelSizeMegabytes, ["iterations_per_round"] = AimOptions.Defaults.IterationsPerRound };
        var fields100 = new Dictionary<string, object>(fields) { ["iterations_per_round"] = 100 };
        if (MarginalTables.Adult(ml) is { } adult)
        {
            SeedGrid.Report(ctx, adult, "aim", 1, seeds, fields, (seed, real) => Fit(ml, adult, 1, seed, 2).Fit(real));
            SeedGrid.Report(ctx, adult, "aim_i100", 1, seeds, fields100, (seed, real) => Fit(ml, adult, 1, seed, 2, iterations: 100).Fit(real));
            SeedGrid.Report(ctx, adult, "aim_w3_i100", 1, seeds, fields100, (seed, real) => Fit(ml, adult, 1, seed, 3, iterations: 100).Fit(real));
        }

        if (MarginalTables.Nltcs(ml) is { } nltcs)
        {
            SeedGrid.Report(ctx, nltcs, "aim", 1, seeds, fields, (seed, real) => Fit(ml, nltcs, 1, seed, 2).Fit(real));
        }

        Continuous(ctx);
    }

    /// <summary>
    /// <c>aim.tstr_auc.adult.eps1</c> (with <c>aim.quality</c>, <c>aim.detection</c>, <c>aim.fit</c>): continuous Adult's
    /// 80/20 split with MST's declared public domain (bounds, categories, capital bin edges), ε = 1, δ = 1e-9, the defaults;
    /// the same report as DP-TVAE's figures (<see cref="DeepQuality"/>). Only when one of those names is selected.
    /// </summary>
    private static void Continuous(BenchmarkContext ctx)
    {
        if (!new[] { "aim.tstr_auc.adult", "aim.quality.adult", "aim.fit.adult" }.Any(ctx.IsSelected))
        {
            return;
        }

        var ml = new MLContext(seed: 1);
        var split = AdultSplit.Load(ml);
        var options = MstBenchmarks.DeclareAdult(new AimOptions { Epsilon = 1, Delta = 1e-9, Progress = new Progress("adult (continuous)") });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var model = ml.Synthetic().Synthesizers.Aim(options).Fit(split.TrainSet);
        DeepQuality.Report(ctx, "aim", ml, split, model, 0, watch.Elapsed.TotalSeconds, ".eps1");
    }

    /// <summary>AIM at <paramref name="epsilon"/> with noise seeded by <paramref name="seed"/> (reproducible figures) and a workload of every set of <paramref name="degree"/> columns.</summary>
    private static AimEstimator Fit(MLContext ml, MarginalTables tables, double epsilon, int seed, int degree, int iterations = AimOptions.Defaults.IterationsPerRound) =>
        ml.Synthetic().Synthesizers.Aim(new AimOptions
        {
            Epsilon = epsilon,
            IterationsPerRound = iterations,
            Delta = 1e-9,
            WorkloadDegree = degree,
            PublicCategories = tables.Categories(),
            NonPrivateReproducibleSeed = seed,
            Progress = new Progress(tables.Name),
        });

    private sealed class Progress(string table) : IProgress<AimProgress>
    {
        public void Report(AimProgress value) =>
            Console.Error.WriteLine($"aim {table} round {value.Round}: ({string.Join(", ", value.Marginal)}) σ {value.Sigma:F1}, budget {value.BudgetUsed:P0}, model {value.ModelSizeMegabytes:F2} MB");
    }
}
