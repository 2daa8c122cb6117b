using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Deep;

namespace Microsoft.ML.Synthetic.Benchmarks.Constraints;

/// <summary>
/// Constraints on Adult (80/20 split, seed 42), from the dataset's documented facts: education and education-num come
/// in fixed pairs (one number per education level), ages lie in [17, 90], weekly hours in [1, 99], capital gains and
/// losses are ≥ 0. Each synthesizer is fitted with and without the constraints (education-num read as categorical in
/// both) and the evaluation report of as many synthetic rows as the training split has gives the constraint validity
/// and the quality.
/// </summary>
public static class ConstraintBenchmarks
{
    /// <summary>
    /// <c>constraints.validity.{copula,arf,tvae}.adult</c>: the share of synthetic rows that follow every constraint
    /// when fitted with them (1 by construction); <c>constraints.validity_unconstrained.*</c>: the same share when
    /// fitted without them; <c>constraints.quality.*</c> and <c>constraints.quality_unconstrained.*</c>: SDMetrics'
    /// overall quality of both; <c>constraints.fit.*</c>: seconds to fit with the constraints.
    /// </summary>
    [Benchmark("constraints")]
    public static void Constraints(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var split = AdultSplit.Load(ml);
        var c = ml.Synthetic().Constraints;
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal) { ["education-num"] = ColumnKind.Categorical };
        var constrained = new TabularDataOptions
        {
            ColumnKinds = kinds,
            Constraints =
            [
                c.FixedCombinations("education", "education-num"),
                c.ScalarRange("age", 17, 90),
                c.ScalarRange("hours-per-week", 1, 99),
                c.Positive("capital-gain"),
                c.Positive("capital-loss"),
            ],
        };
        var plain = new TabularDataOptions { ColumnKinds = kinds };
        var train = TabularData.FromDataView(split.TrainSet, plain);
        int epochs = ctx.Quick ? 2 : 30;
        var synthesizers = new (string Name, Func<TabularDataOptions, IEstimator<ISynthesizerModel>> Create)[]
        {
            ("copula", o => ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { Seed = 1, DataOptions = o })),
            ("arf", o => ml.Synthetic().Synthesizers.Arf(new ArfOptions { Seed = 1, Threads = ctx.Threads, DataOptions = o })),
            ("tvae", o => ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Seed = 1, Epochs = epochs, Threads = ctx.Threads, DataOptions = o })),
        };
        int rows = ctx.Quick ? 2000 : train.RowCount;
        foreach (var (name, create) in synthesizers)
        {
            if (!ctx.IsSelected($"constraints.validity.{name}") && !ctx.IsSelected($"constraints.validity_unconstrained.{name}")
                && !ctx.IsSelected($"constraints.quality") && !ctx.IsSelected($"constraints.fit.{name}"))
            {
                continue;
            }

            ISynthesizerModel? model = null;
            double seconds = ctx.Median(1, () => model = create(constrained).Fit(split.TrainSet));
            var unconstrained = create(plain).Fit(split.TrainSet);
            var extra = new Dictionary<string, object> { ["rows"] = rows, ["constraints"] = constrained.Constraints!.Count, ["threads"] = name == "copula" ? 1 : ctx.Threads };
            ctx.Report($"constraints.fit.{name}.adult", seconds, "s", new(extra) { ["train_rows"] = train.RowCount });
            foreach (var (figure, fitted) in new[] { ("", model!), ("_unconstrained", unconstrained) })
            {
                var options = EvaluationOptions.QualityOnly(seed: 1);
                options.ReadOptions = constrained;
                var report = ml.Synthetic().Evaluation.Evaluate(train, fitted.SampleTable(rows, seed: 3), options: options);
                ctx.Report($"constraints.validity{figure}.{name}.adult", report.Constraints!.Validity, "score",
                    new(extra) { ["per_constraint"] = string.Join("; ", report.Constraints.Constraints.Select(v => $"{v.Constraint}={v.SyntheticValidity:F4}")) });
                ctx.Report($"constraints.quality{figure}.{name}.adult", report.OverallQuality, "score", extra);
            }
        }
    }
}
