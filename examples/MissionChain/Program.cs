// The mission's one fitted chain, end to end on UCI Adult:
//   Oversample("income", CTGAN)  (train-only: refitted inside every fold, never in the scoring graph)
//   → MapValue income → Label (Boolean) → OneHotEncoding of the categories → Concatenate Features
//   → AutoTrain.BinaryClassification (leak-free k-fold sweep) → Fit on the train split
// then: the leaderboard, the AUC on the real test split, ONNX export scored by ONNX Runtime beside ML.NET,
// save/load, and — with the evaluation library — the generator's own utility: TSTR against TRTR.
//
//   dotnet run -c Release --project examples/MissionChain -- [epochs] [trials] [folds] [rows] [batch]
//
// Defaults: CTGAN with 10 epochs (the paper's setting is 300; 10 keeps the example to minutes on a small CPU —
// raise it for a better generator: with so few epochs CTGAN's rows are weak, and TSTR shows it), 20 AutoTrain
// trials, 3 folds, all 32,561 Adult rows, CTGAN's batch of 500 rows (a smaller batch, a multiple of 10, makes more
// generator updates per epoch). CTGAN is fitted folds + 1 times by the chain (once per training fold,
// once on the whole train split) and once more for TSTR. The sweep is bounded by a trial count so that the run is
// the same on any machine; AutoTrainOptions.MaxSeconds works too (it budgets the search only: CTGAN's training in
// each fold and the final refit come on top).
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Synthetic;

int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
int trials = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
int folds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
int rows = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : int.MaxValue;
int batch = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 500;

string[] continuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
string[] categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];
string[] fileOrder = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];

