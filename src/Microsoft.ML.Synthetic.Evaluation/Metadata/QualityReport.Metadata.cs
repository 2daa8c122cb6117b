namespace Microsoft.ML.Synthetic;

public sealed partial class QualityReport
{
    /// <summary>
    /// The checks of the identifier and personal-information columns declared in the metadata
    /// (<see cref="TabularDataOptions.Metadata"/> of <see cref="EvaluationOptions.ReadOptions"/>); empty when none is
    /// declared. Those columns are left out of every other figure.
    /// </summary>
    public IReadOnlyList<MetadataColumnCheck> MetadataChecks { get; internal set; } = [];

    /// <summary>The figures of <see cref="MetadataChecks"/> in <see cref="Scores"/>: counts, each 0 when all is well.</summary>
    private void AddMetadataScores(Action<string, double> add)
    {
        var ids = MetadataChecks.Where(c => c.Kind == MetadataKind.Identifier).ToArray();
        var pii = MetadataChecks.Where(c => c.Kind == MetadataKind.Pii).ToArray();
        if (ids.Length > 0)
        {
            add("metadata.identifier_duplicates", ids.Sum(c => c.DuplicateValues));
            add("metadata.identifiers_copied_from_training", ids.Sum(c => c.ValuesCopiedFromTraining));
        }

        if (pii.Length > 0)
        {
            add("metadata.pii_copied_from_training", pii.Sum(c => c.ValuesCopiedFromTraining));
        }
    }
}
