using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Onnx.Protocol;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.Synthetic.Onnx.Converters;

/// <summary><c>CopyColumns</c>: the new column is the same ONNX value under another name.</summary>
internal sealed class ColumnCopyConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage) => stage is ColumnCopyingTransformer;

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        foreach (var (to, from) in MlNetInternals.ColumnPairs((ColumnCopyingTransformer)stage))
        {
            var source = context.Column(from, stage);
            context.SetColumn(to, source.Tensor!, output[to].Type);
        }
    }
}

/// <summary><c>SelectColumns</c> / <c>DropColumns</c>: no nodes; the columns that remain are those the output schema shows.</summary>
internal sealed class ColumnSelectConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage) => stage is ColumnSelectingTransformer;

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        // OnnxConversionContext.SyncWith drops the columns the output no longer shows.
    }
}

/// <summary><c>Concatenate</c>: an ONNX <c>Concat</c> along the slot axis, sources in order.</summary>
internal sealed class ConcatenateConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage) => stage is ColumnConcatenatingTransformer;

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        foreach (var (to, from) in MlNetInternals.ConcatenatedColumns((ColumnConcatenatingTransformer)stage))
        {
            var type = output[to].Type;
            var sources = from.Select(name => context.Column(name, stage)).ToArray();
            if (sources.Any(s => s.Width == 0) || (type is VectorDataViewType { Size: 0 }))
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"column '{to}' has a variable size");
            }

            string tensor = sources.Length == 1
                ? sources[0].Tensor!
                : context.Graph.Node("Concat", sources.Select(s => s.Tensor!), to, ("axis", 1L));
            context.SetColumn(to, tensor, type);
        }
    }
}

/// <summary><c>ConvertType</c>: an ONNX <c>Cast</c> (keys cast as their key values, as ML.NET converts them).</summary>
internal sealed class TypeConvertConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage) => stage is TypeConvertingTransformer;

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        foreach (var (to, from) in MlNetInternals.ColumnPairs((TypeConvertingTransformer)stage))
        {
            var source = context.Column(from, stage);
            var type = output[to].Type;
            var target = new OnnxColumn(null, type);
            if (target.IsKey || source.ItemType is TextDataViewType || target.ItemType is TextDataViewType)
            {
                // ML.NET parses and formats text its own way, and converting to a key re-codes values.
                throw OnnxExporter.Unsupported(stage, input, output, $"converting '{from}' ({source.Type}) to '{to}' ({type}) has no exact ONNX equivalent");
            }

            string tensor = source.ElementType == target.ElementType
                ? source.Tensor!
                : context.Graph.Node("Cast", [source.Tensor!], to, ("to", (long)target.ElementType));
            context.SetColumn(to, tensor, type);
        }
    }
}

/// <summary><c>ReplaceMissingValues</c>: <c>Where(IsNaN(x), replacement, x)</c>, one value per column or per slot.</summary>
internal sealed class MissingValueReplacerConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage) => stage is MissingValueReplacingTransformer;

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        var replacer = (MissingValueReplacingTransformer)stage;
        var pairs = MlNetInternals.ColumnPairs(replacer);
        var values = MlNetInternals.ReplacementValues(replacer);
        for (int i = 0; i < pairs.Length; i++)
        {
            var (to, from) = pairs[i];
            var source = context.Column(from, stage);
            if (source.ItemType != NumberDataViewType.Single)
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"column '{from}' is {source.Type}; only Single columns are exported");
            }

            float[] replacement = values[i] switch
            {
                float f => [f],
                float[] perSlot => perSlot,
                var other => throw OnnxExporter.Unsupported(stage, input, output, $"the replacement of '{from}' is a {other?.GetType().Name}"),
            };
            string constant = context.Graph.Constant(to + "_replacement", replacement, replacement.Length);
            string isNan = context.Graph.Node("IsNaN", [source.Tensor!], to + "_is_nan");
            context.SetColumn(to, context.Graph.Node("Where", [isNan, constant, source.Tensor!], to), output[to].Type);
        }
    }
}

/// <summary>Element types as the <c>to</c> attribute of ONNX <c>Cast</c> takes them.</summary>
internal static class CastTargets
{
    public const long Float = (long)TensorProto.Types.DataType.Float;
    public const long Int64 = (long)TensorProto.Types.DataType.Int64;
}
