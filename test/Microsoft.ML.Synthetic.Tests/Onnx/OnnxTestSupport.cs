using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.Synthetic.Tests.Onnx;

/// <summary>An Adult row with a Boolean label (income > 50K) beside the original text column.</summary>
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

    internal AdultRow MemberwiseCloneRow() => (AdultRow)MemberwiseClone();
}

/// <summary>
/// Adult split for parity tests, the realistic featurization, and running models in ONNX Runtime. LightGbm trains
/// on one thread here: test classes run in parallel, and concurrent multi-threaded LightGbm fits slow each other down
/// many times over on a 2-core machine.
/// </summary>
internal static class OnnxTestSupport
{
    public static readonly string[] Categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];

    private static readonly Lazy<List<AdultRow>> Rows = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var rows = ml.Data.CreateEnumerable<AdultRow>(TestData.LoadAdult(ml), reuseRowObject: false, ignoreMissingColumns: true).ToList();
        foreach (var row in rows) row.Label = row.Income.Trim() == ">50K";
        return rows;
    });

    /// <summary>Copies of the Adult rows (change them freely).</summary>
    public static List<AdultRow> CopyRows() => [.. Rows.Value.Select(r => (AdultRow)r.MemberwiseCloneRow())];

    /// <summary>The first <paramref name="trainRows"/> rows for training and the last 1,000 as holdout.</summary>
    public static (IDataView Train, IDataView Holdout) Split(MLContext ml, int trainRows = 4000)
    {
        var rows = Rows.Value;
        return (ml.Data.LoadFromEnumerable(rows.Take(trainRows)), ml.Data.LoadFromEnumerable(rows.Skip(rows.Count - 1000)));
    }

    /// <summary>One-hot the categories, min-max the numbers, concatenate to <c>Features</c>.</summary>
    public static IEstimator<ITransformer> Featurize(MLContext ml, params string[] leaveOut)
    {
        var categorical = Categorical.Except(leaveOut).ToArray();
        return ml.Transforms.Categorical.OneHotEncoding([.. categorical.Select(c => new InputOutputColumnPair(c + ".oh", c))])
            .Append(ml.Transforms.Concatenate("Numbers", [.. TestData.AdultContinuous.Except(leaveOut)]))
            .Append(ml.Transforms.NormalizeMinMax("Numbers"))
            .Append(ml.Transforms.Concatenate("Features", ["Numbers", .. categorical.Select(c => c + ".oh")]));
    }

    /// <summary>The chain's ONNX model as bytes.</summary>
    public static byte[] Export(MLContext ml, ITransformer model, IDataView data)
    {
        using var stream = new MemoryStream();
        ml.Synthetic().ConvertToOnnx(model, data, stream);
        return stream.ToArray();
    }

    /// <summary>Runs the model in ONNX Runtime on every row of <paramref name="data"/>; returns each output flattened.</summary>
    public static Dictionary<string, Array> RunOnnx(byte[] model, IDataView data)
    {
        using var session = new InferenceSession(model);
        var inputs = new List<NamedOnnxValue>();
        foreach (var (name, meta) in session.InputMetadata)
        {
            var column = data.Schema[name];
            int width = meta.Dimensions[1];
            if (meta.ElementType == typeof(float)) inputs.Add(NamedOnnxValue.CreateFromTensor(name, Read<float>(data, column, width)));
            else if (meta.ElementType == typeof(string)) inputs.Add(NamedOnnxValue.CreateFromTensor(name, ReadText(data, column)));
            else if (meta.ElementType == typeof(bool)) inputs.Add(NamedOnnxValue.CreateFromTensor(name, Read<bool>(data, column, width)));
            else if (meta.ElementType == typeof(uint)) inputs.Add(NamedOnnxValue.CreateFromTensor(name, Read<uint>(data, column, width)));
            else throw new NotSupportedException($"test input {name} of {meta.ElementType}");
        }

        using var results = session.Run(inputs);
        var outputs = new Dictionary<string, Array>();
        foreach (var result in results)
        {
            outputs[result.Name] = result.Value switch
            {
                Tensor<float> f => f.ToArray(),
                Tensor<bool> b => b.ToArray(),
                Tensor<string> s => s.ToArray(),
                Tensor<uint> u => u.ToArray(),
                Tensor<long> l => l.ToArray(),
                var other => throw new NotSupportedException($"test output {result.Name} of {other.GetType()}"),
            };
        }

        return outputs;
    }

    /// <summary>Column values of ML.NET's output, flattened (vectors row after row).</summary>
    public static T[] Column<T>(IDataView data, string name)
    {
        var column = data.Schema[name];
        if (column.Type is VectorDataViewType)
        {
            return [.. data.GetColumn<VBuffer<T>>(column).SelectMany(v => v.DenseValues())];
        }

        return [.. data.GetColumn<T>(column)];
    }

    public static void AssertClose(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.HasCount(expected.Length, actual, what);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]);
            if (!(d <= worst)) { worst = d; at = i; }
            if (float.IsNaN(expected[i]) && float.IsNaN(actual[i])) continue;
        }

        Console.WriteLine($"{what}: largest |ML.NET - ONNX| = {worst:g3} over {expected.Length} values");
        Assert.IsTrue(worst <= tolerance, $"{what}: largest difference {worst:g3} at {at} (ML.NET {(at >= 0 ? expected[at] : 0)}, ONNX {(at >= 0 ? actual[at] : 0)})");
    }

    private static DenseTensor<T> Read<T>(IDataView data, DataViewSchema.Column column, int width)
    {
        var values = column.Type is VectorDataViewType
            ? data.GetColumn<VBuffer<T>>(column).SelectMany(v => v.DenseValues()).ToArray()
            : data.GetColumn<T>(column).ToArray();
        return new DenseTensor<T>(values, [values.Length / width, width]);
    }

    private static DenseTensor<string> ReadText(IDataView data, DataViewSchema.Column column)
    {
        var values = data.GetColumn<ReadOnlyMemory<char>>(column).Select(v => v.ToString()).ToArray();
        return new DenseTensor<string>(values, [values.Length, 1]);
    }
}
