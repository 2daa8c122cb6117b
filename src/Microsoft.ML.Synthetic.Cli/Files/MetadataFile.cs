using System.Text.Json;
using System.Text.Json.Nodes;

namespace Microsoft.ML.Synthetic.Cli.Files;

/// <summary>
/// Reads a metadata JSON file. The library's format (<see cref="TableMetadata"/>, as <c>examples/data/adult.json</c>;
/// see the library's Metadata/README.md) is read when the file has a <c>schemaVersion</c>; synthml adds three optional
/// reading settings to it. Every key is checked, and a bad one is an input error naming the file and the key:
/// <code>
/// {
///   "schemaVersion": 1,
///   "columns": [ { "name": "age", "kind": "numerical", "integer": true }, { "name": "zip", "kind": "categorical" } ],
///   "missingTokens": ["?", "NA"],     // unquoted fields meaning "missing" (an empty field always is)
///   "numbersAsDouble": false,         // read numbers as Double instead of Single
///   "separator": ","                  // the CSV field separator
/// }
/// </code>
/// synthml models <c>numerical</c> columns (numbers, an error if a field is not one), <c>categorical</c> or
/// <c>boolean</c> ones (categories, read as text so that digits stay categories), <c>datetime</c> ones (with a
/// <c>format</c>: text in that format, written back in it; without: ISO 8601 DateTime, or DateTimeOffset with
/// <c>"offset": true</c>) and <c>duration</c> ones (TimeSpan, <c>[-][d.]hh:mm:ss[.fffffff]</c>); identifier and pii
/// columns are refused until its synthesizers model them. Columns the file does not name are detected. Files without <c>schemaVersion</c> are
/// read in the earlier CTGAN/SDV-style form, columns with a <c>type</c> of <c>continuous</c> (alias <c>numerical</c>),
/// <c>categorical</c>, <c>ordinal</c> (its order is not modelled) or <c>boolean</c>.
/// </summary>
internal static class MetadataFile
{
    private static readonly string[] SettingKeys = ["missingTokens", "numbersAsDouble", "separator"];
    private static readonly string[] LegacyTopKeys = ["columns", .. SettingKeys];
    private static readonly string[] LegacyColumnKeys = ["name", "type"];

