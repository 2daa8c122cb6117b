using Microsoft.ML;
using Microsoft.ML.Synthetic.Evaluation.Tests.EndToEnd;

namespace Microsoft.ML.Synthetic.Benchmarks.Mixed;

/// <summary>
/// Issue 15's mixed-type table (<see cref="MixedBookings"/>: a DateTime, a DateTimeOffset, a TimeSpan, an integer id,
/// an e-mail declared PII, a 3-level categorical, rate ≤ list rate, booked before arrival, a positive stay and real
/// city/country pairs), 20,000 rows (<c>--quick</c>: 2,000), declared through <see cref="TabularDataOptions.Metadata"/>
/// and <see cref="TabularDataOptions.Constraints"/>. Each synthesizer is fitted with default settings except the deep
/// models' epochs (TVAE 50, CTGAN 30, diffusion 100; <c>--quick</c>: 2 each), samples as many rows as it was trained
/// on (seed 3), and the evaluation report (quality only, seed 1) gives the figures.
/// </summary>
public static class MixedBenchmarks
{
    /// <summary>
    /// Per synthesizer (<c>copula</c>, <c>arf</c>, <c>tvae</c>, <c>ctgan</c>, <c>diffusion</c>):
    /// <c>mixed.quality.*</c> (SDMetrics' overall quality of the modelled columns), <c>mixed.validity.*</c> (share of
    /// synthetic rows following every constraint), <c>mixed.pii_copied.*</c> (synthetic e-mails equal to a training
    /// e-mail, ignoring case), <c>mixed.id_duplicates.*</c> (repeated synthetic ids), <c>mixed.fit.*</c> (seconds to fit).
    /// </summary>
    [Benchmark("mixed")]
    public static void Mixed(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        int rows = ctx.Quick ? 2_000 : 20_000;
        var data = MixedBookings.View(ml, rows);
        var options = MixedBookings.Options(ml);
        int tvaeEpochs = ctx.Quick ? 2 : 50, ctganEpochs = ctx.Quick ? 2 : 30, diffusionEpochs = ctx.Quick ? 2 : 100;
        var synthesizers = new (string Name, int? Epochs, int Threads, IEstimator<ISynthesizerModel> Estimator)[]
        {
            ("copula", null, 1, ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { Seed = 1, DataOptions = options })),
            ("arf", null, ctx.Threads, ml.Synthetic().Synthesizers.Arf(new ArfOptions { Seed = 1, Threads = ctx.Threads, DataOptions = options })),
            ("tvae", tvaeEpochs, ctx.Threads, ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Seed = 1, Epochs = tvaeEpochs, Threads = ctx.Threads, DataOptions = options })),
            ("ctgan", ctganEpochs, ctx.Threads, ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { Seed = 1, Epochs = ctganEpochs, Threads = ctx.Threads, DataOptions = options })),
            ("diffusion", diffusionEpochs, ctx.Threads, ml.Synthetic().Synthesizers.Diffusion(new DiffusionOptions { Seed = 1, Epochs = diffusionEpochs, Threads = ctx.Threads, DataOptions = options })),
        };
        foreach (var (name, epochs, threads, estimator) in synthesizers)
        {
            if (!new[] { "quality", "validity", "pii_copied", "id_duplicates", "fit" }.Any(f => ctx.IsSelected($"mixed.{f}.{name}")))
            {
                continue;
            }

            ISynthesizerModel? model = null;
            double seconds = ctx.Median(1, () => model = estimator.Fit(data));
            var evaluation = EvaluationOptions.QualityOnly(seed: 1);
            evaluation.ReadOptions = options;
            var report = ml.Synthetic().Evaluation.Evaluate(data, model!.Sample(rows, seed: 3), options: evaluation);
            var extra = new Dictionary<string, object> { ["rows"] = BenchmarkContext.CountRows(data), ["constraints"] = options.Constraints!.Count, ["threads"] = threads };
            if (epochs is { } e)
            {
                extra["epochs"] = e;
            }

            ctx.Report($"mixed.quality.{name}", report.OverallQuality, "score", extra);
            ctx.Report($"mixed.validity.{name}", report.Constraints!.Validity, "score",
                new(extra) { ["per_constraint"] = string.Join("; ", report.Constraints.Constraints.Select(v => $"{v.Constraint}={v.SyntheticValidity:F4}")) });
            ctx.Report($"mixed.pii_copied.{name}", report.Scores["metadata.pii_copied_from_training"], "count", extra);
            ctx.Report($"mixed.id_duplicates.{name}", report.Scores["metadata.identifier_duplicates"], "count", extra);
            ctx.Report($"mixed.fit.{name}", seconds, "s", extra);
        }
    }
}
