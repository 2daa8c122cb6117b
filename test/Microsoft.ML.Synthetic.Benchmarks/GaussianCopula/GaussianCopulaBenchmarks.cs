using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Benchmarks.GaussianCopula;

/// <summary>Fit and sampling speed of the Gaussian copula, and the memory of the table it reads Adult into.</summary>
public static class GaussianCopulaBenchmarks
{
    private static readonly string[] AdultColumns = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];
    private static readonly HashSet<string> AdultNumeric = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];

    /// <summary>Adult through ML.NET's text loader (numbers as Single, categories as text), as a user would load it.</summary>
    internal static IDataView LoadAdult(MLContext ml) =>
        ml.Data.LoadFromTextFile(BenchmarkContext.AdultPath,
            AdultColumns.Select((name, i) => new TextLoader.Column(name, AdultNumeric.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray(),
            separatorChar: ',', hasHeader: true);

    /// <summary>
    /// <c>copula.fit.adult</c>: seconds to fit on all 32,561 Adult rows from the text loader's IDataView (reading the
    /// file into the table included). <c>copula.sample.1m</c>: rows per second streamed through an ML.NET cursor that
    /// reads every column of 1,000,000 sampled rows. <c>copula.peak_memory</c>: the group's peak working set.
    /// </summary>
    [Benchmark("copula")]
    public static void Copula(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var adult = LoadAdult(ml);
        var estimator = ml.Synthetic().Synthesizers.GaussianCopula(seed: 7);
        GaussianCopulaModel model = estimator.Fit(adult);   // warm-up: JIT
        var table = TabularData.FromDataView(adult);
        double readSeconds = ctx.Median(ctx.Quick ? 1 : 7, () => table = TabularData.FromDataView(adult));
        double tableFitSeconds = ctx.Median(ctx.Quick ? 1 : 7, () => model = estimator.Fit(table));
        int fitRuns = ctx.Quick ? 1 : 7;
        var cpuBefore = CpuSeconds();
        double fitSeconds = ctx.Median(fitRuns, () => model = estimator.Fit(adult));
        double fitCpu = (CpuSeconds() - cpuBefore) / fitRuns;
        ctx.Report("copula.fit.adult", fitSeconds, "s", new()
        {
            ["rows"] = table.RowCount,
            ["columns"] = table.Columns.Count,
            ["read_s"] = Math.Round(readSeconds, 4),
            ["fit_from_table_s"] = Math.Round(tableFitSeconds, 4),
            ["cpu_s_per_run"] = Math.Round(fitCpu, 4),
            ["target_s"] = 0.5,
            ["threads"] = 1,   // the copula fits on the calling thread
        });

        long rows = ctx.Quick ? 100_000 : 1_000_000;
        long checksum = 0;
        SampleReader.ReadAll(model.Sample(ctx.Quick ? 50_000 : 300_000, seed: 1), ref checksum);   // warm-up: tiered JIT
        // Generation alone, block by block (without the cursor): what the streamed figure pays for the copula itself.
        int blocks = (int)(rows / SynthesizerModelBase.DefaultBlockSize);
        double generateSeconds = ctx.Median(ctx.Quick ? 1 : 5, () =>
        {
            for (int b = 0; b < blocks; b++)
            {
                model.SampleTable(SynthesizerModelBase.DefaultBlockSize, null, b);
            }
        });
        int sampleRuns = ctx.Quick ? 1 : 5;
        cpuBefore = CpuSeconds();
        double sampleSeconds = ctx.Median(sampleRuns, () => SampleReader.ReadAll(model.Sample(rows, seed: 3), ref checksum));
        double sampleCpu = (CpuSeconds() - cpuBefore) / sampleRuns;
        ctx.Report("copula.sample.1m", rows / sampleSeconds, "rows/s", new()
        {
            ["rows"] = rows,
            ["columns"] = table.Columns.Count,
            ["rows_per_cpu_s"] = Math.Round(rows / sampleCpu),
            ["generate_only_rows_per_s"] = Math.Round(blocks * SynthesizerModelBase.DefaultBlockSize / generateSeconds),
            ["target_rows_per_s"] = 500_000,
            ["threads"] = 1,   // one cursor; blocks generated on the cursor's thread
        });
        if (checksum == 0)
        {
            throw new InvalidOperationException("the sample had no values");
        }

        ctx.ReportPeakMemory("copula.peak_memory");
    }

    /// <summary>
    /// <c>copula.sample_table.1m</c>: rows per second of <see cref="SynthesizerModelBase.SampleTable"/> building one
    /// in-memory table of 1,000,000 rows (every synthesizer's in-memory path: blocks generated, then joined).
    /// </summary>
    [Benchmark("copula.sample_table")]
    public static void CopulaSampleTable(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.GaussianCopula(seed: 7).Fit(LoadAdult(ml));
        int rows = ctx.Quick ? 100_000 : 1_000_000;
        model.SampleTable(rows / 10, null, 0);   // warm-up: JIT
        long total = 0;
        double seconds = ctx.Median(ctx.Quick ? 1 : 5, () => total += model.SampleTable(rows, null, 1).RowCount);
        ctx.Report("copula.sample_table.1m", rows / seconds, "rows/s", new() { ["rows"] = rows, ["columns"] = model.TableSchema.Columns.Count, ["threads"] = 1 });
    }

    /// <summary>CPU seconds used by the process so far: on a loaded machine, wall-clock figures overstate the work.</summary>
    private static double CpuSeconds()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>
    /// <c>table.memory.adult</c>: managed memory (MiB) held by Adult read into a <see cref="TabularData"/>, measured as the
    /// growth of the collected heap, against the size of the CSV file (the target: at most 2× the raw size).
    /// </summary>
    [Benchmark("table")]
    public static void TableMemory(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var adult = LoadAdult(ml);
        _ = TabularData.FromDataView(adult);   // warm-up: JIT and loader caches
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var table = TabularData.FromDataView(adult);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        double mib = (after - before) / (1024.0 * 1024.0);
        double raw = new FileInfo(BenchmarkContext.AdultPath).Length / (1024.0 * 1024.0);
        ctx.Report("table.memory.adult", mib, "MiB", new()
        {
            ["rows"] = table.RowCount,
            ["raw_csv_mib"] = Math.Round(raw, 3),
            ["ratio_to_raw"] = Math.Round(mib / raw, 3),
            ["column_arrays_mib"] = Math.Round(table.ColumnMemoryBytes() / (1024.0 * 1024.0), 3),
            ["target_ratio"] = 2,
            ["threads"] = 1,   // the table is read on one thread
        });
        GC.KeepAlive(table);
    }
}