    /// <summary>The metadata in <paramref name="path"/>, or the detected defaults when <paramref name="path"/> is null.</summary>
    public static MetadataSettings Load(string? path)
    {
        if (path is null)
        {
            return MetadataSettings.Detected;
        }

        string text = FileErrors.Guard(path, "reading the metadata", () => File.ReadAllText(path));
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, "(root)", "must be a JSON object with \"schemaVersion\": 1 and a \"columns\" list");
            }

            var metadata = root.TryGetProperty("schemaVersion", out _) ? Library(path, root) : Legacy(path, root);
            return Settings(path, root, metadata);
        }
        catch (JsonException e)
        {
            throw CliException.Input($"{path}: not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }
    }

    /// <summary>The library's format: the reading settings taken out, the rest read by <see cref="TableMetadata.Load(Stream)"/>.</summary>
    private static TableMetadata Library(string path, JsonElement root)
    {
        var node = JsonObject.Create(root)!;
        foreach (var key in SettingKeys)
        {
            node.Remove(key);
        }

        TableMetadata metadata;
        try
        {
            using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(node));
            metadata = TableMetadata.Load(stream);
        }
        catch (InvalidDataException e)
        {
            throw CliException.Input($"{path}: {e.Message}", e);
        }

        for (int i = 0; i < metadata.Count; i++)
        {
            var column = metadata[metadata.ColumnNames[i]];
            if (column.Kind is not (MetadataKind.Numerical or MetadataKind.Categorical or MetadataKind.Boolean or MetadataKind.DateTime or MetadataKind.Duration))
            {
                throw Bad(path, $"columns[{i}].kind", $"column '{metadata.ColumnNames[i]}' is declared {column}: synthml's synthesizers model numerical, categorical, boolean, datetime and duration columns; declare it one of these, or leave the column out of the table");
            }
        }

        return metadata;
    }

    /// <summary>The earlier form: <c>{ "name", "type" }</c> columns.</summary>
    private static TableMetadata Legacy(string path, JsonElement root)
    {
        CheckKeys(path, root, "", LegacyTopKeys);
        var metadata = TableMetadata.Empty;
        if (root.TryGetProperty("columns", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Bad(path, "columns", "must be a list of { \"name\": ..., \"type\": ... } objects");
            }

            int i = 0;
            foreach (var column in list.EnumerateArray())
            {
                string key = $"columns[{i++}]";
                if (column.ValueKind != JsonValueKind.Object)
                {
                    throw Bad(path, key, "must be an object { \"name\": ..., \"type\": ... }");
                }

                CheckKeys(path, column, key + ".", LegacyColumnKeys);
                string name = RequiredString(path, column, key, "name");
                string type = RequiredString(path, column, key, "type");
                var declared = type.ToUpperInvariant() switch
                {
                    "CONTINUOUS" or "NUMERICAL" => ColumnMetadata.Numerical(),
                    "CATEGORICAL" or "ORDINAL" or "BOOLEAN" => ColumnMetadata.Categorical(),
                    _ => throw Bad(path, key + ".type", $"'{type}' is not a column type; use continuous, categorical, ordinal or boolean"),
                };
                if (metadata.TryGetColumn(name, out _))
                {
                    throw Bad(path, key + ".name", $"column '{name}' is declared twice");
                }

                metadata = metadata.With(name, declared);
            }
        }

        return metadata;
    }

    private static MetadataSettings Settings(string path, JsonElement root, TableMetadata metadata) => new()
    {
        Source = path,
        Metadata = metadata,
        CsvOptions = new CsvReadOptions
        {
            Separator = root.TryGetProperty("separator", out var s) ? Separator(path, s) : ',',
            MissingTokens = root.TryGetProperty("missingTokens", out var m) ? Tokens(path, m) : new CsvReadOptions().MissingTokens,
            NumbersAsDouble = root.TryGetProperty("numbersAsDouble", out var d) && Boolean(path, d, "numbersAsDouble"),
            ColumnTypes = metadata.ColumnNames.ToDictionary(n => n, n => CsvType(metadata[n]), StringComparer.Ordinal),
        },
    };

    /// <summary>
    /// How a declared column is read from CSV: numbers; a datetime with a format as text (the synthesizers parse it in
    /// that format and write it back in it); a datetime without one as ISO 8601 DateTime or DateTimeOffset; a duration
    /// as TimeSpan; anything else as text.
    /// </summary>
    private static CsvColumnType CsvType(ColumnMetadata column) => column.Kind switch
    {
        MetadataKind.Numerical => CsvColumnType.Number,
        MetadataKind.DateTime when column.Format is null => column.HasOffset ? CsvColumnType.DateTimeOffset : CsvColumnType.DateTime,
        MetadataKind.Duration => CsvColumnType.TimeSpan,
        _ => CsvColumnType.Text,
    };

    private static void CheckKeys(string path, JsonElement element, string prefix, string[] allowed)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Bad(path, prefix + property.Name, $"unknown key; the keys here are {string.Join(", ", allowed)}");
            }
        }
    }

    private static string RequiredString(string path, JsonElement column, string key, string property)
    {
        if (!column.TryGetProperty(property, out var value))
        {
            throw Bad(path, $"{key}.{property}", "is missing");
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Bad(path, $"{key}.{property}", "must be a non-empty string");
        }

        return value.GetString()!;
    }

    private static char Separator(string path, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: 1 } s
            ? s[0]
            : throw Bad(path, "separator", "must be a string of one character, such as \",\" or \";\"");

    private static HashSet<string> Tokens(string path, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
        {
            throw Bad(path, "missingTokens", "must be a list of strings, such as [\"?\", \"NA\"]");
        }

        return value.EnumerateArray().Select(t => t.GetString()!.Trim()).ToHashSet(StringComparer.Ordinal);
    }

    private static bool Boolean(string path, JsonElement value, string key) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Bad(path, key, "must be true or false"),
    };

    private static CliException Bad(string path, string key, string problem) => CliException.Input($"{path}: {key}: {problem}.");
}
