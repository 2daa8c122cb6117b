// Differential privacy in an ML.NET pipeline: noise steps that act on the training rows only, and the
// ledger that says what the fitted chain spent. Run: dotnet run -c Release --project examples/Privacy
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic;

var ml = new MLContext(seed: 42);
string[] order = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];
string[] numeric = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
var columns = order.Select((name, i) => new TextLoader.Column(name, numeric.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
var adult = ml.Data.LoadFromTextFile(Path.Combine(AppContext.BaseDirectory, "data", "adult.csv"), columns, separatorChar: ',', hasHeader: true);
var split = ml.Data.TrainTestSplit(adult, testFraction: 0.2, seed: 42);
var privacy = ml.Synthetic().Privacy;

// Bounds and category lists are public knowledge declared by the analyst, never read from the data.
// Only the three noisy columns are protected; education-num goes to the trainer as it is, and the ledger says so.
var pipeline = privacy.AddLaplaceNoise("age", epsilon: 0.5, lower: 17, upper: 90)
    .Append(privacy.AddGaussianNoise("hours-per-week", epsilon: 1, delta: 1e-5, lower: 1, upper: 99))
    .Append(privacy.RandomizedResponse("sex", epsilon: 1, categories: ["Male", "Female"]))
    .Append(ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { [">50K"] = true, ["<=50K"] = false }, "income"))
    .Append(ml.Transforms.Categorical.OneHotEncoding("sexOneHot", "sex"))
    .Append(ml.Transforms.Concatenate("Features", "age", "hours-per-week", "education-num", "sexOneHot"))
    .Append(ml.Transforms.NormalizeMinMax("Features"))
    .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20));

var model = pipeline.Fit(split.TrainSet);                       // the trainer sees the noisy rows
var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));   // scored on real rows
Console.WriteLine($"AUC on real test rows: {metrics.AreaUnderRocCurve:F4}");
Console.WriteLine(privacy.Ledger(model));
Console.WriteLine(privacy.Ledger(model, CompositionRule.ZeroConcentrated, delta: 1e-5));
