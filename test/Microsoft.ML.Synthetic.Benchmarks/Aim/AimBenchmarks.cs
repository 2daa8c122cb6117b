using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Mst;

namespace Microsoft.ML.Synthetic.Benchmarks.Aim;

/// <summary>
/// AIM (McKenna et al., VLDB 2022) on the published inputs, δ = 1e-9, the paper's 80 MB model limit and 100
/// mirror-descent iterations per round (the reference run's settings): discretized Adult at ε = 1
/// (<c>aim.workload_error.adult.eps1</c>, 2-way workload; <c>aim.workload_error_3way.adult.eps1</c>, the same fits on
/// all 3-way marginals) and NLTCS at ε = 1, over three noise seeds (<see cref="SeedGrid"/>: median, min, max, fit wall
/// and CPU seconds). <c>aim_w3.*</c>: the same with the 3-way workload (<see cref="AimOptions.WorkloadDegree"/> = 3).
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
        if (MarginalTables.Adult(ml) is { } adult)
        {
            SeedGrid.Report(ctx, adult, "aim", 1, seeds, fields, (seed, real) => Fit(ml, adult, 1, seed, 2).Fit(real));
            SeedGrid.Report(ctx, adult, "aim_w3", 1, seeds, fields, (seed, real) => Fit(ml, adult, 1, seed, 3).Fit(real));
        }

        if (MarginalTables.Nltcs(ml) is { } nltcs)
        {
            SeedGrid.Report(ctx, nltcs, "aim", 1, seeds, fields, (seed, real) => Fit(ml, nltcs, 1, seed, 2).Fit(real));
        }
    }

    /// <summary>AIM at <paramref name="epsilon"/> with noise seeded by <paramref name="seed"/> (reproducible figures) and a workload of every set of <paramref name="degree"/> columns.</summary>
    private static AimEstimator Fit(MLContext ml, MarginalTables tables, double epsilon, int seed, int degree) =>
        ml.Synthetic().Synthesizers.Aim(new AimOptions
        {
            Epsilon = epsilon,
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
