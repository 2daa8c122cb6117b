using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Benchmarks.Deep;
using Microsoft.ML.Synthetic.Benchmarks.Privacy;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Benchmarks.Mst;

/// <summary>
/// MST (McKenna, Miklau &amp; Sheldon 2021) on Adult. Continuous Adult (80/20 split, seed 42, DP-TVAE's declared
/// bounds and categories, declared bin edges for the capital columns) at ε = 1 and 10, δ = 1e-9:
/// <c>mst.fit.adult.eps1</c> (seconds), <c>mst.quality.adult.eps1</c>, <c>mst.tstr_auc.adult.eps1</c> and
/// <c>mst.workload_error.adult_binned.eps1</c> (2-way workload error on MST's own public cells). Discretized Adult
/// (<c>shared/data/discrete/adult.csv</c> with its domain file, the published input): <c>mst.workload_error.adult.eps1</c>
/// (mean over all 2-way marginals of ½‖X/ΣX − Y/ΣY‖₁, real against as many synthetic rows) and
/// <c>mst.workload_error_3way.adult.eps1</c> (all 3-way marginals), with the fit seconds as a field.
/// </summary>
public static class MstBenchmarks
{
    private static readonly double[] Epsilons = [1, 10];

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
            if (!new[] { "fit", "quality", "tstr_auc", "workload_error" }.Any(f => ctx.IsSelected($"mst.{f}.adult")))
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
            ctx.Report($"mst.workload_error.adult_binned.{name}", WorkloadError(Binned(model, train), Binned(model, synthetic), 2), "abs_diff", new() { ["marginals"] = Choose(train.Columns.Count, 2) });
            DeepQuality.Report(ctx, "mst", ml, split, model, 0, seconds, "." + name);
        }
    }

    private static void Discrete(BenchmarkContext ctx)
    {
        if (!ctx.IsSelected("mst.workload_error"))
        {
            return;
        }

        if (FindShared("data/discrete/adult.csv") is not { } path)
        {
            Console.Error.WriteLine("mst: shared/data/discrete/adult.csv not found above the working directory; skipping the discretized Adult figures.");
            return;
        }

        var domain = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(Path.GetDirectoryName(path)!, "adult-domain.json")))!;
        var names = File.ReadLines(path).First().Split(',');
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromTextFile(path, [.. names.Select((n, i) => new TextLoader.Column(n, DataKind.String, i))], separatorChar: ',', hasHeader: true);
        var real = TabularData.FromDataView(view);
        foreach (var epsilon in Epsilons)
        {
            string name = $"eps{epsilon:0.#}".Replace('.', 'p');
            var options = new MstOptions { Epsilon = epsilon, Delta = 1e-9 };
            foreach (var column in names)
            {
                options.PublicCategories[column] = [.. Enumerable.Range(0, domain[column]).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            }

            var watch = Stopwatch.StartNew();
            var model = ml.Synthetic().Synthesizers.Mst(options).Fit(real);
            double seconds = watch.Elapsed.TotalSeconds;
            var synthetic = model.SampleTable(real.RowCount, seed: 7);
            int[] sizes = [.. names.Select(n => domain[n])];
            var a = Codes(real, sizes);
            var b = Codes(synthetic, sizes);
            var fields = new Dictionary<string, object> { ["fit_s"] = Math.Round(seconds, 2), ["rows"] = real.RowCount, ["delta"] = 1e-9, ["seeds"] = 1 };
            ctx.Report($"mst.workload_error.adult.{name}", WorkloadError(a, b, 2), "abs_diff", new(fields) { ["marginals"] = Choose(names.Length, 2) });
            ctx.Report($"mst.workload_error_3way.adult.{name}", WorkloadError(a, b, 3), "abs_diff", new(fields) { ["marginals"] = Choose(names.Length, 3) });
        }
    }

    /// <summary>Continuous Adult's declared metadata (DP-TVAE's), plus public bin edges for the capital columns.</summary>
    private static MstOptions AdultOptions(double epsilon)
    {
        var declared = new DifferentialPrivacyOptions();
        DpTvaeBenchmarks.DeclareAdult(declared);
        var options = new MstOptions { Epsilon = epsilon, Delta = 1e-9, PublicBounds = declared.PublicBounds, PublicCategories = declared.PublicCategories };
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

    /// <summary>Category codes of categorical tables, mapped to the integers their names spell; a missing value to one more cell.</summary>
    private static (int[][] Codes, int[] Sizes) Codes(TabularData table, int[] sizes)
    {
        var codes = table.Columns.Select((column, c) => ((CategoricalColumn)column).Codes.Select(k => k < 0 ? sizes[c] : int.Parse(((CategoricalColumn)column).Categories[k], System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (codes, [.. sizes.Select(s => s + 1)]);
    }

    /// <summary>Mean over all k-way marginals of ½‖X/ΣX − Y/ΣY‖₁ (the published workload error).</summary>
    internal static double WorkloadError((int[][] Codes, int[] Sizes) real, (int[][] Codes, int[] Sizes) synthetic, int k)
    {
        int p = real.Codes.Length;
        var sizes = real.Sizes.Zip(synthetic.Sizes, Math.Max).ToArray();
        var subsets = Subsets(p, k).ToList();
        double total = 0;
        foreach (var subset in subsets)
        {
            var x = Counts(real.Codes, sizes, subset);
            var y = Counts(synthetic.Codes, sizes, subset);
            double sx = x.Sum(), sy = y.Sum(), l1 = 0;
            for (int i = 0; i < x.Length; i++)
            {
                l1 += Math.Abs((x[i] / sx) - (y[i] / sy));
            }

            total += l1 / 2;
        }

        return total / subsets.Count;
    }

    private static double[] Counts(int[][] codes, int[] sizes, int[] subset)
    {
        var counts = new double[subset.Aggregate(1, (s, c) => s * sizes[c])];
        for (int r = 0; r < codes[0].Length; r++)
        {
            int index = 0;
            foreach (var c in subset)
            {
                index = (index * sizes[c]) + codes[c][r];
            }

            counts[index]++;
        }

        return counts;
    }

    private static IEnumerable<int[]> Subsets(int p, int k) =>
        k == 0 ? [[]] : Enumerable.Range(0, p).SelectMany(first => Subsets(p, k - 1).Where(rest => rest.All(r => r > first)).Select(rest => (int[])[first, .. rest]));

    private static int Choose(int n, int k) => Subsets(n, k).Count();

    private static string? FindShared(string relative)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
