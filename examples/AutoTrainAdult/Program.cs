// AutoTrain on Adult, the mission's chain end to end:
//   1. oversample the rare income class with a synthesizer (train-only) → map the label → one-hot → features →
//      AutoTrain (5-fold; the synthesizer is refitted inside every training fold, only real rows are scored);
//      print the leaderboard, the CV AUC with and without the oversampler, the AUC on a real holdout, and check
//      that the saved model scores the same after loading;
//   2. replace the training rows by synthetic ones (TSTR) and compare with training on the real rows (TRTR).
//
//   dotnet run -c Release --project examples/AutoTrainAdult -- [seconds]      (budget of each search; default 60)
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic;

double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 60;
string[] continuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
string[] categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];
string[] fileOrder = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];

var ml = new MLContext(seed: 42);
var columns = fileOrder.Select((name, i) => new TextLoader.Column(name, continuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
IDataView adult = ml.Data.LoadFromTextFile(Path.Combine(AppContext.BaseDirectory, "data", "adult.csv"), columns, separatorChar: ',', hasHeader: true);
var split = ml.Data.TrainTestSplit(adult, testFraction: 0.2, seed: 42);
var synthetic = ml.Synthetic();

// The featurizer every search shares: income → Boolean Label, one-hot categories, one Features vector.
KeyValuePair<string, bool>[] income = [new(">50K", true), new(" >50K", true), new("<=50K", false), new(" <=50K", false)];
IEstimator<ITransformer> Featurize() => ml.Transforms.Conversion.MapValue("Label", income, "income")
    .Append(ml.Transforms.Categorical.OneHotEncoding(categorical.Select(c => new InputOutputColumnPair(c + "_oh", c)).ToArray()))
    .Append(ml.Transforms.Concatenate("Features", continuous.Concat(categorical.Select(c => c + "_oh")).ToArray()));

AutoTrainOptions Options() => new()
{
    MaxSeconds = seconds,
    Folds = 5,
    Seed = 42,
    ReportRealOnlyScore = true,   // also score the best configuration with the train-only stage left out
    Progress = new Progress<AutoTrainProgress>(p =>
    {
        if (p.LastTrial is { } t)
            Console.WriteLine($"  [{p.Elapsed.TotalSeconds,5:F1} s] trial {t.Index,3} {t.Trainer,-24} AUC {t.MetricMean:F4}   best {p.BestTrial!.MetricMean:F4}");
    }),
};

// 1. Oversample the rare class with a Gaussian copula, featurize, search.
var oversample = synthetic.Oversample("income", new SynthesizerRowGenerator(synthetic.Synthesizers.GaussianCopula(seed: 7)), seed: 7);
Console.WriteLine($"1. Oversample(income, GaussianCopula) → featurize → AutoTrain ({seconds} s budget, 5 folds)");
AutoTrainModel model = synthetic.AutoTrain.BinaryClassification(oversample.Append(Featurize()), "Label", Options()).Fit(split.TrainSet);

Console.WriteLine();
Console.WriteLine(model.Leaderboard);
Console.WriteLine($"trials: {model.Leaderboard.Count}, elapsed {model.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"CV AUC, trained on real + synthetic minority rows, scored on real held-out rows: {model.BestTrial.MetricMean:F4} ± {model.BestTrial.MetricStandardDeviation:F4}");
if (model.RealOnlyTrial is { } realOnly)
    Console.WriteLine($"CV AUC, same configuration trained on the real rows only:                      {realOnly.MetricMean:F4} ± {realOnly.MetricStandardDeviation:F4}");
var holdout = ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(split.TestSet), "Label");
Console.WriteLine($"AUC of the refitted chain on the real 20 % holdout:                               {holdout.AreaUnderRocCurve:F4}");

string path = Path.Combine(Path.GetTempPath(), "autotrain-adult.zip");
ml.Model.Save(model, split.TrainSet.Schema, path);
var loaded = ml.Model.Load(path, out _);
var reloaded = ml.BinaryClassification.EvaluateNonCalibrated(loaded.Transform(split.TestSet), "Label");
Console.WriteLine($"saved to {path}; the loaded model's holdout AUC: {reloaded.AreaUnderRocCurve:F4} (the oversampler is saved as the identity)");

// 2. TSTR / TRTR: every training fold is replaced by copula samples of the same size and class shares.
Console.WriteLine();
Console.WriteLine($"2. Replace(GaussianCopula) → featurize → AutoTrain ({seconds} s budget, 5 folds)");
var replace = synthetic.Replace(synthetic.Synthesizers.GaussianCopula(seed: 7), labelColumnName: "income", seed: 7);
AutoTrainModel tstr = synthetic.AutoTrain.BinaryClassification(replace.Append(Featurize()), "Label", Options()).Fit(split.TrainSet);
Console.WriteLine($"TSTR  CV AUC (train on synthetic, test on real held-out rows): {tstr.BestTrial.MetricMean:F4} ± {tstr.BestTrial.MetricStandardDeviation:F4}   ({tstr.BestTrial.Trainer})");
if (tstr.RealOnlyTrial is { } trtr)
    Console.WriteLine($"TRTR  CV AUC (same configuration trained on real rows):       {trtr.MetricMean:F4} ± {trtr.MetricStandardDeviation:F4}");
var tstrHoldout = ml.BinaryClassification.EvaluateNonCalibrated(tstr.Transform(split.TestSet), "Label");
Console.WriteLine($"TSTR  AUC on the real 20 % holdout:                             {tstrHoldout.AreaUnderRocCurve:F4}");
