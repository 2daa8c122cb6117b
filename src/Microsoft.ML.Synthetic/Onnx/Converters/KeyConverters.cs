using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.Synthetic.Onnx.Converters;

/// <summary>Reads the key values of key columns (the <c>KeyValues</c> annotation, public in ML.NET).</summary>
internal static class KeyValues
{
    private const string KeyValuesKind = "KeyValues";

    /// <summary>The key values as text, or null when the column has none or they are not text.</summary>
    public static string[]? Text(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull(KeyValuesKind) is not { } annotation
            || annotation.Type is not VectorDataViewType { ItemType: TextDataViewType })
        {
            return null;
        }

        VBuffer<ReadOnlyMemory<char>> values = default;
        column.Annotations.GetValue(KeyValuesKind, ref values);
        return [.. values.DenseValues().Select(v => v.ToString())];
    }

    /// <summary>The key values as Single, or null when the column has none or they are not Single.</summary>
    public static float[]? Single(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull(KeyValuesKind) is not { } annotation
            || annotation.Type is not VectorDataViewType { ItemType: var item } || item != NumberDataViewType.Single)
        {
            return null;
        }

        VBuffer<float> values = default;
        column.Annotations.GetValue(KeyValuesKind, ref values);
        return [.. values.DenseValues()];
    }

    /// <summary>Key numbers 1…count.</summary>
    public static long[] Numbers(int count) => [.. Enumerable.Range(1, count).Select(i => (long)i)];
}

/// <summary>
/// <c>MapValueToKey</c>: an <c>ai.onnx.ml</c> <c>LabelEncoder</c> from each term to its key number
/// (1…count in ML.NET's order); a term not in the dictionary maps to 0, ML.NET's missing key.
/// </summary>
internal sealed class ValueToKeyConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage) => stage is ValueToKeyMappingTransformer;

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        foreach (var (to, from) in MlNetInternals.ColumnPairs((ValueToKeyMappingTransformer)stage))
        {
            var source = context.Column(from, stage);
            var column = output[to];
            string tensor;
            if (source.ItemType is TextDataViewType && KeyValues.Text(column) is { } terms)
            {
                tensor = context.Graph.MlNode("LabelEncoder", [source.Tensor!], to,
                    ("keys_strings", terms), ("values_int64s", KeyValues.Numbers(terms.Length)), ("default_int64", 0L));
            }
            else if (source.ItemType == NumberDataViewType.Single && KeyValues.Single(column) is { } numbers)
            {
                tensor = context.Graph.MlNode("LabelEncoder", [source.Tensor!], to,
                    ("keys_floats", numbers), ("values_int64s", KeyValues.Numbers(numbers.Length)), ("default_int64", 0L));
            }
            else
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"column '{from}' is {source.Type}; only Text and Single terms are exported");
            }

            context.SetColumn(to, tensor, column.Type);
        }
    }
}

/// <summary>
/// <c>MapKeyToVector</c> (the indicator step of one-hot encoding): an <c>ai.onnx.ml</c> <c>OneHotEncoder</c>
/// over key numbers 1…count, so the missing key 0 (an unseen value) gives all zeros as in ML.NET; vector
/// columns give their slots' indicators one after the other, or their sum when ML.NET counts ("bag").
/// </summary>
internal sealed class KeyToVectorConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage) => stage is KeyToVectorMappingTransformer;

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        var transformer = (KeyToVectorMappingTransformer)stage;
        var pairs = MlNetInternals.ColumnPairs(transformer);
        var bags = MlNetInternals.KeyToVectorCountsVector(transformer);
        for (int i = 0; i < pairs.Length; i++)
        {
            var (to, from) = pairs[i];
            var source = context.Column(from, stage);
            if (source.ItemType is not KeyDataViewType key || source.Width == 0 || key.Count > int.MaxValue)
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"column '{from}' is {source.Type}; a key of known size is needed");
            }

            var g = context.Graph;
            int count = (int)key.Count;
            string indicators = g.MlNode("OneHotEncoder", [source.Tensor!], to + "_indicators",
                ("cats_int64s", KeyValues.Numbers(count)), ("zeros", 1L));
            g.DeclareValue(indicators, Protocol.TensorProto.Types.DataType.Float, null, source.Width, count);
            string tensor = bags[i] && source.Width > 1
                ? g.Node("ReduceSum", [indicators, g.Constant(to + "_axis", new long[] { 1 }, 1)], to, ("keepdims", 0L))
                : g.Node("Reshape", [indicators, g.Constant(to + "_shape", new long[] { -1, (long)source.Width * count }, 2)], to);
            context.SetColumn(to, tensor, output[to].Type);
        }
    }
}

