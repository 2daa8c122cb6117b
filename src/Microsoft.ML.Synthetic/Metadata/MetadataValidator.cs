using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Metadata;

/// <summary>Checks a <see cref="TableMetadata"/> against a schema: every declared column exists, scalar, with a type its kind accepts.</summary>
internal static class MetadataValidator
{
    public static void Validate(TableMetadata metadata, DataViewSchema schema, string paramName)
    {
        var problems = new List<string>();
        foreach (var name in metadata.ColumnNames)
        {
            var declared = metadata[name];
            var column = schema.GetColumnOrNull(name);
            if (column is null || column.Value.IsHidden)
            {
                problems.Add($"column '{name}' is declared {declared} but the data has no such column");
                continue;
            }

            var type = column.Value.Type;
            if (!Accepts(declared, type))
            {
                problems.Add($"column '{name}' is declared {declared}, which expects {Expected(declared)}, but the data's column is {type}");
            }
        }

        if (problems.Count > 0)
        {
            var visible = schema.Where(c => !c.IsHidden).Select(c => c.Name);
            throw new ArgumentException(
                $"The data does not match the metadata: {string.Join("; ", problems)}. Change the metadata (TableMetadata.With) or the data; the data's columns are: {string.Join(", ", visible)}.",
                paramName);
        }
    }

    /// <summary>Whether a column of <paramref name="type"/> can hold a column declared <paramref name="declared"/>.</summary>
    public static bool Accepts(ColumnMetadata declared, DataViewType type) => declared.Kind switch
    {
        MetadataKind.Numerical => type is NumberDataViewType,
        MetadataKind.Categorical => type is TextDataViewType or KeyDataViewType or NumberDataViewType or BooleanDataViewType,
        MetadataKind.Boolean => type is BooleanDataViewType,
        MetadataKind.DateTime when declared.Format is not null => type is TextDataViewType,
        MetadataKind.DateTime => declared.HasOffset ? type is DateTimeOffsetDataViewType : type is DateTimeDataViewType,
        MetadataKind.Duration => type is TimeSpanDataViewType,
        MetadataKind.Identifier => type is TextDataViewType or KeyDataViewType || IsIntegerType(type),
        _ => type is TextDataViewType,
    };

    private static string Expected(ColumnMetadata declared) => declared.Kind switch
    {
        MetadataKind.Numerical => "a number column (Single, Double or an integer type)",
        MetadataKind.Categorical => "a text, key, number or Boolean column",
        MetadataKind.Boolean => "a Boolean column",
        MetadataKind.DateTime when declared.Format is not null => "a text column (dates written in the declared format)",
        MetadataKind.DateTime => declared.HasOffset ? "a DateTimeOffset column (or text with a declared format)" : "a DateTime column (or text with a declared format)",
        MetadataKind.Duration => "a TimeSpan column",
        MetadataKind.Identifier => "a text, key or integer column",
        _ => "a text column",
    };

    internal static bool IsIntegerType(DataViewType type) =>
        type is NumberDataViewType && type.RawType != typeof(float) && type.RawType != typeof(double);
}
