using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Deep;
using Microsoft.ML.Synthetic.Tests.Constraints;

namespace Microsoft.ML.Synthetic.Benchmarks.Constraints;

/// <summary>
/// Constraints on two tables, each synthesizer fitted without them and with them under each handling (the default
/// <see cref="ConstraintHandling.Auto"/>, every rule <see cref="ConstraintHandling.Transform"/>ed, every rule by
/// <see cref="ConstraintHandling.Reject"/>ion). Adult (80/20 split, seed 42), from the dataset's documented facts:
/// education and education-num come in fixed pairs, ages lie in [17, 90], weekly hours in [1, 99], capital gains and
/// losses are ≥ 0 (education-num read as categorical throughout). The hotel bookings of the constraint tests (2,000
/// rows; one rule of each kind), on which the default was not tuned. The evaluation report of as many synthetic rows
/// as requested gives the constraint validity and the quality.
/// </summary>
public static class ConstraintBenchmarks
{
    private static readonly (string Figure, ConstraintHandling? Handling)[] Variants =
    [
        ("_unconstrained", null), ("", ConstraintHandling.Auto), ("_transform", ConstraintHandling.Transform), ("_reject", ConstraintHandling.Reject),
    ];

    /// <summary>
    /// <c>constraints.quality{variant}.{copula,arf,tvae}.{adult,bookings}</c>: SDMetrics' overall quality, with variant
    /// empty (default handling), <c>_transform</c>, <c>_reject</c> or <c>_unconstrained</c>;
    /// <c>constraints.validity{variant}.*</c>: the share of synthetic rows that follow every constraint;
    /// <c>constraints.acceptance{variant}.*</c>: the share of drawn rows that sampling kept. Fields: the rules the model
    /// transformed, and for each bounded column its most common training value with that value's share in the real
    /// and the synthetic rows (a spike the transform smears shows there).
    /// </summary>
    [Benchmark("constraints")]
    public static void Constraints(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var split = AdultSplit.Load(ml);
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal) { ["education-num"] = ColumnKind.Categorical };
        var c = ml.Synthetic().Constraints;
        TableConstraint[] Adult(ConstraintHandling h) =>
        [
            c.FixedCombinations(["education", "education-num"], h),
            c.ScalarRange("age", 17, 90, handling: h),
            c.ScalarRange("hours-per-week", 1, 99, handling: h),
            c.Positive("capital-gain", handling: h),
            c.Positive("capital-loss", handling: h),
        ];
        Run(ctx, ml, "adult", split.TrainSet, kinds, Adult, ctx.Quick ? 2000 : null, ctx.Quick ? 2 : 30);
        Run(ctx, ml, "bookings", HotelBookings.View(ml, 2000), new(StringComparer.Ordinal), h => HotelBookings.Constraints(ml, h), 2000, ctx.Quick ? 5 : 30);
    }

    private static void Run(BenchmarkContext ctx, MLContext ml, string table, IDataView data, Dictionary<string, ColumnKind> kinds,
        Func<ConstraintHandling, TableConstraint[]> rules, int? sampled, int epochs)
    {
        var plain = new TabularDataOptions { ColumnKinds = kinds };
        var train = TabularData.FromDataView(data, plain);
        int rows = sampled ?? train.RowCount;
        var scored = new TabularDataOptions { ColumnKinds = kinds, Constraints = rules(ConstraintHandling.Auto) };
        var synthesizers = new (string Name, Func<TabularDataOptions, IEstimator<ISynthesizerModel>> Create)[]
        {
            ("copula", o => ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { Seed = 1, DataOptions = o })),
            ("arf", o => ml.Synthetic().Synthesizers.Arf(new ArfOptions { Seed = 1, Threads = ctx.Threads, DataOptions = o })),
            ("tvae", o => ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Seed = 1, Epochs = epochs, Threads = ctx.Threads, DataOptions = o })),
        };
        foreach (var (name, create) in synthesizers)
        {
            if (!ctx.IsSelected($"constraints.quality.{name}.{table}") && !ctx.IsSelected($"constraints.validity.{name}.{table}"))
            {
                continue;
            }

            foreach (var (figure, handling) in Variants)
            {
                var options = handling is { } h ? new TabularDataOptions { ColumnKinds = kinds, Constraints = rules(h) } : plain;
                ISynthesizerModel? model = null;
                double seconds = ctx.Median(1, () => model = create(options).Fit(data));
                var sample = model!.SampleTable(rows, seed: 3);
                var evaluation = EvaluationOptions.QualityOnly(seed: 1);
                evaluation.ReadOptions = scored;
                var report = ml.Synthetic().Evaluation.Evaluate(train, sample, options: evaluation);
                var steps = ((SynthesizerModelBase)model).TableSteps;
                var extra = new Dictionary<string, object>
                {
                    ["rows"] = rows, ["train_rows"] = train.RowCount, ["fit_s"] = seconds, ["threads"] = name == "copula" ? 1 : ctx.Threads,
                    ["transformed"] = steps is null ? "" : string.Join("; ", steps.Steps.Select(s => s.Description)),
                    ["spikes"] = Spikes(train, sample, scored.Constraints!),
                };
                ctx.Report($"constraints.quality{figure}.{name}.{table}", report.OverallQuality, "score", extra);
                ctx.Report($"constraints.validity{figure}.{name}.{table}", report.Constraints!.Validity, "score",
                    new(extra) { ["per_constraint"] = string.Join("; ", report.Constraints.Constraints.Select(v => $"{v.Constraint}={v.SyntheticValidity:F4}")) });
                if (steps is not null)
                {
                    var (drawn, accepted) = steps.Draws;
                    ctx.Report($"constraints.acceptance{figure}.{name}.{table}", (double)accepted / drawn, "share", new(extra) { ["drawn"] = drawn, ["accepted"] = accepted });
                }
            }
        }
    }

    /// <summary>For each number column a rule reads: its most common training value, and that value's share in the real and the synthetic rows.</summary>
    private static string Spikes(TabularData real, TabularData synthetic, IEnumerable<TableConstraint> rules) =>
        string.Join("; ", rules.SelectMany(r => r.Columns).Distinct().Where(col => real[col] is ContinuousColumn).Select(col =>
        {
            var values = ((ContinuousColumn)real[col]).Values;
            double mode = values.Where(v => !double.IsNaN(v)).GroupBy(v => v).OrderByDescending(g => g.Count()).First().Key;
            double Share(double[] x) => x.Count(v => v == mode) / (double)x.Length;
            return $"{col}={mode}: real {Share(values):F3} synthetic {Share(((ContinuousColumn)synthetic[col]).Values):F3}";
        }));
}
