using System.Text.Json;

namespace Microsoft.ML.Synthetic.Metadata;

/// <summary>
/// The JSON form of <see cref="TableMetadata"/> (schema version 1, described in Metadata/README.md): a
/// <c>schemaVersion</c> and a <c>columns</c> list of objects with a <c>name</c>, a <c>kind</c> and the keys of that kind.
/// Reading checks every key; an unknown key, or one that does not belong to the column's kind, is an error.
/// </summary>
internal static class MetadataJson
{
    public const int SchemaVersion = 1;

    private static readonly string[] TopKeys = ["schemaVersion", "columns"];

    private static readonly Dictionary<MetadataKind, string[]> KindKeys = new()
    {
        [MetadataKind.Numerical] = ["integer", "minimum", "maximum", "roundingDigits"],
        [MetadataKind.Categorical] = ["categories"],
        [MetadataKind.Boolean] = [],
        [MetadataKind.DateTime] = ["offset", "format"],
        [MetadataKind.Duration] = [],
        [MetadataKind.Identifier] = ["pattern"],
        [MetadataKind.Pii] = ["piiType"],
    };

    /// <summary>The kind's name in JSON and in messages.</summary>
    public static string KindName(MetadataKind kind) => kind.ToString().ToLowerInvariant();

    private static string PiiName(PiiType type) => type == PiiType.IdLike ? "idLike" : type.ToString().ToLowerInvariant();

    public static void Write(TableMetadata metadata, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteStartArray("columns");
        foreach (var name in metadata.ColumnNames)
        {
            var c = metadata[name];
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("kind", KindName(c.Kind));
            switch (c.Kind)
            {
                case MetadataKind.Numerical:
                    json.WriteBoolean("integer", c.IsInteger);
                    WriteIfSet(json, "minimum", c.Minimum);
                    WriteIfSet(json, "maximum", c.Maximum);
                    WriteIfSet(json, "roundingDigits", c.RoundingDigits);
                    break;
                case MetadataKind.Categorical when c.Categories is not null:
                    json.WriteStartArray("categories");
                    foreach (var category in c.Categories)
                    {
                        json.WriteStringValue(category);
                    }

                    json.WriteEndArray();
                    break;
                case MetadataKind.DateTime:
                    json.WriteBoolean("offset", c.HasOffset);
                    if (c.Format is not null)
                    {
                        json.WriteString("format", c.Format);
                    }

                    break;
                case MetadataKind.Identifier when c.Pattern is not null:
                    json.WriteString("pattern", c.Pattern);
                    break;
                case MetadataKind.Pii:
                    json.WriteString("piiType", PiiName(c.PiiType!.Value));
                    break;
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string key, double? value)
    {
        if (value is double v)
        {
            json.WriteNumber(key, v);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter json, string key, int? value)
    {
        if (value is int v)
        {
            json.WriteNumber(key, v);
        }
    }

    public static TableMetadata Read(Stream stream)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    private static TableMetadata Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad("(root)", "must be a JSON object with \"schemaVersion\": 1 and a \"columns\" list");
        }

        CheckKeys(root, "", TopKeys, null);
        if (!root.TryGetProperty("schemaVersion", out var version))
        {
            throw Bad("schemaVersion", "is missing; metadata files start with \"schemaVersion\": 1");
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int v) || v < 1)
        {
            throw Bad("schemaVersion", "must be a whole number, 1 for this version of the library");
        }

        if (v > SchemaVersion)
        {
            throw Bad("schemaVersion", $"is {v}: the file was written by a newer version of SyntheticML, which this one ({SchemaVersion}) cannot read; update the library");
        }

        if (!root.TryGetProperty("columns", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw Bad("columns", "must be a list of { \"name\": ..., \"kind\": ... } objects");
        }

        var metadata = TableMetadata.Empty;
        int i = 0;
        foreach (var column in list.EnumerateArray())
        {
            string key = $"columns[{i++}]";
            if (column.ValueKind != JsonValueKind.Object)
            {
                throw Bad(key, "must be an object { \"name\": ..., \"kind\": ... }");
            }

            string name = RequiredString(column, key, "name", null);
            if (metadata.TryGetColumn(name, out _))
            {
                throw Bad(key + ".name", $"column '{name}' is declared twice");
            }

            metadata = metadata.With(name, ParseColumn(column, key, name));
        }

        return metadata;
    }

    private static ColumnMetadata ParseColumn(JsonElement column, string key, string name)
    {
        string kindText = RequiredString(column, key, "kind", name);
        var kind = Enum.GetValues<MetadataKind>().Cast<MetadataKind?>().FirstOrDefault(k => string.Equals(KindName(k!.Value), kindText, StringComparison.OrdinalIgnoreCase))
            ?? throw Bad(key + ".kind", $"'{kindText}' is not a column kind; use {string.Join(", ", Enum.GetValues<MetadataKind>().Select(KindName))}", name);
        CheckKeys(column, key + ".", ["name", "kind", .. KindKeys[kind]], name, kind);
        try
        {
            return kind switch
            {
                MetadataKind.Numerical => ColumnMetadata.Numerical(
                    OptionalBoolean(column, key, "integer", name) ?? false,
                    OptionalNumber(column, key, "minimum", name),
                    OptionalNumber(column, key, "maximum", name),
                    OptionalInteger(column, key, "roundingDigits", name)),
                MetadataKind.Categorical => ColumnMetadata.Categorical(column.TryGetProperty("categories", out var list) ? Strings(list, key + ".categories", name) : null),
                MetadataKind.Boolean => ColumnMetadata.Boolean(),
                MetadataKind.DateTime => ColumnMetadata.DateTime(OptionalBoolean(column, key, "offset", name) ?? false, OptionalString(column, key, "format", name)),
                MetadataKind.Duration => ColumnMetadata.Duration(),
                MetadataKind.Identifier => ColumnMetadata.Identifier(OptionalString(column, key, "pattern", name)),
                _ => ColumnMetadata.Pii(Pii(RequiredString(column, key, "piiType", name), key, name)),
            };
        }
        catch (ArgumentException e)
        {
            string property = e.ParamName switch
            {
                "minimum" or "maximum" or "roundingDigits" or "categories" or "format" or "pattern" => "." + e.ParamName,
                _ => "",
            };
            throw Bad(key + property, e.Message.Split(" (Parameter", 2)[0].TrimEnd('.'), name);
        }
    }

    private static PiiType Pii(string text, string key, string name) =>
        Enum.GetValues<PiiType>().Cast<PiiType?>().FirstOrDefault(t => string.Equals(PiiName(t!.Value), text, StringComparison.OrdinalIgnoreCase))
        ?? throw Bad(key + ".piiType", $"'{text}' is not a PII type; use {string.Join(", ", Enum.GetValues<PiiType>().Select(PiiName))}", name);

    private static void CheckKeys(JsonElement element, string prefix, string[] allowed, string? column, MetadataKind? kind = null)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                continue;
            }

