// AutoTrain on Adult, the mission's chain end to end:
//   oversample the minority class (train-only) → map the label → one-hot → features → AutoTrain (5-fold, leak-free)
// then print the leaderboard, the cross-validated AUC with and without the train-only stage, the AUC on a real
// holdout, and check the saved model scores the same after loading.
//
//   dotnet run -c Release --project examples/AutoTrainAdult -- [seconds]      (default 60)
using System.Globalization;
using AutoTrainAdult;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic;
using Microsoft.ML.Synthetic.AutoTrain;

double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 60;
string[] continuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
string[] categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];
string[] fileOrder = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];

var ml = new MLContext(seed: 42);
var columns = fileOrder.Select((name, i) => new TextLoader.Column(name, continuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
IDataView adult = ml.Data.LoadFromTextFile(Path.Combine(AppContext.BaseDirectory, "data", "adult.csv"), columns, separatorChar: ',', hasHeader: true);
var split = ml.Data.TrainTestSplit(adult, testFraction: 0.2, seed: 42);
var synthetic = ml.Synthetic();

KeyValuePair<string, bool>[] income = [new(">50K", true), new(" >50K", true), new("<=50K", false), new(" <=50K", false)];
var prefix = new MinorityOversampler(ml, "income", seed: 7)                     // train-only: refitted inside every fold
    .Append(ml.Transforms.Conversion.MapValue("Label", income, "income"))
    .Append(ml.Transforms.Categorical.OneHotEncoding(categorical.Select(c => new InputOutputColumnPair(c + "_oh", c)).ToArray()))
    .Append(ml.Transforms.Concatenate("Features", continuous.Concat(categorical.Select(c => c + "_oh")).ToArray()));

var options = new AutoTrainOptions
{
    MaxSeconds = seconds,
    Folds = 5,
    Seed = 42,
    ReportRealOnlyScore = true,
    Progress = new Progress<AutoTrainProgress>(p =>
    {
        if (p.LastTrial is { } t)
            Console.WriteLine($"  [{p.Elapsed.TotalSeconds,5:F1} s] trial {t.Index,3} {t.Trainer,-24} AUC {t.MetricMean:F4}   best {p.BestTrial!.MetricMean:F4}");
    }),
};

Console.WriteLine($"AutoTrain on Adult ({seconds} s budget, 5 folds; the oversampler is refitted on each training fold)");
AutoTrainModel model = synthetic.AutoTrain.BinaryClassification(prefix, "Label", options).Fit(split.TrainSet);

Console.WriteLine();
Console.WriteLine(model.Leaderboard);
Console.WriteLine($"trials: {model.Leaderboard.Count}, elapsed {model.Elapsed.TotalSeconds:F1} s");
var best = model.BestTrial;
Console.WriteLine($"CV AUC, trained on real + oversampled rows, scored on real held-out rows: {best.MetricMean:F4} ± {best.MetricStandardDeviation:F4}");
if (model.RealOnlyTrial is { } real)
    Console.WriteLine($"CV AUC, same configuration trained on real rows only (TRTR):               {real.MetricMean:F4} ± {real.MetricStandardDeviation:F4}");

var holdout = ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(split.TestSet), "Label");
Console.WriteLine($"AUC of the refitted chain on the real 20 % holdout:                        {holdout.AreaUnderRocCurve:F4}");

string path = Path.Combine(Path.GetTempPath(), "autotrain-adult.zip");
ml.Model.Save(model, split.TrainSet.Schema, path);
var loaded = ml.Model.Load(path, out _);
var reloaded = ml.BinaryClassification.EvaluateNonCalibrated(loaded.Transform(split.TestSet), "Label");
Console.WriteLine($"saved to {path}; the loaded model's holdout AUC: {reloaded.AreaUnderRocCurve:F4}");
