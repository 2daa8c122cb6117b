using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Benchmarks.Mst;

/// <summary>
/// The discrete tables of the marginal synthesizers' figures (MST, AIM) and the published workload error. Each
/// column is read as whole numbers and declared categorical with the categories 0..k − 1 of its public domain, so the
/// synthesizers see exactly the reference's domain (no extra "missing" cell: an integer column cannot hold one).
/// </summary>
internal sealed record MarginalTables(string Name, TabularData Real, string[] Names, int[] Sizes)
{
    /// <summary><c>shared/data/discrete/adult.csv</c> with its domain file, or null (with a note) when not found.</summary>
    public static MarginalTables? Adult(MLContext ml)
    {
        if (FindShared("data/discrete/adult.csv") is not { } path)
        {
            Console.Error.WriteLine("shared/data/discrete/adult.csv not found above the working directory; skipping the discretized Adult figures.");
            return null;
        }

        var domain = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(Path.GetDirectoryName(path)!, "adult-domain.json")))!;
        var names = File.ReadLines(path).First().Split(',');
        return Load(ml, "adult", path, names, [.. names.Select(n => domain[n])], ',', hasHeader: true);
    }

    /// <summary><c>shared/data/nltcs.dat</c>: 16 binary columns, tab-separated, no header; or null when not found.</summary>
    public static MarginalTables? Nltcs(MLContext ml)
    {
        if (FindShared("data/nltcs.dat") is not { } path)
        {
            Console.Error.WriteLine("shared/data/nltcs.dat not found above the working directory; skipping the NLTCS figures.");
            return null;
        }

        var names = Enumerable.Range(0, 16).Select(i => $"c{i}").ToArray();
        return Load(ml, "nltcs", path, names, [.. names.Select(_ => 2)], '\t', hasHeader: false);
    }

    /// <summary>The declared categories "0".."k − 1" of every column.</summary>
    public IDictionary<string, IReadOnlyList<string>> Categories() =>
        Names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => (IReadOnlyList<string>)[.. Enumerable.Range(0, Sizes[x.i]).Select(k => k.ToString(CultureInfo.InvariantCulture))]);

    /// <summary>Mean over all k-way marginals of ½‖X/ΣX − Y/ΣY‖₁ between the real rows and <paramref name="synthetic"/>.</summary>
    public double WorkloadError(TabularData synthetic, int k) => Workload.Error(Codes(Real), Codes(synthetic), Sizes, k);

    /// <summary>Fits with <paramref name="fit"/>, samples as many rows as the real table (seed 7) and reports the 2- and 3-way errors with wall and CPU seconds of the fit.</summary>
    public (double TwoWay, double ThreeWay, double Seconds, double CpuSeconds) Measure(Func<TabularData, ISynthesizerModel> fit)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var model = fit(Real);
        double seconds = watch.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var synthetic = model.SampleTable(Real.RowCount, seed: 7);
        return (WorkloadError(synthetic, 2), WorkloadError(synthetic, 3), seconds, cpuSeconds);
    }

    /// <summary>Category codes mapped to the integers their names spell.</summary>
    private static int[][] Codes(TabularData table) =>
        [.. table.Columns.Select(column => ((CategoricalColumn)column).Codes.Select(k => int.Parse(((CategoricalColumn)column).Categories[k], CultureInfo.InvariantCulture)).ToArray())];

    private static MarginalTables Load(MLContext ml, string name, string path, string[] names, int[] sizes, char separator, bool hasHeader)
    {
        var view = ml.Data.LoadFromTextFile(path, [.. names.Select((n, i) => new TextLoader.Column(n, DataKind.Int32, i))], separatorChar: separator, hasHeader: hasHeader);
        var kinds = names.ToDictionary(n => n, _ => ColumnKind.Categorical);
        var real = TabularData.FromDataView(view, new TabularDataOptions { ColumnKinds = kinds });
        return new MarginalTables(name, real, names, sizes);
    }

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

/// <summary>Fits one synthesizer with several noise seeds and reports the median workload errors with their spread.</summary>
internal static class SeedGrid
{
    /// <summary>
    /// Runs <paramref name="fit"/> (given the seed) <paramref name="seeds"/> times on <paramref name="tables"/> when
    /// <c>{synth}.workload_error.{table}.{eps}</c> or its <c>_3way</c> twin is selected, and reports both: the median
    /// with <c>min</c>, <c>max</c>, <c>seeds_values</c>, and the median fit wall and CPU seconds.
    /// </summary>
    public static void Report(BenchmarkContext ctx, MarginalTables tables, string synth, double epsilon, int seeds, Dictionary<string, object> fields, Func<int, TabularData, ISynthesizerModel> fit)
    {
        string eps = $"eps{epsilon.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}".Replace('.', 'p');
        string two = $"{synth}.workload_error.{tables.Name}.{eps}", three = $"{synth}.workload_error_3way.{tables.Name}.{eps}";
        if (!ctx.IsSelected(two) && !ctx.IsSelected(three))
        {
            return;
        }

        var runs = new List<(double TwoWay, double ThreeWay, double Seconds, double CpuSeconds)>();
        for (int seed = 1; seed <= seeds; seed++)
        {
            int s = seed;
            runs.Add(tables.Measure(real => fit(s, real)));
            Console.Error.WriteLine($"{synth} {tables.Name} {eps} seed {s}: 2-way {runs[^1].TwoWay:F4}, 3-way {runs[^1].ThreeWay:F4}, fit {runs[^1].Seconds:F1} s ({runs[^1].CpuSeconds:F1} CPU s)");
        }

        var common = new Dictionary<string, object>(fields)
        {
            ["rows"] = tables.Real.RowCount,
            ["seeds"] = seeds,
            ["fit_s"] = Math.Round(Median(runs.Select(r => r.Seconds)), 2),
            ["cpu_s"] = Math.Round(Median(runs.Select(r => r.CpuSeconds)), 2),
            ["fit_s_values"] = string.Join(",", runs.Select(r => r.Seconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))),
        };
        ReportMedian(ctx, two, [.. runs.Select(r => r.TwoWay)], new(common) { ["marginals"] = Workload.Count(tables.Names.Length, 2) });
        ReportMedian(ctx, three, [.. runs.Select(r => r.ThreeWay)], new(common) { ["marginals"] = Workload.Count(tables.Names.Length, 3) });
    }

    private static void ReportMedian(BenchmarkContext ctx, string name, double[] values, Dictionary<string, object> fields)
    {
        fields["min"] = Math.Round(values.Min(), 4);
        fields["max"] = Math.Round(values.Max(), 4);
        fields["seeds_values"] = string.Join(",", values.Select(v => v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)));
        ctx.Report(name, Median(values), "abs_diff", fields);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
