namespace Microsoft.ML.Synthetic;

/// <summary>Options of <see cref="OnnxExportCatalog.ConvertToOnnx(OnnxCatalog, ITransformer, IDataView, Stream, OnnxExportOptions)"/>.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>The default-domain opset the exported models use (every operator used exists in it).</summary>
    public const int Opset = 17;

    /// <summary>The <c>ai.onnx.ml</c> opset the exported models use.</summary>
    public const int MlOpset = 3;

    /// <summary>The ONNX IR version written (the one that goes with opset 17).</summary>
    public const long IrVersion = 8;

    /// <summary>
    /// The columns to export as graph outputs, named as in the model's output schema. Null (the default): every
    /// column the chain creates or changes, such as <c>Features</c>, <c>Score</c>, <c>Probability</c> and
    /// <c>PredictedLabel</c>. Graph inputs are only the input columns the outputs depend on.
    /// </summary>
    public IReadOnlyList<string>? OutputColumns { get; set; }

    /// <summary>The name of the ONNX graph.</summary>
    public string GraphName { get; set; } = "SyntheticML";
}
