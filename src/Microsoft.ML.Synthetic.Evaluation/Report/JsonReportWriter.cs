using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microsoft.ML.Synthetic.Evaluation.Report;

/// <summary>Writes a <see cref="QualityReport"/> as JSON (camel-case names; undefined numbers as null).</summary>
internal static class JsonReportWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new FiniteDoubleConverter(), new JsonStringEnumConverter() },
    };

    public static string ToJson(QualityReport report) => JsonSerializer.Serialize(report, Options);

    public static void Write(QualityReport report, Stream stream) => JsonSerializer.Serialize(stream, report, Options);

    /// <summary>JSON has no NaN or infinity: they are written as null (and read back as NaN).</summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }

        public override bool HandleNull => true;
    }
}
