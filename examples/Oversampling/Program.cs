// Oversampling Adult's minority class (income >50K) inside an ML.NET pipeline, cross-validated without leakage.
//
// The oversampling stage is train-only: when the pipeline is fitted, the estimators after it are trained on the
// real rows plus synthetic minority rows; when the model scores (a test fold, new data, a saved model) the stage
// is the identity. So CrossValidate refits SMOTE-NC inside every training fold and scores real held-out rows only.
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic;

var ml = new MLContext(seed: 42);
string[] continuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
string[] categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];
string[] order = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];
var adult = ml.Data.LoadFromTextFile(Path.Combine(AppContext.BaseDirectory, "data", "adult.csv"),
    order.Select((name, i) => new TextLoader.Column(name, continuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray(),
    separatorChar: ',', hasHeader: true);
var split = ml.Data.TrainTestSplit(adult, testFraction: 0.2, seed: 42);
var synthetic = ml.Synthetic();

// The file writes " >50K" with a leading space; map the text with and without it.
KeyValuePair<string, bool>[] IncomeIsHigh = [new(">50K", true), new(" >50K", true), new("<=50K", false), new(" <=50K", false)];

// Featurize and train: the same for both pipelines.
IEstimator<ITransformer> Model() =>
    ml.Transforms.Conversion.MapValue("Label", IncomeIsHigh, "income")
        .Append(ml.Transforms.Categorical.OneHotEncoding(categorical.Select(c => new InputOutputColumnPair(c)).ToArray()))
        .Append(ml.Transforms.Concatenate("Features", [.. continuous, .. categorical]))
        .Append(ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 31, numberOfTrees: 100));

var pipelines = new (string Name, IEstimator<ITransformer> Pipeline)[]
{
    ("no oversampling", Model()),
    ("SMOTE-NC inside the pipeline", synthetic.Resampling.SmoteNc("income", kNeighbors: 5, seed: 7).Append(Model())),
    ("random oversampling inside the pipeline", synthetic.Resampling.RandomOverSample("income", seed: 7).Append(Model())),
};

Console.WriteLine("Adult, label income (24 % >50K): 5-fold cross-validation on the 80 % training split, then the 20 % test split.");
Console.WriteLine();
Console.WriteLine($"{"pipeline",-46} {"CV AUC",-16} {"CV F1",-16} {"test AUC",-9} {"test F1",-8}");
foreach (var (name, pipeline) in pipelines)
{
    var folds = ml.BinaryClassification.CrossValidate(split.TrainSet, pipeline, numberOfFolds: 5, labelColumnName: "Label", seed: 1);
    var auc = folds.Select(f => f.Metrics.AreaUnderRocCurve).ToArray();
    var f1 = folds.Select(f => f.Metrics.F1Score).ToArray();
    var model = pipeline.Fit(split.TrainSet);
    var test = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet), labelColumnName: "Label");
    Console.WriteLine($"{name,-46} {auc.Average():F3} ± {Sd(auc):F3}    {f1.Average():F3} ± {Sd(f1):F3}    {test.AreaUnderRocCurve,-9:F3} {test.F1Score,-8:F3}");
    if ((model as IEnumerable<ITransformer>)?.FirstOrDefault() is SyntheticRowsTransformer stage)
    {
        Console.WriteLine($"    {stage.Summary}");
    }
}

// The mistake the stage prevents: oversample first, then cross-validate. Synthetic copies of held-out rows
// land in the training folds, so the cross-validated scores look better than the test split confirms.
var resampledFirst = synthetic.Resampling.RandomOverSample("income", seed: 7).Resample(split.TrainSet);
var leaky = ml.BinaryClassification.CrossValidate(resampledFirst, Model(), numberOfFolds: 5, labelColumnName: "Label", seed: 1);
var leakyAuc = leaky.Select(f => f.Metrics.AreaUnderRocCurve).ToArray();
var leakyF1 = leaky.Select(f => f.Metrics.F1Score).ToArray();
Console.WriteLine($"{"(leaky) random oversampling before the split",-46} {leakyAuc.Average():F3} ± {Sd(leakyAuc):F3}    {leakyF1.Average():F3} ± {Sd(leakyF1):F3}    (CV scores inflated: held-out folds hold copies of training rows)");

static double Sd(double[] x)
{
    double mean = x.Average();
    return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
}
