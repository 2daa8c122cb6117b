using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Oversampling;

namespace Microsoft.ML.Synthetic.Benchmarks.Oversampling;

/// <summary>
/// Oversampling speed (issue 4): seconds for <c>Resample</c> — read the rows, search neighbours, generate — on a
/// 200,000 × 20 numeric set with a 5 % minority and on Adult's training split; the counts are checked against
/// imbalanced-learn's rule before a figure is printed. Reference (imbalanced-learn 0.10, this machine, median of 3):
/// SMOTE 0.32 s, Borderline-SMOTE 4.83 s, ADASYN 4.57 s, SMOTE-NC on Adult 4.19 s.
/// </summary>
public static class OversamplingBenchmarks
{
    /// <summary>Columns F0..F19 (Single) and a Boolean Label; every 20th row positive, shifted by 1 on F0..F4.</summary>
    internal static IDataView Wide(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[20][];
        for (int j = 0; j < 20; j++)
        {
            values[j] = new double[n];
        }

        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 20 == 0 ? 1 : 0;
            for (int j = 0; j < 20; j++)
            {
                double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                values[j][i] = (float)(normal + (labels[i] == 1 && j < 5 ? 1 : 0));
            }
        }

        var infos = new List<TableColumnInfo>();
        var columns = new List<TableColumn>();
        for (int j = 0; j < 20; j++)
        {
            infos.Add(new TableColumnInfo($"F{j}", ColumnKind.Continuous, NumberDataViewType.Single, false, [], values[j].Min(), values[j].Max(), null, null));
            columns.Add(new ContinuousColumn($"F{j}", values[j], false));
        }

        string[] categories = [bool.FalseString, bool.TrueString];
        infos.Add(new TableColumnInfo("Label", ColumnKind.Categorical, BooleanDataViewType.Instance, false, categories, double.NaN, double.NaN, null, null));
        columns.Add(new CategoricalColumn("Label", labels, categories));
        return new TabularData(new TabularSchema(infos), columns).ToDataView();
    }

    private static void Run(BenchmarkContext ctx, string figure, Oversampler oversampler, IDataView data, string label, Action<AugmentedDataView> check)
    {
        var ml = new MLContext(1);
        var stage = ml.Synthetic().Oversample(label, oversampler, seed: 1);
        check(stage.Resample(data));   // warm-up (JIT) and the count check
        AugmentedDataView? last = null;
        double seconds = ctx.Median(ctx.Quick ? 1 : 5, () => last = stage.Resample(data));
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        ctx.Report(figure, seconds, "s", new()
        {
            ["rows"] = last!.RealRowCount,
            ["new_rows"] = last.SyntheticRowCount,
            ["peak_mib"] = Math.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0), 1),
        });
        ctx.ReportPeakMemory(figure + ".peak_memory");
    }

    private static (int Minority, int Majority) Counts(IDataView data)
    {
        var table = TabularData.FromDataView(data, new TabularDataOptions { ColumnKinds = { ["Label"] = ColumnKind.Categorical } });
        var counts = ((CategoricalColumn)table["Label"]).CountByCategory();
        return (counts.Min(), counts.Max());
    }

    private static void Balanced(AugmentedDataView rows, string method)
    {
        var (minority, majority) = Counts(rows);
        if (minority != majority)
        {
            throw new InvalidOperationException($"{method}: classes after resampling are {minority} and {majority}; the rule says equal.");
        }
    }

    /// <summary><c>smote.200k</c>: SMOTE (k = 5) on 200,000 × 20 with 10,000 positives.</summary>
    [Benchmark("smote.200k")]
    public static void Smote200k(BenchmarkContext ctx)
    {
        var data = Wide(ctx.Quick ? 20_000 : 200_000, 1);
        Run(ctx, "smote.200k", new Smote(new SmoteOptions { MaxThreads = ctx.Threads }), data, "Label", rows => Balanced(rows, "SMOTE"));
    }

    /// <summary><c>borderline_smote.200k</c>: Borderline-SMOTE1 (k = 5, m = 10) on the same set.</summary>
    [Benchmark("borderline_smote.200k")]
    public static void BorderlineSmote200k(BenchmarkContext ctx)
    {
        var data = Wide(ctx.Quick ? 20_000 : 200_000, 1);
        Run(ctx, "borderline_smote.200k", new BorderlineSmote(new BorderlineSmoteOptions { MaxThreads = ctx.Threads }), data, "Label", rows => Balanced(rows, "Borderline-SMOTE"));
    }

    /// <summary><c>adasyn.200k</c>: ADASYN (n_neighbors = 5) on the same set; total within rounding of the strategy.</summary>
    [Benchmark("adasyn.200k")]
    public static void Adasyn200k(BenchmarkContext ctx)
    {
        var data = Wide(ctx.Quick ? 20_000 : 200_000, 1);
        var (minority, majority) = Counts(data);
        Run(ctx, "adasyn.200k", new Adasyn(new SmoteOptions { MaxThreads = ctx.Threads }), data, "Label", rows =>
        {
            long target = majority - minority;
            if (Math.Abs(rows.SyntheticRowCount - target) > minority / 2)
            {
                throw new InvalidOperationException($"ADASYN made {rows.SyntheticRowCount} rows; Σ rint(r_i/Σr × {target}) cannot differ from {target} by more than {minority / 2}.");
            }
        });
    }

    /// <summary><c>smote_nc.adult</c>: SMOTE-NC (k = 5) on Adult's training split (80 %, seed 42), label income.</summary>
    [Benchmark("smote_nc.adult")]
    public static void SmoteNcAdult(BenchmarkContext ctx)
    {
        var ml = new MLContext(1);
        string[] continuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
        string[] order = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];
        var adult = ml.Data.LoadFromTextFile(BenchmarkContext.AdultPath,
            order.Select((name, i) => new TextLoader.Column(name, continuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray(),
            separatorChar: ',', hasHeader: true);
        var train = ml.Data.TrainTestSplit(adult, testFraction: 0.2, seed: 42).TrainSet;
        if (ctx.Quick)
        {
            train = ml.Data.TakeRows(train, 5000);
        }

        var table = TabularData.FromDataView(train);
        var data = table.ToDataView();
        Run(ctx, "smote_nc.adult", new SmoteNc(new SmoteOptions { MaxThreads = ctx.Threads }), data, "income", rows =>
        {
            var after = TabularData.FromDataView(rows);
            var counts = ((CategoricalColumn)after["income"]).CountByCategory();
            if (counts.Min() != counts.Max())
            {
                throw new InvalidOperationException($"SMOTE-NC: income classes after resampling are {string.Join(", ", counts)}; the rule says equal.");
            }
        });
    }
}
