namespace Microsoft.ML.Synthetic.Metadata;

/// <summary>The declared public knowledge of a <see cref="TableMetadata"/> in the form differentially private synthesizers take it.</summary>
internal static class PublicMetadata
{
    /// <summary>Copies declared bounds (both ends declared) and declared category lists into the two dictionaries.</summary>
    public static void CopyTo(TableMetadata metadata, IDictionary<string, (double Lower, double Upper)> bounds, IDictionary<string, IReadOnlyList<string>> categories)
    {
        foreach (var name in metadata.ColumnNames)
        {
            var column = metadata[name];
            if (column.Kind == MetadataKind.Numerical && column.Minimum is double lower && column.Maximum is double upper)
            {
                bounds[name] = (lower, upper);
            }
            else if (column.Kind == MetadataKind.Categorical && column.Categories is { } list)
            {
                categories[name] = list;
            }
        }
    }
}