var ml = new MLContext(seed: 42);
var columns = fileOrder.Select((name, i) => new TextLoader.Column(name, continuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
IDataView adult = ml.Data.LoadFromTextFile(Path.Combine(AppContext.BaseDirectory, "data", "adult.csv"), columns, separatorChar: ',', hasHeader: true);
adult = ml.Data.Cache(rows < int.MaxValue ? ml.Data.TakeRows(ml.Data.ShuffleRows(adult, seed: 42), rows) : adult);
var split = ml.Data.TrainTestSplit(adult, testFraction: 0.2, seed: 42);
var synthetic = ml.Synthetic();
var total = Stopwatch.StartNew();
var ctganProgress = new CtganProgress(total);

// 1. The chain. The oversampler balances income with CTGAN rows sampled conditionally on the rare class.
KeyValuePair<string, bool>[] income = [new(">50K", true), new(" >50K", true), new("<=50K", false), new(" <=50K", false)];
var prefix = synthetic.Oversample("income", generator: synthetic.Synthesizers.Ctgan(new CtganOptions { Epochs = epochs, BatchSize = batch, Seed = 7, Progress = ctganProgress }), seed: 7)
    .Append(ml.Transforms.Conversion.MapValue("Label", income, "income"))
    .Append(ml.Transforms.Categorical.OneHotEncoding([.. categorical.Select(c => new InputOutputColumnPair(c + "_oh", c))]))
    .Append(ml.Transforms.Concatenate("Features", [.. continuous, .. categorical.Select(c => c + "_oh")]));
var options = new AutoTrainOptions
{
    MaxTrials = trials,
    Folds = folds,
    Seed = 42,
    ReportRealOnlyScore = true,
    Progress = new Progress<AutoTrainProgress>(p =>
    {
        if (p.LastTrial is { } t)
            Console.WriteLine($"  [{p.Elapsed.TotalSeconds,6:F1} s] trial {t.Index,3} {t.Trainer,-24} AUC {t.MetricMean:F4}   best {p.BestTrial!.MetricMean:F4}");
    }),
};

Console.WriteLine($"Adult: {Rows(split.TrainSet)} train rows, {Rows(split.TestSet)} test rows");
Console.WriteLine($"Fitting: Oversample(income, CTGAN {epochs} epochs of batches of {batch}) → Label → one-hot → Features → AutoTrain ({trials} trials, {folds} folds)");
var watch = Stopwatch.StartNew();
AutoTrainModel model = synthetic.AutoTrain.BinaryClassification(prefix, labelColumnName: "Label", options).Fit(split.TrainSet);
double fitSeconds = watch.Elapsed.TotalSeconds;

Console.WriteLine();
string[] board = model.Leaderboard.ToString().Split('\n');
Console.WriteLine(string.Join('\n', board.Take(11)));   // the header and the ten best of model.Leaderboard
Console.WriteLine($"({model.Leaderboard.Count} trials in all)");
Console.WriteLine($"fit: {fitSeconds:F1} s (refitting the prefix, CTGAN included, on every fold: {model.FoldPreparationSeconds:F1} s; final refit: {model.FinalFitSeconds:F1} s)");
var oversampler = Flatten(model.Model).OfType<SyntheticRowsTransformer>().Single();
Console.WriteLine($"the final fit trained on: {oversampler.Summary}");
var best = model.BestTrial;
Console.WriteLine($"CV AUC, real + CTGAN rows in each training fold, scored on real held-out folds: {best.MetricMean:F4} ± {best.MetricStandardDeviation:F4}");
if (model.RealOnlyTrial is { } realOnly)
    Console.WriteLine($"CV AUC, same configuration on real rows only:                                {realOnly.MetricMean:F4} ± {realOnly.MetricStandardDeviation:F4}");

// 2. Scoring keeps every row: the oversampler is the identity outside training.
var scored = model.Transform(split.TestSet);
Console.WriteLine($"rows in → out: test {Rows(split.TestSet)} → {Rows(scored)}, train {Rows(split.TrainSet)} → {Rows(model.Transform(split.TrainSet))}");
double testAuc = ml.BinaryClassification.EvaluateNonCalibrated(scored, "Label").AreaUnderRocCurve;
Console.WriteLine($"AUC on the real test split (ML.NET): {testAuc:F4}");

// 3. ONNX: the graph holds featurization and the trainer; the oversampler is left out.
string onnxPath = Path.Combine(Path.GetTempPath(), "mission-adult.onnx");
watch.Restart();
using (var file = File.Create(onnxPath))
    synthetic.ConvertToOnnx(model, split.TrainSet, file, new OnnxExportOptions { OutputColumns = ["Score", "Probability", "PredictedLabel"] });
double exportSeconds = watch.Elapsed.TotalSeconds;

watch.Restart();
using var session = new InferenceSession(onnxPath);
var inputs = session.InputMetadata.Keys.Select(name => continuous.Contains(name)
        ? NamedOnnxValue.CreateFromTensor(name, Tensor(split.TestSet.GetColumn<float>(name).ToArray()))
        : NamedOnnxValue.CreateFromTensor(name, Tensor(split.TestSet.GetColumn<string>(name).ToArray())))
    .ToList();
using var results = session.Run(inputs);
float[] onnxProbability = results.First(r => r.Name == "Probability").AsTensor<float>().ToArray();
bool[] onnxLabel = results.First(r => r.Name == "PredictedLabel").AsTensor<bool>().ToArray();
double onnxSeconds = watch.Elapsed.TotalSeconds;

float[] mlProbability = scored.GetColumn<float>("Probability").ToArray();
bool[] mlLabel = scored.GetColumn<bool>("PredictedLabel").ToArray();
bool[] truth = scored.GetColumn<bool>("Label").ToArray();
double worst = mlProbability.Zip(onnxProbability, (a, b) => Math.Abs(a - b)).Max();
Console.WriteLine($"ONNX model: {onnxPath} ({new FileInfo(onnxPath).Length / 1024} KiB, inputs: {string.Join(", ", session.InputMetadata.Keys)}), exported in {exportSeconds:F2} s");
Console.WriteLine($"ONNX Runtime scored {onnxProbability.Length} test rows in {onnxSeconds:F2} s; largest |P(ML.NET) - P(ONNX)| = {worst:g3}; labels identical: {mlLabel.SequenceEqual(onnxLabel)}");
Console.WriteLine($"AUC on the real test split (ONNX Runtime): {Auc(onnxProbability, truth):F4}");

// 4. Save and load back.
string zipPath = Path.Combine(Path.GetTempPath(), "mission-adult.zip");
ml.Model.Save(model, split.TrainSet.Schema, zipPath);
var loaded = ml.Model.Load(zipPath, out _);
float[] loadedProbability = loaded.Transform(split.TestSet).GetColumn<float>("Probability").ToArray();
Console.WriteLine($"saved {zipPath}; the loaded model's probabilities equal the original's: {loadedProbability.SequenceEqual(mlProbability)}");

// 5. The generator on its own: CTGAN fitted on the train split, a table of the same size sampled, and utility
//    measured by the evaluation library — train on synthetic, test on real (TSTR) against train on real (TRTR).
watch.Restart();
var ctgan = synthetic.Synthesizers.Ctgan(new CtganOptions { Epochs = epochs, BatchSize = batch, Seed = 7, Progress = ctganProgress }).Fit(split.TrainSet);
var fake = ctgan.Sample(Rows(split.TrainSet), seed: 7);
var evaluation = new EvaluationOptions { Seed = 42 };
evaluation.Utility.LabelColumn = "income";
evaluation.Detection.Enabled = false;
evaluation.Privacy.Enabled = false;
var report = synthetic.Evaluate(real: split.TrainSet, synthetic: fake, holdout: split.TestSet, options: evaluation);
var utility = report.Utility!;
Console.WriteLine($"utility ({utility.Trainer}, label income, scored on the real test split; {watch.Elapsed.TotalSeconds:F1} s):");
Console.WriteLine($"  TRTR AUC {utility.Trtr.Auc:F4}   TSTR AUC {utility.Tstr.Auc:F4}   TSTR/TRTR {utility.TstrTrtrRatio:F3}");
Console.WriteLine($"total: {total.Elapsed.TotalSeconds:F1} s");

static long Rows(IDataView data)
{
    long n = 0;
    using var cursor = data.GetRowCursor([]);
    while (cursor.MoveNext()) n++;
    return n;
}

static DenseTensor<T> Tensor<T>(T[] values) => new(values, [values.Length, 1]);

static IEnumerable<ITransformer> Flatten(ITransformer stage) => stage is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [stage];

// Mann–Whitney AUC (ties count one half), independent of ML.NET's evaluator.
static double Auc(float[] scores, bool[] labels)
{
    var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
    double rankSum = 0;
    long positives = labels.Count(l => l);
    for (int i = 0; i < order.Length;)
    {
        int j = i;
        while (j < order.Length && scores[order[j]] == scores[order[i]]) j++;
        double rank = (i + j + 1) / 2.0;
        for (int k = i; k < j; k++) if (labels[order[k]]) rankSum += rank;
        i = j;
    }

    long negatives = labels.Length - positives;
    return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
}

/// <summary>Prints CTGAN's progress as it trains (every fifth epoch and the last), with the time since the start.</summary>
internal sealed class CtganProgress(Stopwatch clock) : IProgress<DeepTrainingProgress>
{
    public void Report(DeepTrainingProgress value)
    {
        if (value.Epoch % 5 == 0 || value.Epoch == value.EpochCount)
            Console.WriteLine($"  [{clock.Elapsed.TotalSeconds,6:F1} s] {value}");
    }
}
