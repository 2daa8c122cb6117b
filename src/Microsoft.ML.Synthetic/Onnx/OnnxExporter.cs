using System.Reflection;
using Google.Protobuf;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Onnx.Converters;
using Microsoft.ML.Synthetic.Onnx.Protocol;
using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic.Onnx;

/// <summary>
/// Converts a fitted ML.NET chain to an ONNX model, stage by stage. Train-only stages are left out (they are
/// identity at scoring time); chains (and AutoTrain's models) are walked recursively; every other stage needs a converter, or the
/// export fails with a <see cref="NotSupportedException"/> that names the stage and its columns.
/// </summary>
internal static class OnnxExporter
{
    private static readonly IOnnxStageConverter[] Converters =
    [
        new ColumnCopyConverter(),
        new ColumnSelectConverter(),
        new ConcatenateConverter(),
        new TypeConvertConverter(),
        new NormalizerConverter(),
        new MissingValueReplacerConverter(),
        new ValueToKeyConverter(),
        new KeyToVectorConverter(),
        new KeyToValueConverter(),
        new ValueMappingConverter(),
        new OneHotEncodingConverter(),
        new PredictionConverter(),
        new CalibratorStageConverter(),
    ];

    /// <summary>Builds the ONNX model of <paramref name="model"/> applied to data of <paramref name="inputSchema"/>.</summary>
    public static ModelProto Export(ITransformer model, DataViewSchema inputSchema, OnnxExportOptions options)
    {
        var context = new OnnxConversionContext(inputSchema);
        var outputSchema = ConvertStage(context, model, inputSchema);

        // By default: every visible column the chain creates (copies included) or changes.
        IEnumerable<string> outputs = options.OutputColumns?.Distinct(StringComparer.Ordinal)
            ?? outputSchema.Where(c => !c.IsHidden
                    && context.Columns.TryGetValue(c.Name, out var held) && held.Tensor is not null
                    && (!context.InputTensors.Contains(held.Tensor) || inputSchema.GetColumnOrNull(c.Name) is null))
                .Select(c => c.Name);
        int count = 0;
        foreach (string name in outputs)
        {
            if (!context.Columns.TryGetValue(name, out var column))
            {
                throw new ArgumentException($"Output column '{name}' is not in the model's output schema.", nameof(options));
            }

            AddOutput(context, name, column);
            count++;
        }

        if (count == 0)
        {
            throw new ArgumentException("The exported model would have no outputs: the chain creates no column and none was asked for.", nameof(options));
        }

        string version = typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        return context.Graph.Build(options.GraphName, version, []);
    }

    /// <summary>Writes the ONNX model to <paramref name="stream"/>.</summary>
    public static void Write(ModelProto model, Stream stream) => model.WriteTo(stream);

    /// <summary>Converts one stage (recursively for chains) and returns its output schema.</summary>
    internal static DataViewSchema ConvertStage(OnnxConversionContext context, ITransformer stage, DataViewSchema input)
    {
        if (stage is ITrainOnlyTransformer)
        {
            return input;
        }

        if (stage is AutoTrainModel autoTrain)
        {
            return ConvertStage(context, autoTrain.Model, input);
        }

        if (stage is IEnumerable<ITransformer> chain)
        {
            // An ML.NET chain scores with the stages of scope Scoring only (those appended for training alone are
            // skipped), through its public GetModelFor.
            if (stage.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(TransformerChain<>)
                && type.GetMethod(nameof(TransformerChain<ITransformer>.GetModelFor))?.Invoke(stage, [TransformerScope.Scoring]) is IEnumerable<ITransformer> scoring)
            {
                chain = scoring;
            }

            foreach (var inner in chain)
            {
                input = ConvertStage(context, inner, input);
            }

            return input;
        }

        var output = stage.GetOutputSchema(input);
        var converter = Converters.FirstOrDefault(c => c.CanConvert(stage))
            ?? throw Unsupported(stage, input, output, "no ONNX converter exists for it");
        converter.Convert(context, stage, input, output);
        context.SyncWith(output, stage);
        return output;
    }

    /// <summary>The error for a stage the exporter cannot convert: names the stage type and the columns it makes.</summary>
    internal static NotSupportedException Unsupported(ITransformer stage, DataViewSchema input, DataViewSchema output, string why)
    {
        var made = output.Where(c => !c.IsHidden)
            .Where(c => input.GetColumnOrNull(c.Name) is not { } before || !before.Type.Equals(c.Type) || before.Index != c.Index)
            .Select(c => $"'{c.Name}'").ToList();
        string columns = made.Count > 0 ? $" (output columns {string.Join(", ", made)})" : "";
        return new NotSupportedException($"ONNX export does not support the stage {FriendlyName(stage.GetType())}{columns}: {why}.");
    }

    private static void AddOutput(OnnxConversionContext context, string name, OnnxColumn column)
    {
        if (column.Tensor is null || column.Width == 0)
        {
            throw new NotSupportedException($"Output column '{name}' of type {column.Type} cannot be an ONNX output.");
        }

        string source = column.Tensor;
        var external = OnnxTypes.ExternalElementType(column.ItemType)
            ?? throw new NotSupportedException($"Output column '{name}' of type {column.Type} cannot be an ONNX output.");
        if (column.IsKey)
        {
            source = context.Graph.Node("Cast", [source], name + "_raw_key", ("to", (long)external));
        }

        // Graph inputs keep the column names, so a column changed in place gets a suffixed output name.
        string outputName = name;
        for (int i = 2; context.Graph.IsNameUsed(outputName); i++)
        {
            outputName = i == 2 ? name + ".output" : $"{name}.output{i}";
        }

        context.Graph.AddOutput(outputName, source, external, column.Width);
    }

    private static string FriendlyName(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyName))}>"
        : type.Name;
}
