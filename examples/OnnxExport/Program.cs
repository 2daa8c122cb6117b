// Exports a fitted ML.NET chain (featurize → LightGbm) to ONNX with mlContext.Synthetic().ConvertToOnnx, then
// scores rows with ONNX Runtime alone and prints its predictions beside ML.NET's.
// dotnet run --project examples/OnnxExport [-- output.onnx]
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Synthetic;

string[] continuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
string[] categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];
string[] fileOrder = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];
string onnxPath = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "adult-lightgbm.onnx");

var ml = new MLContext(seed: 1);
var columns = fileOrder.Select((name, i) => new TextLoader.Column(name, continuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
var adult = ml.Data.LoadFromTextFile(Path.Combine(AppContext.BaseDirectory, "data", "adult.csv"), columns, separatorChar: ',', hasHeader: true);
var split = ml.Data.TrainTestSplit(adult, testFraction: 0.2, seed: 1);

// 1. Train: the label is income > 50K; categories one-hot encoded, numbers min-max scaled.
var pipeline = ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { [">50K"] = true, ["<=50K"] = false }, "income")
    .Append(ml.Transforms.Categorical.OneHotEncoding([.. categorical.Select(c => new InputOutputColumnPair(c + ".oh", c))]))
    .Append(ml.Transforms.Concatenate("Numbers", continuous))
    .Append(ml.Transforms.NormalizeMinMax("Numbers"))
    .Append(ml.Transforms.Concatenate("Features", ["Numbers", .. categorical.Select(c => c + ".oh")]))
    .Append(ml.BinaryClassification.Trainers.LightGbm(numberOfLeaves: 31, numberOfIterations: 100));
var model = pipeline.Fit(split.TrainSet);

// 2. Export: only the prediction columns, so the ONNX model's inputs are just the 14 feature columns.
using (var file = File.Create(onnxPath))
{
    ml.Synthetic().ConvertToOnnx(model, split.TrainSet, file,
        new Microsoft.ML.Synthetic.Onnx.OnnxExportOptions { OutputColumns = ["PredictedLabel", "Probability", "Score"] });
}

Console.WriteLine($"ONNX model: {onnxPath} ({new FileInfo(onnxPath).Length / 1024} KiB)");

// 3. Score with ONNX Runtime alone: the inputs are tensors of shape [rows, 1], named as the columns.
const int rows = 8;
var test = ml.Data.TakeRows(split.TestSet, rows);
using var session = new InferenceSession(onnxPath);
var inputs = session.InputMetadata.Keys.Select(name => continuous.Contains(name)
    ? NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(test.GetColumn<float>(name).ToArray(), [rows, 1]))
    : NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(test.GetColumn<string>(name).ToArray(), [rows, 1])))
    .ToList();
using var results = session.Run(inputs);
var onnxLabel = results.First(r => r.Name == "PredictedLabel").AsTensor<bool>().ToArray();
var onnxProbability = results.First(r => r.Name == "Probability").AsTensor<float>().ToArray();

// 4. The same rows through ML.NET, side by side.
var scored = model.Transform(test);
var mlLabel = scored.GetColumn<bool>("PredictedLabel").ToArray();
var mlProbability = scored.GetColumn<float>("Probability").ToArray();
var income = test.GetColumn<string>("income").ToArray();
Console.WriteLine($"{"income",-7} {"ML.NET label",12} {"ML.NET P",10} {"ONNX label",10} {"ONNX P",10}");
for (int i = 0; i < rows; i++)
{
    Console.WriteLine($"{income[i],-7} {mlLabel[i],12} {mlProbability[i],10:F6} {onnxLabel[i],10} {onnxProbability[i],10:F6}");
}

double worst = mlProbability.Zip(onnxProbability, (a, b) => Math.Abs(a - b)).Max();
Console.WriteLine($"largest probability difference: {worst:g3}; labels identical: {mlLabel.SequenceEqual(onnxLabel)}");