            var owner = KindKeys.Where(p => p.Value.Contains(property.Name, StringComparer.Ordinal)).Select(p => KindName(p.Key)).FirstOrDefault();
            string problem = owner is not null && kind is not null
                ? $"does not apply to a {KindName(kind.Value)} column (it is a key of {owner} columns)"
                : $"unknown key; the keys here are {string.Join(", ", allowed)}";
            throw Bad(prefix + property.Name, problem, column);
        }
    }

    private static string RequiredString(JsonElement column, string key, string property, string? name) =>
        OptionalString(column, key, property, name) ?? throw Bad($"{key}.{property}", "is missing", name);

    private static string? OptionalString(JsonElement column, string key, string property, string? name)
    {
        if (!column.TryGetProperty(property, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : throw Bad($"{key}.{property}", "must be a non-empty string", name);
    }

    private static bool? OptionalBoolean(JsonElement column, string key, string property, string name) =>
        !column.TryGetProperty(property, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad($"{key}.{property}", "must be true or false", name),
        };

    private static double? OptionalNumber(JsonElement column, string key, string property, string name) =>
        !column.TryGetProperty(property, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && double.IsFinite(d) ? d
        : throw Bad($"{key}.{property}", "must be a finite number", name);

    private static int? OptionalInteger(JsonElement column, string key, string property, string name) =>
        !column.TryGetProperty(property, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n
        : throw Bad($"{key}.{property}", "must be a whole number", name);

    private static string[] Strings(JsonElement list, string key, string name) =>
        list.ValueKind == JsonValueKind.Array && list.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String)
            ? list.EnumerateArray().Select(t => t.GetString()!).ToArray()
            : throw Bad(key, "must be a list of strings", name);

    private static InvalidDataException Bad(string key, string problem, string? column = null) =>
        new(column is null ? $"{key}: {problem}." : $"{key} (column '{column}'): {problem}.");
}
