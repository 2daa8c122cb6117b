// The mission chain, exported: oversample the minority class (train-only) → map the label → one-hot → features →
// AutoTrain; then mlContext.Synthetic().ConvertToOnnx writes the fitted chain as ONNX (the oversampler is left
// out: it is the identity at scoring time), and ONNX Runtime alone scores rows, printed beside ML.NET's output.
//
//   dotnet run -c Release --project examples/OnnxExport -- [seconds] [output.onnx]      (default 20 s of search)
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Synthetic;

double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 20;
string onnxPath = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "adult-autotrain.onnx");
string[] continuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
string[] categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];
string[] fileOrder = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];

var ml = new MLContext(seed: 1);
var columns = fileOrder.Select((name, i) => new TextLoader.Column(name, continuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
var adult = ml.Data.LoadFromTextFile(Path.Combine(AppContext.BaseDirectory, "data", "adult.csv"), columns, separatorChar: ',', hasHeader: true);
var split = ml.Data.TrainTestSplit(adult, testFraction: 0.2, seed: 1);
var synthetic = ml.Synthetic();

// 1. Train: random oversampling of the rich class (train-only, refitted in every fold), the label income > 50K,
//    one-hot categories, then AutoTrain's search over binary trainers.
var prefix = synthetic.Resampling.RandomOverSample("income", seed: 7)
    .Append(ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { [">50K"] = true, ["<=50K"] = false }, "income"))
    .Append(ml.Transforms.Categorical.OneHotEncoding([.. categorical.Select(c => new InputOutputColumnPair(c + "_oh", c))]))
    .Append(ml.Transforms.Concatenate("Features", [.. continuous, .. categorical.Select(c => c + "_oh")]));
Console.WriteLine($"AutoTrain on Adult ({seconds} s budget, 3 folds) ...");
AutoTrainModel model = synthetic.AutoTrain.BinaryClassification(prefix, "Label",
    new AutoTrainOptions { MaxSeconds = seconds, Folds = 3, Seed = 1 }).Fit(split.TrainSet);
Console.WriteLine($"best of {model.Leaderboard.Count} trials: {model.BestTrial.Trainer} (cross-validated AUC {model.BestTrial.MetricMean:F4})");

// 2. Export only the prediction columns, so the ONNX inputs are just the 14 feature columns (no income).
using (var file = File.Create(onnxPath))
{
    synthetic.ConvertToOnnx(model, split.TrainSet, file,
        new OnnxExportOptions { OutputColumns = ["PredictedLabel", "Probability", "Score"] });
}

Console.WriteLine($"ONNX model: {onnxPath} ({new FileInfo(onnxPath).Length / 1024} KiB)");

// 3. Score with ONNX Runtime alone: one tensor of shape [rows, 1] per column, named as the column.
const int rows = 12;
var test = ml.Data.TakeRows(ml.Data.SkipRows(split.TestSet, 100), rows);
using var session = new InferenceSession(onnxPath);
var inputs = session.InputMetadata.Keys.Select(name => continuous.Contains(name)
    ? NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(test.GetColumn<float>(name).ToArray(), [rows, 1]))
    : NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(test.GetColumn<string>(name).ToArray(), [rows, 1])))
    .ToList();
using var results = session.Run(inputs);
var onnxLabel = results.First(r => r.Name == "PredictedLabel").AsTensor<bool>().ToArray();
var onnxScore = results.First(r => r.Name == "Score").AsTensor<float>().ToArray();
var onnxProbability = results.FirstOrDefault(r => r.Name == "Probability")?.AsTensor<float>().ToArray();

// 4. The same rows through ML.NET, side by side.
var scored = model.Transform(test);
var mlLabel = scored.GetColumn<bool>("PredictedLabel").ToArray();
var mlScore = scored.GetColumn<float>("Score").ToArray();
var mlProbability = scored.Schema.GetColumnOrNull("Probability") is null ? null : scored.GetColumn<float>("Probability").ToArray();
var income = test.GetColumn<string>("income").ToArray();
Console.WriteLine($"{"income",-6} | {"ML.NET label",12} {"score",10} {"P",9} | {"ONNX label",10} {"score",10} {"P",9}");
for (int i = 0; i < rows; i++)
{
    Console.WriteLine($"{income[i],-6} | {mlLabel[i],12} {mlScore[i],10:F5} {mlProbability?[i],9:F6} | {onnxLabel[i],10} {onnxScore[i],10:F5} {onnxProbability?[i],9:F6}");
}

double worst = mlScore.Zip(onnxScore, (a, b) => Math.Abs(a - b)).Max();
Console.WriteLine($"largest score difference: {worst:g3}; labels identical: {mlLabel.SequenceEqual(onnxLabel)}");
