using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.Synthetic.Benchmarks.Onnx;

/// <summary>
/// Scoring speed of the exported Adult pipeline (one-hot, min-max, concatenate, LightGbm binary classifier):
/// ML.NET's own scoring beside ONNX Runtime's on the same rows.
/// </summary>
public static class OnnxBenchmarks
{
    /// <summary>An Adult row with its Boolean label.</summary>
    public sealed class AdultRow
    {
        [ColumnName("age")] public float Age { get; set; }
        [ColumnName("workclass")] public string Workclass { get; set; } = "";
        [ColumnName("fnlwgt")] public float Fnlwgt { get; set; }
        [ColumnName("education")] public string Education { get; set; } = "";
        [ColumnName("education-num")] public float EducationNum { get; set; }
        [ColumnName("marital-status")] public string MaritalStatus { get; set; } = "";
        [ColumnName("occupation")] public string Occupation { get; set; } = "";
        [ColumnName("relationship")] public string Relationship { get; set; } = "";
        [ColumnName("race")] public string Race { get; set; } = "";
        [ColumnName("sex")] public string Sex { get; set; } = "";
        [ColumnName("capital-gain")] public float CapitalGain { get; set; }
        [ColumnName("capital-loss")] public float CapitalLoss { get; set; }
        [ColumnName("hours-per-week")] public float HoursPerWeek { get; set; }
        [ColumnName("native-country")] public string NativeCountry { get; set; } = "";
        [ColumnName("income")] public string Income { get; set; } = "";
        public bool Label { get; set; }

        internal AdultRow Clone() => (AdultRow)MemberwiseClone();
    }

    internal static readonly string[] Continuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
    internal static readonly string[] Categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];

    /// <summary>Every Adult row, with <c>Label</c> = income &gt; 50K.</summary>
    internal static List<AdultRow> LoadRows(MLContext ml)
    {
        var columns = new[] { "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income" }
            .Select((name, i) => new TextLoader.Column(name, Continuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
        var file = ml.Data.LoadFromTextFile(BenchmarkContext.AdultPath, columns, separatorChar: ',', hasHeader: true);
        var rows = ml.Data.CreateEnumerable<AdultRow>(file, reuseRowObject: false, ignoreMissingColumns: true).ToList();
        foreach (var row in rows) row.Label = row.Income.Trim() == ">50K";
        return rows;
    }

    /// <summary>
    /// <c>score.mlnet.adult</c> and <c>score.onnx.adult</c>: rows per second scoring every Adult row (32,561;
    /// 2,000 with --quick) through the fitted chain in ML.NET (Transform, then a cursor reading Score,
    /// Probability and PredictedLabel) and through its ONNX export in ONNX Runtime (one Run over tensors built
    /// beforehand, outputs copied out). Median of 5 runs after a warm-up. Throws if the two disagree.
    /// </summary>
    [Benchmark("score")]
    public static void Score(BenchmarkContext ctx)
    {
        var ml = new MLContext(seed: 1);
        var rows = LoadRows(ml);
        int scored = ctx.Quick ? 2000 : rows.Count;
        var train = ml.Data.LoadFromEnumerable(rows.Take(ctx.Quick ? 1000 : 8000));
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows.Take(scored)));

        var model = ml.Transforms.Categorical.OneHotEncoding([.. Categorical.Select(c => new InputOutputColumnPair(c + ".oh", c))])
            .Append(ml.Transforms.Concatenate("Numbers", Continuous))
            .Append(ml.Transforms.NormalizeMinMax("Numbers"))
            .Append(ml.Transforms.Concatenate("Features", ["Numbers", .. Categorical.Select(c => c + ".oh")]))
            .Append(ml.BinaryClassification.Trainers.LightGbm(numberOfLeaves: 31, numberOfIterations: 100))
            .Fit(train);
        using var onnxFile = new MemoryStream();
        ml.Synthetic().ConvertToOnnx(model, train, onnxFile, new OnnxExportOptions { OutputColumns = ["Score", "Probability", "PredictedLabel"] });

        var probabilities = new float[scored];
        void ScoreMlNet()
        {
            var scoredView = model.Transform(data);
            var schema = scoredView.Schema;
            using var cursor = scoredView.GetRowCursor([schema["Score"], schema["Probability"], schema["PredictedLabel"]]);
            var score = cursor.GetGetter<float>(schema["Score"]);
            var probability = cursor.GetGetter<float>(schema["Probability"]);
            var label = cursor.GetGetter<bool>(schema["PredictedLabel"]);
            float s = 0, p = 0;
            bool l = false;
            for (int i = 0; cursor.MoveNext(); i++)
            {
                score(ref s);
                probability(ref p);
                label(ref l);
                probabilities[i] = p;
            }
        }

        using var options = new SessionOptions { IntraOpNumThreads = ctx.Threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(onnxFile.ToArray(), options);
        var inputs = session.InputMetadata.Keys.Select(name => Continuous.Contains(name)
            ? NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(data.GetColumn<float>(name).ToArray(), [scored, 1]))
            : NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(data.GetColumn<ReadOnlyMemory<char>>(name).Select(v => v.ToString()).ToArray(), [scored, 1])))
            .ToList();
        float[] onnxProbabilities = [];
        void ScoreOnnx()
        {
            using var results = session.Run(inputs);
            foreach (var result in results)
            {
                if (result.Name == "Probability") onnxProbabilities = result.AsTensor<float>().ToArray();
                else if (result.Value is Tensor<float> f) _ = f.ToArray();
                else _ = result.AsTensor<bool>().ToArray();
            }
        }

        int runs = ctx.Quick ? 1 : 5;
        ScoreMlNet();
        double mlnet = ctx.Median(runs, ScoreMlNet);
        ctx.Report("score.mlnet.adult", scored / mlnet, "rows/s", new() { ["rows"] = scored, ["model"] = "lightgbm-100x31", ["threads"] = 1 });   // one ML.NET cursor
        ScoreOnnx();
        double onnx = ctx.Median(runs, ScoreOnnx);
        ctx.Report("score.onnx.adult", scored / onnx, "rows/s", new() { ["rows"] = scored, ["model"] = "lightgbm-100x31", ["threads"] = ctx.Threads });   // IntraOpNumThreads

        double worst = probabilities.Zip(onnxProbabilities, (a, b) => Math.Abs(a - b)).Max();
        if (onnxProbabilities.Length != scored || !(worst <= 1e-5))
        {
            throw new InvalidOperationException($"ONNX Runtime and ML.NET disagree: largest probability difference {worst}");
        }
    }
}
