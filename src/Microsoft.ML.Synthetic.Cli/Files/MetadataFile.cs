using System.Text.Json;

namespace Microsoft.ML.Synthetic.Cli.Files;

/// <summary>
/// Reads a metadata JSON file: the column list of CTGAN/SDV-style metadata (as <c>examples/data/adult.json</c>), plus
/// optional reading settings. Every key is checked, and a bad one is an input error naming the file and the key:
/// <code>
/// {
///   "columns": [ { "name": "age", "type": "continuous" }, { "name": "zip", "type": "categorical" } ],
///   "missingTokens": ["?", "NA"],     // unquoted fields meaning "missing" (an empty field always is)
///   "numbersAsDouble": false,         // read numbers as Double instead of Single
///   "separator": ","                  // the CSV field separator
/// }
/// </code>
/// Column types: <c>continuous</c> (alias <c>numerical</c>): numbers, an error if a field is not one;
/// <c>categorical</c>, <c>ordinal</c> or <c>boolean</c>: categories, read as text so that digits stay categories
/// (an ordinal's order is not modelled). Columns the file does not name are detected.
/// </summary>
internal static class MetadataFile
{
    private static readonly string[] TopKeys = ["columns", "missingTokens", "numbersAsDouble", "separator"];
    private static readonly string[] ColumnKeys = ["name", "type"];

    /// <summary>The metadata in <paramref name="path"/>, or the detected defaults when <paramref name="path"/> is null.</summary>
    public static TableMetadata Load(string? path)
    {
        if (path is null)
        {
            return TableMetadata.Detected;
        }

        string text = FileErrors.Guard(path, "reading the metadata", () => File.ReadAllText(path));
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return Parse(path, document.RootElement);
        }
        catch (JsonException e)
        {
            throw CliException.Input($"{path}: not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }
    }

    private static TableMetadata Parse(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad(path, "(root)", "must be a JSON object with a \"columns\" list");
        }

        CheckKeys(path, root, "", TopKeys);
        var columns = new Dictionary<string, (ColumnKind, string)>(StringComparer.Ordinal);
        var csvTypes = new Dictionary<string, CsvColumnType>(StringComparer.Ordinal);
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

                CheckKeys(path, column, key + ".", ColumnKeys);
                string name = RequiredString(path, column, key, "name");
                string type = RequiredString(path, column, key, "type");
                var (kind, csvType) = type.ToUpperInvariant() switch
                {
                    "CONTINUOUS" or "NUMERICAL" => (ColumnKind.Continuous, CsvColumnType.Number),
                    "CATEGORICAL" or "ORDINAL" or "BOOLEAN" => (ColumnKind.Categorical, CsvColumnType.Text),
                    _ => throw Bad(path, key + ".type", $"'{type}' is not a column type; use continuous, categorical, ordinal or boolean"),
                };
                if (!columns.TryAdd(name, (kind, key + ".name")))
                {
                    throw Bad(path, key + ".name", $"column '{name}' is declared twice");
                }

                csvTypes[name] = csvType;
            }
        }

        return new TableMetadata
        {
            Source = path,
            Columns = columns,
            CsvOptions = new CsvReadOptions
            {
                Separator = root.TryGetProperty("separator", out var s) ? Separator(path, s) : ',',
                MissingTokens = root.TryGetProperty("missingTokens", out var m) ? Tokens(path, m) : new CsvReadOptions().MissingTokens,
                NumbersAsDouble = root.TryGetProperty("numbersAsDouble", out var d) && Boolean(path, d, "numbersAsDouble"),
                ColumnTypes = csvTypes,
            },
        };
    }

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
