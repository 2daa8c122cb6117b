// Differential privacy in an ML.NET pipeline: noise steps that act on the training rows only, a TVAE trained with
// DP-SGD, and the ledger that says what each fitted model spent. Run: dotnet run -c Release --project examples/Privacy
// (the DP-TVAE part trains 30 epochs on Adult: about a minute on one core).
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

// A deep synthesizer trained with differential privacy: setting Epsilon and Delta turns DP-SGD on, and with it the
// DP defaults (TVAE: batch 250, 30 epochs, output σ fixed at 0.3). The encoding is built from declared public
// metadata only — every continuous column's bounds and every categorical column's categories (here from the UCI
// documentation of Adult) — so it spends nothing of the budget.
var dpTvae = new TvaeOptions { Epsilon = 1, Delta = 1e-5, Seed = 7 };
dpTvae.DifferentialPrivacy!.PublicBounds = new Dictionary<string, (double Lower, double Upper)>
{
    ["age"] = (17, 90), ["fnlwgt"] = (0, 1_500_000), ["education-num"] = (1, 16),
    ["capital-gain"] = (0, 99_999), ["capital-loss"] = (0, 5_000), ["hours-per-week"] = (1, 99),
};
dpTvae.DifferentialPrivacy.PublicCategories = new Dictionary<string, IReadOnlyList<string>>
{
    ["workclass"] = ["Private", "Self-emp-not-inc", "Self-emp-inc", "Federal-gov", "Local-gov", "State-gov", "Without-pay", "Never-worked", "?"],
    ["education"] = ["Bachelors", "Some-college", "11th", "HS-grad", "Prof-school", "Assoc-acdm", "Assoc-voc", "9th", "7th-8th", "12th", "Masters", "1st-4th", "10th", "Doctorate", "5th-6th", "Preschool"],
    ["marital-status"] = ["Married-civ-spouse", "Divorced", "Never-married", "Separated", "Widowed", "Married-spouse-absent", "Married-AF-spouse"],
    ["occupation"] = ["Tech-support", "Craft-repair", "Other-service", "Sales", "Exec-managerial", "Prof-specialty", "Handlers-cleaners", "Machine-op-inspct", "Adm-clerical", "Farming-fishing", "Transport-moving", "Priv-house-serv", "Protective-serv", "Armed-Forces", "?"],
    ["relationship"] = ["Wife", "Own-child", "Husband", "Not-in-family", "Other-relative", "Unmarried"],
    ["race"] = ["White", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other", "Black"],
    ["sex"] = ["Female", "Male"],
    ["native-country"] = ["United-States", "Cambodia", "England", "Puerto-Rico", "Canada", "Germany", "Outlying-US(Guam-USVI-etc)", "India", "Japan", "Greece", "South", "China", "Cuba", "Iran", "Honduras", "Philippines", "Italy", "Poland", "Jamaica", "Vietnam", "Mexico", "Portugal", "Ireland", "France", "Dominican-Republic", "Laos", "Ecuador", "Taiwan", "Haiti", "Columbia", "Hungary", "Guatemala", "Nicaragua", "Scotland", "Thailand", "Yugoslavia", "El-Salvador", "Trinadad&Tobago", "Peru", "Hong", "Holand-Netherlands", "?"],
    ["income"] = [">50K", "<=50K"],
};
Console.WriteLine($"DP-TVAE: {dpTvae.Epochs} epochs of batch {dpTvae.BatchSize}, σ {dpTvae.InitialSigma} (the DP defaults)");
var tvae = ml.Synthetic().Synthesizers.Tvae(dpTvae).Fit(split.TrainSet);
var syntheticRows = tvae.Sample(20_000, seed: 7);

// Train on the synthetic rows, test on the real ones (TSTR).
var trainer = ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { [">50K"] = true, ["<=50K"] = false }, "income")
    .Append(ml.Transforms.Categorical.OneHotEncoding("sexOneHot", "sex"))
    .Append(ml.Transforms.Concatenate("Features", "age", "hours-per-week", "education-num", "sexOneHot"))
    .Append(ml.Transforms.NormalizeMinMax("Features"))
    .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20));
var tstr = ml.BinaryClassification.Evaluate(trainer.Fit(syntheticRows).Transform(split.TestSet));
Console.WriteLine($"AUC on real test rows of a model trained on DP-TVAE rows: {tstr.AreaUnderRocCurve:F4}");
Console.WriteLine(privacy.Ledger(tvae));
