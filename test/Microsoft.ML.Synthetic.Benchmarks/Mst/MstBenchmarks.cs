using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Deep;
using Microsoft.ML.Synthetic.Benchmarks.Privacy;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Benchmarks.Mst;

/// <summary>
/// MST (McKenna, Miklau &amp; Sheldon 2021) on Adult. Continuous Adult (80/20 split, seed 42, DP-TVAE's declared
/// bounds and categories, declared bin edges for the capital columns) at ε = 1 and 10, δ = 1e-9:
/// <c>mst.fit.adult.eps1</c> (seconds), <c>mst.quality.adult.eps1</c>, <c>mst.tstr_auc.adult.eps1</c> and
/// <c>mst.workload_error.adult_binned.eps1</c> (2-way workload error on MST's own public cells). Discretized Adult
/// (<c>shared/data/discrete/adult.csv</c> with its domain file, the published input) at ε ∈ {0.3, 1, 3, 10} and NLTCS
/// at ε = 1, δ = 1e-9, three noise seeds each (<see cref="SeedGrid"/>): <c>mst.workload_error.adult.eps1</c> (median over
/// the seeds of the mean over all 2-way marginals of ½‖X/ΣX − Y/ΣY‖₁, real against as many synthetic rows) and
/// <c>mst.workload_error_3way.adult.eps1</c> (all 3-way marginals), with the fit wall and CPU seconds as fields.
/// </summary>
public static class MstBenchmarks
{
    private static readonly double[] Epsilons = [1, 10];

    private static readonly double[] DiscreteEpsilons = [0.3, 1, 3, 10];

    /// <summary>The group <c>mst</c> (see the class remarks).</summary>
    [Benchmark("mst")]
    public static void Mst(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        Continuous(ctx);
        Discrete(ctx);
    }

    private static void Continuous(BenchmarkContext ctx)
    {
        var ml = new MLContext(seed: 1);
        var split = AdultSplit.Load(ml);
        foreach (var epsilon in Epsilons)
        {
            string name = $"eps{epsilon:0.#}".Replace('.', 'p');
            if (!new[] { "mst.fit.adult", "mst.quality.adult", "mst.tstr_auc.adult", "mst.workload_error.adult_binned" }.Any(ctx.IsSelected))
            {
                continue;
            }

            var options = AdultOptions(epsilon);
            var watch = Stopwatch.StartNew();
            var model = ml.Synthetic().Synthesizers.Mst(options).Fit(split.TrainSet);
            double seconds = watch.Elapsed.TotalSeconds;
            var train = TabularData.FromDataView(split.TrainSet);
            ctx.Report($"mst.fit.adult.{name}", seconds, "s", new() { ["rows"] = train.RowCount, ["threads"] = 1, ["delta"] = options.Delta, ["tree"] = string.Join(" ", model.TreeEdges.Select(e => $"{e.First}-{e.Second}")) });
            var synthetic = model.SampleTable(train.RowCount, seed: 7);
            var (real, sizes) = Binned(model, train);
            ctx.Report($"mst.workload_error.adult_binned.{name}", Workload.Error(real, Binned(model, synthetic).Codes, sizes, 2), "abs_diff", new() { ["marginals"] = Workload.Count(train.Columns.Count, 2) });
            DeepQuality.Report(ctx, "mst", ml, split, model, 0, seconds, "." + name);
        }
    }

    /// <summary>The published grid: ε ∈ {0.3, 1, 3, 10} on discretized Adult and ε = 1 on NLTCS, each over three noise seeds.</summary>
    private static void Discrete(BenchmarkContext ctx)
    {
        if (!ctx.IsSelected("mst.workload_error"))
        {
            return;
        }

        var ml = new MLContext(seed: 1);
        int seeds = ctx.Quick ? 1 : 3;
        if (MarginalTables.Adult(ml) is { } adult)
        {
            foreach (var epsilon in ctx.Quick ? [1.0] : DiscreteEpsilons)
            {
                SeedGrid.Report(ctx, adult, "mst", epsilon, seeds, new() { ["delta"] = 1e-9, ["noise"] = "seeded" }, (seed, real) => Fit(ml, adult, epsilon, seed, real));
            }
        }

        if (MarginalTables.Nltcs(ml) is { } nltcs)
        {
            SeedGrid.Report(ctx, nltcs, "mst", 1, seeds, new() { ["delta"] = 1e-9, ["noise"] = "seeded" }, (seed, real) => Fit(ml, nltcs, 1, seed, real));
        }
    }

    /// <summary>MST at <paramref name="epsilon"/>, δ = 1e-9, with noise seeded by <paramref name="seed"/> (reproducible figures).</summary>
    private static MstModel Fit(MLContext ml, MarginalTables tables, double epsilon, int seed, TabularData real) =>
        ml.Synthetic().Synthesizers.Mst(new MstOptions { Epsilon = epsilon, Delta = 1e-9, PublicCategories = tables.Categories(), NonPrivateReproducibleSeed = seed }).Fit(real);

    /// <summary>Continuous Adult's declared metadata (DP-TVAE's), plus public bin edges for the capital columns.</summary>
    private static MstOptions AdultOptions(double epsilon) => DeclareAdult(new MstOptions { Epsilon = epsilon, Delta = 1e-9 });

    /// <summary>Declares continuous Adult's public domain on a marginal synthesizer's options (MST's and AIM's): DP-TVAE's bounds and categories, and bin edges for the capital columns.</summary>
    internal static T DeclareAdult<T>(T options)
        where T : MarginalSynthesizerOptions
    {
        var declared = new DifferentialPrivacyOptions();
        DpTvaeBenchmarks.DeclareAdult(declared);
        options.PublicBounds = declared.PublicBounds;
        options.PublicCategories = declared.PublicCategories;
        options.PublicBinEdges["capital-gain"] = [0, 1, 2000, 4000, 6000, 8000, 10_000, 15_000, 20_000, 50_000, 99_999];
        options.PublicBinEdges["capital-loss"] = [0, 1, 1000, 1500, 2000, 2500, 3000, 5000];
        return options;
    }

    /// <summary>Each column's public cell per row, as the model bins it (so real and synthetic share one domain).</summary>
    private static (int[][] Codes, int[] Sizes) Binned(MstModel model, TabularData table)
    {
        var codes = new int[table.Columns.Count][];
        for (int c = 0; c < codes.Length; c++)
        {
            var column = table.Columns[c];
            if (column is CategoricalColumn categorical)
            {
                // Restate against the model's declared categories by name.
                var declared = model.TableSchema.Columns[c].Categories.Select((x, i) => (x, i)).ToDictionary(p => p.x, p => p.i);
                column = new CategoricalColumn(column.Name, [.. categorical.Codes.Select(k => k >= 0 && declared.TryGetValue(categorical.Categories[k], out int d) ? d : -1)], model.TableSchema.Columns[c].Categories);
            }

            codes[c] = model.Cells[c].Encode(column);
        }

        return (codes, [.. model.Cells.Select(x => x.Count)]);
    }
}
