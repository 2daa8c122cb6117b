using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Onnx.Converters;

/// <summary>Converts one kind of fitted ML.NET stage to ONNX nodes.</summary>
internal interface IOnnxStageConverter
{
    /// <summary>Whether this converter handles <paramref name="stage"/>.</summary>
    bool CanConvert(ITransformer stage);

    /// <summary>
    /// Adds the stage's nodes and points each column it creates or changes at its new value. Throws a
    /// <see cref="NotSupportedException"/> naming the stage and column for a setting it cannot export.
    /// </summary>
    void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output);
}