/// <summary>
/// <c>MapKeyToValue</c>: an <c>ai.onnx.ml</c> <c>LabelEncoder</c> from key numbers to the key values; the
/// missing key gives the empty string (text) or NaN (Single), as ML.NET gives the default value.
/// </summary>
internal sealed class KeyToValueConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage) => stage is KeyToValueMappingTransformer;

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        foreach (var (to, from) in MlNetInternals.ColumnPairs((KeyToValueMappingTransformer)stage))
        {
            var source = context.Column(from, stage);
            var keyColumn = input[from];
            string tensor;
            if (KeyValues.Text(keyColumn) is { } terms)
            {
                tensor = context.Graph.MlNode("LabelEncoder", [source.Tensor!], to,
                    ("keys_int64s", KeyValues.Numbers(terms.Length)), ("values_strings", terms), ("default_string", ""));
            }
            else if (KeyValues.Single(keyColumn) is { } numbers)
            {
                tensor = context.Graph.MlNode("LabelEncoder", [source.Tensor!], to,
                    ("keys_int64s", KeyValues.Numbers(numbers.Length)), ("values_floats", numbers), ("default_float", float.NaN));
            }
            else
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"the key values of '{from}' are neither Text nor Single");
            }

            context.SetColumn(to, tensor, output[to].Type);
        }
    }
}

/// <summary>
/// <c>OneHotEncoding</c>: the encoder is a chain of <c>MapValueToKey</c> and (for the indicator and bag
/// outputs) <c>MapKeyToVector</c>, converted stage by stage.
/// </summary>
internal sealed class OneHotEncodingConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage) => stage is OneHotEncodingTransformer;

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output) =>
        OnnxExporter.ConvertStage(context, MlNetInternals.OneHotChain((OneHotEncodingTransformer)stage), input);
}

/// <summary>
/// <c>MapValue</c>: an <c>ai.onnx.ml</c> <c>LabelEncoder</c> from each dictionary key (text or Single) to its
/// value (text, Single, Boolean, Int32 or Int64); a key not in the dictionary gets ML.NET's missing value.
/// </summary>
internal sealed class ValueMappingConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage) => stage is ValueMappingTransformer;

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        var transformer = (ValueMappingTransformer)stage;
        var (keys, values, missing) = MlNetInternals.ValueMap(transformer);
        var g = context.Graph;
        foreach (var (to, from) in MlNetInternals.ColumnPairs(transformer))
        {
            var source = context.Column(from, stage);
            var type = output[to].Type;
            (string Name, object Value) keyAttribute = keys switch
            {
                ReadOnlyMemory<char>[] text when source.ItemType is TextDataViewType => ("keys_strings", text.Select(t => t.ToString()).ToArray()),
                float[] numbers when source.ItemType == NumberDataViewType.Single => ("keys_floats", numbers),
                _ => throw OnnxExporter.Unsupported(stage, input, output, $"the keys of '{from}' are {keys.GetType().GetElementType()?.Name}, the column {source.Type}"),
            };

            string tensor = values switch
            {
                ReadOnlyMemory<char>[] text => g.MlNode("LabelEncoder", [source.Tensor!], to, keyAttribute,
                    ("values_strings", text.Select(t => t.ToString()).ToArray()), ("default_string", missing?.ToString() ?? "")),
                float[] numbers => g.MlNode("LabelEncoder", [source.Tensor!], to, keyAttribute,
                    ("values_floats", numbers), ("default_float", missing is float f ? f : float.NaN)),
                bool[] flags => g.Node("Cast", [g.MlNode("LabelEncoder", [source.Tensor!], to + "_int", keyAttribute,
                    ("values_int64s", flags.Select(b => b ? 1L : 0L).ToArray()), ("default_int64", missing is true ? 1L : 0L))],
                    to, ("to", (long)Protocol.TensorProto.Types.DataType.Bool)),
                int[] ints => g.Node("Cast", [g.MlNode("LabelEncoder", [source.Tensor!], to + "_int", keyAttribute,
                    ("values_int64s", ints.Select(i => (long)i).ToArray()), ("default_int64", missing is int m ? (long)m : 0L))],
                    to, ("to", (long)Protocol.TensorProto.Types.DataType.Int32)),
                long[] longs => g.MlNode("LabelEncoder", [source.Tensor!], to, keyAttribute,
                    ("values_int64s", longs), ("default_int64", missing is long l ? l : 0L)),
                _ => throw OnnxExporter.Unsupported(stage, input, output, $"the values of '{to}' are {values.GetType().GetElementType()?.Name}"),
            };
            if (type is KeyDataViewType or VectorDataViewType)
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"'{to}' is {type}; scalar values that are not keys are exported");
            }

            context.SetColumn(to, tensor, type);
        }
    }
}
