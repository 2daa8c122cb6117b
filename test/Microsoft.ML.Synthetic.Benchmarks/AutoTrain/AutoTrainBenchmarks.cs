using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.AutoTrain;

namespace Microsoft.ML.Synthetic.Benchmarks.AutoTrain;

/// <summary>
/// AutoTrain on Adult: 80/20 split (seed 42), 5-fold search on the 80 % under a wall-clock budget, AUC of the
/// returned chain on the real 20 % holdout. One run per budget (a run is the budget itself).
/// </summary>
public static class AutoTrainBenchmarks
{
    private static readonly string[] Continuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
    private static readonly string[] Categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];
    private static readonly string[] FileOrder = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];

    /// <summary>
    /// <c>autotrain.auc.adult.60s</c>, <c>autotrain.auc.adult.120s</c>: holdout AUC (fields: trials completed, CV AUC
    /// of the best trial, best trainer, seconds); <c>autotrain.overhead.adult.60s</c> / <c>.120s</c>: mean seconds per
    /// trial outside the trainers' Fit calls (scoring the held-out folds and the search itself).
    /// </summary>
    [Benchmark("autotrain")]
    public static void Adult(BenchmarkContext ctx)
    {
        foreach (int budget in new[] { 60, 120 })
        {
            string suffix = budget.ToString(CultureInfo.InvariantCulture) + "s";
            if (!ctx.IsSelected($"autotrain.auc.adult.{suffix}") && !ctx.IsSelected($"autotrain.overhead.adult.{suffix}")) continue;
            double seconds = ctx.Quick ? budget / 6.0 : budget;
            var ml = new MLContext(seed: 42);
            var data = LoadAdult(ml);
            var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 42);
            var train = ctx.Quick ? ml.Data.TakeRows(split.TrainSet, 6000) : split.TrainSet;
            var options = new AutoTrainOptions { MaxSeconds = seconds, Folds = 5, Seed = 42 };   // trainer threads: LightGbm 1, FastTree/FastForest their default
            var model = ml.Synthetic().AutoTrain.BinaryClassification(Prefix(ml), "Label", options).Fit(train);
            double auc = ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(split.TestSet), "Label").AreaUnderRocCurve;
            var board = model.Leaderboard;
            Console.Error.WriteLine($"# budget {seconds} s: {board.Count} trials, elapsed {model.Elapsed.TotalSeconds:F1} s\n{board}");
            double overhead = board.Average(t => t.Seconds - t.TrainerSeconds);
            ctx.Report($"autotrain.auc.adult.{suffix}", auc, "auc", new()
            {
                ["trials"] = board.Count,
                ["cv_auc"] = Math.Round(model.BestTrial.MetricMean, 4),
                ["cv_auc_sd"] = Math.Round(model.BestTrial.MetricStandardDeviation, 4),
                ["best_trainer"] = model.BestTrial.Trainer,
                ["budget_s"] = seconds,
                ["elapsed_s"] = Math.Round(model.Elapsed.TotalSeconds, 2),
                ["folds"] = 5,
                ["rows"] = BenchmarkContext.CountRows(train),
                ["holdout_rows"] = BenchmarkContext.CountRows(split.TestSet),
                ["runs"] = 1,
                // AutoTrain runs trials and folds one after another; LightGbm with 1 thread, FastTree/FastForest
                // with ML.NET's default (every processor), so the most threads a trial uses is the processor count.
                ["threads"] = Environment.ProcessorCount,
                ["threads_note"] = "trials sequential; LightGbm 1 thread, FastTree/FastForest ML.NET default (all processors)",
            });
            ctx.Report($"autotrain.overhead.adult.{suffix}", overhead, "s", new()
            {
                ["what"] = "mean seconds per trial outside trainer Fit (5 folds)",
                ["trials"] = board.Count,
                ["trial_s_mean"] = Math.Round(board.Average(t => t.Seconds), 3),
                ["prefix_refit_s_all_folds"] = Math.Round(model.FoldPreparationSeconds, 2),
                ["final_refit_s"] = Math.Round(model.FinalFitSeconds, 2),
                ["rows"] = BenchmarkContext.CountRows(train),
                ["runs"] = 1,
                ["threads"] = Environment.ProcessorCount,
                ["threads_note"] = "trials sequential; LightGbm 1 thread, FastTree/FastForest ML.NET default (all processors)",
            });
        }
    }

    private static IDataView LoadAdult(MLContext ml)
    {
        var columns = FileOrder.Select((name, i) => new TextLoader.Column(name, Continuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
        return ml.Data.Cache(ml.Data.LoadFromTextFile(BenchmarkContext.AdultPath, columns, separatorChar: ',', hasHeader: true));
    }

    private static IEstimator<ITransformer> Prefix(MLContext ml)
    {
        KeyValuePair<string, bool>[] income = [new(">50K", true), new(" >50K", true), new("<=50K", false), new(" <=50K", false)];
        return ml.Transforms.Conversion.MapValue("Label", income, "income")
            .Append(ml.Transforms.Categorical.OneHotEncoding(Categorical.Select(c => new InputOutputColumnPair(c + "_oh", c)).ToArray()))
            .Append(ml.Transforms.Concatenate("Features", Continuous.Concat(Categorical.Select(c => c + "_oh")).ToArray()));
    }
}
