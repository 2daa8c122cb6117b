using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.Synthetic.Benchmarks.Onnx;

/// <summary>
/// Runs an ONNX model of a chain in ONNX Runtime on every row of a view (each graph input filled from the view's
/// column of that name) and compares its outputs with ML.NET's columns.
/// </summary>
internal static class OnnxModelRunner
{
    /// <summary>Each output of <paramref name="model"/> on <paramref name="data"/>, flattened (numbers as doubles, text as strings).</summary>
    public static Dictionary<string, Array> Run(byte[] model, IDataView data)
    {
        using var session = new InferenceSession(model);
        var inputs = new List<NamedOnnxValue>();
        foreach (var (name, meta) in session.InputMetadata)
        {
            var column = data.Schema.GetColumnOrNull(name) ?? throw new InvalidOperationException($"graph input '{name}' is not a column of the data");
            int width = meta.Dimensions.Length > 1 && meta.Dimensions[1] > 0 ? meta.Dimensions[1] : 1;
            var type = meta.ElementType;
            inputs.Add(type == typeof(float) ? Input<float>(name, data, column, width)
                : type == typeof(bool) ? Input<bool>(name, data, column, width)
                : type == typeof(uint) ? Input<uint>(name, data, column, width)
                : type == typeof(string) ? Text(name, data, column)
                : throw new NotSupportedException($"graph input '{name}' of {type.Name}"));
        }

        using var results = session.Run(inputs);
        return results.ToDictionary(r => r.Name, r => r.Value switch
        {
            Tensor<float> t => (Array)t.Select(v => (double)v).ToArray(),
            Tensor<double> t => t.ToArray(),
            Tensor<bool> t => t.Select(v => v ? 1.0 : 0.0).ToArray(),
            Tensor<uint> t => t.Select(v => (double)v).ToArray(),
            Tensor<ulong> t => t.Select(v => (double)v).ToArray(),
            Tensor<long> t => t.Select(v => (double)v).ToArray(),
            Tensor<int> t => t.Select(v => (double)v).ToArray(),
            Tensor<string> t => t.ToArray(),
            var other => throw new NotSupportedException($"graph output '{r.Name}' of {other?.GetType().Name}"),
        });
    }

    /// <summary>
    /// The largest |ML.NET − ONNX| over <paramref name="columns"/> (0 when text, labels and keys are equal,
    /// infinity when they differ or a column is missing or shaped differently). A column changed in place is
    /// looked up as <c>name.output</c> first, as both exporters name it.
    /// </summary>
    public static (double Worst, string Detail) Compare(IDataView expected, Dictionary<string, Array> outputs, IEnumerable<string> columns)
    {
        double worst = 0;
        var detail = new List<string>();
        foreach (string name in columns)
        {
            var actual = outputs.GetValueOrDefault(name + ".output") ?? outputs.GetValueOrDefault(name);
            double d = actual is null ? double.PositiveInfinity : Difference(Read(expected, name), actual);
            if (!(d <= 0))
            {
                detail.Add(actual is null ? $"{name}: no output" : $"{name}: {d:g3}");
            }

            worst = Math.Max(worst, double.IsNaN(d) ? double.PositiveInfinity : d);
        }

        return (worst, string.Join("; ", detail));
    }

    private static double Difference(Array expected, Array actual)
    {
        if (expected.Length != actual.Length)
        {
            return double.PositiveInfinity;
        }

        if (expected is string[] text)
        {
            return actual is string[] other && text.SequenceEqual(other) ? 0 : double.PositiveInfinity;
        }

        if (expected is not double[] numbers || actual is not double[] values)
        {
            return double.PositiveInfinity;
        }

        double worst = 0;
        for (int i = 0; i < numbers.Length; i++)
        {
            if (double.IsNaN(numbers[i]) && double.IsNaN(values[i])) continue;
            double d = Math.Abs(numbers[i] - values[i]);
            worst = double.IsNaN(d) ? double.PositiveInfinity : Math.Max(worst, d);
        }

        return worst;
    }

    /// <summary>An ML.NET column flattened: Single, Boolean and key values as doubles, text as strings.</summary>
    private static Array Read(IDataView data, string name)
    {
        var column = data.Schema[name];
        var item = column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
        return item switch
        {
            NumberDataViewType when item.RawType == typeof(float) => Values<float>(data, column).Select(v => (double)v).ToArray(),
            NumberDataViewType when item.RawType == typeof(double) => Values<double>(data, column),
            BooleanDataViewType => Values<bool>(data, column).Select(v => v ? 1.0 : 0.0).ToArray(),
            KeyDataViewType => Values<uint>(data, column).Select(v => (double)v).ToArray(),
            TextDataViewType => Values<ReadOnlyMemory<char>>(data, column).Select(v => v.ToString()).ToArray(),
            _ => throw new NotSupportedException($"column '{name}' of {column.Type}"),
        };
    }

    private static T[] Values<T>(IDataView data, DataViewSchema.Column column) => column.Type is VectorDataViewType
        ? [.. data.GetColumn<VBuffer<T>>(column).SelectMany(v => v.DenseValues())]
        : [.. data.GetColumn<T>(column)];

    private static NamedOnnxValue Text(string name, IDataView data, DataViewSchema.Column column)
    {
        string[] values = [.. data.GetColumn<ReadOnlyMemory<char>>(column).Select(v => v.ToString())];
        return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(values, [values.Length, 1]));
    }

    private static NamedOnnxValue Input<T>(string name, IDataView data, DataViewSchema.Column column, int width)
    {
        var values = Values<T>(data, column);
        return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<T>(values, [values.Length / width, width]));
    }
}
