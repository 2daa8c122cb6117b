using Microsoft.ML.Synthetic.Transforms;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Privacy.DpTvae;

/// <summary>
/// The encoding of DP-TVAE and DP-CTGAN, built from declared public metadata only, so that it spends no privacy budget.
/// The usual <see cref="TabularEncoder.Fit"/> reads the private data without noise (Gaussian-mixture modes,
/// observed ranges, category frequencies, whether a column has missing values) and would leak it through the
/// model. Here the table is first restated against its declared metadata (<see cref="DeclaredMetadata"/>: declared
/// bounds and categories, undeclared categories as missing); then each continuous column gets one mode spanning its
/// declared bounds (a min-max scaling of α to [−1, 1]; values outside the bounds are clamped to them, silently, as
/// the noise steps do, because an error or a warning about them would itself reveal private values), every column
/// whose type can hold a missing value (floating point, text, key) gets a missing slot whether or not the data has
/// missing values, and each categorical column gets one slot per declared category.
/// </summary>
internal static class PublicMetadataEncoder
{
    /// <summary>
    /// The encoder of <paramref name="table"/>'s declared metadata, and the table restated against it (the rows to
    /// encode). <paramref name="model"/> names the synthesizer in errors. Throws naming the first column without declared metadata.
    /// </summary>
    public static (TabularEncoder Encoder, TabularData Declared) Build(TabularData table, DifferentialPrivacyOptions privacy, string model) =>
        Build(table, privacy.PublicBounds, privacy.PublicCategories, model, nameof(DifferentialPrivacyOptions));

    /// <summary>
    /// Builds the encoder from declared <paramref name="publicBounds"/> and <paramref name="publicCategories"/>;
    /// <paramref name="model"/> and <paramref name="optionsName"/> name the synthesizer and its options class in errors.
    /// </summary>
    public static (TabularEncoder Encoder, TabularData Declared) Build(TabularData table, IDictionary<string, (double Lower, double Upper)> publicBounds, IDictionary<string, IReadOnlyList<string>> publicCategories, string model, string optionsName)
    {
        var declared = DeclaredMetadata.Restate(table, publicBounds, publicCategories, model, optionsName);
        var schema = declared.Schema;
        var transformers = new ColumnTransformer[schema.Columns.Count];
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            var info = schema.Columns[i];
            bool canHoldMissing = DeclaredMetadata.CanHoldMissing(info.OriginalType);
            transformers[i] = info.Kind == ColumnKind.Continuous
                ? ModeSpecificTransformer.Create(info, ModeSpecificNormalizer.FromPublicBounds(info.Name, info.Min, info.Max), info.IsInteger, canHoldMissing)
                : OneHotTransformer.FromSchema(info, canHoldMissing);
        }

        return (TabularEncoder.FromTransformers(schema, transformers), declared);
    }
}
