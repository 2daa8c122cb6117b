using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Preprocessing;

namespace Microsoft.ML.Synthetic.Privacy.DpTvae;

/// <summary>
/// The encoding of DP-TVAE, built from declared public metadata only, so that it spends no privacy budget.
/// The usual <see cref="TabularEncoder.Fit"/> reads the private data without noise (Gaussian-mixture modes,
/// observed ranges, category frequencies, whether a column has missing values) and would leak it through the
/// model. Here each continuous column gets one mode spanning its declared bounds (a min-max scaling of α to
/// [−1, 1]; values outside the bounds are clamped to them, as the noise steps do, because an error or a warning
/// about them would itself reveal private values), every column whose type can hold a missing value (floating point, text, key) gets a missing slot whether
/// or not the data has missing values,
/// and each categorical column gets one slot per schema category, which must all be declared.
/// </summary>
internal static class PublicMetadataEncoder
{
    /// <summary>Builds the encoder for <paramref name="table"/>'s schema; throws naming the first column without public metadata.</summary>
    public static TabularEncoder Build(TabularData table, TvaeOptions options) =>
        Build(table, options.PublicBounds, options.PublicCategories, "differentially private TVAE", nameof(TvaeOptions));

    /// <summary>
    /// Builds the encoder from declared <paramref name="publicBounds"/> and <paramref name="publicCategories"/>;
    /// <paramref name="model"/> and <paramref name="optionsName"/> name the synthesizer and its options class in errors.
    /// </summary>
    public static TabularEncoder Build(TabularData table, IDictionary<string, (double Lower, double Upper)> publicBounds, IDictionary<string, IReadOnlyList<string>> publicCategories, string model, string optionsName)
    {
        var schema = table.Schema;
        var layouts = new ColumnLayout[schema.Columns.Count];
        int position = 0;
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            var info = schema.Columns[i];
            if (info.Kind == ColumnKind.Continuous)
            {
                if (!publicBounds.TryGetValue(info.Name, out var bounds))
                {
                    throw new ArgumentException(
                        $"Column '{info.Name}' is continuous but has no declared public bounds: {model} never derives bounds from the private data. Add {optionsName}.{nameof(TvaeOptions.PublicBounds)}[\"{info.Name}\"] = (lower, upper) from domain knowledge.",
                        nameof(publicBounds));
                }

                var normalizer = ModeSpecificNormalizer.FromPublicBounds(info.Name, bounds.Lower, bounds.Upper);
                var alpha = new OutputSpan(position, 1, SpanActivation.Tanh);
                var modes = new OutputSpan(alpha.End, 1, SpanActivation.Softmax);
                OutputSpan? missing = CanHoldMissing(info) ? new OutputSpan(modes.End, 2, SpanActivation.Softmax) : null;
                layouts[i] = new ColumnLayout(i, normalizer, info.IsInteger, alpha, modes, missing);
                position = (missing ?? modes).End;
            }
            else
            {
                if (!publicCategories.TryGetValue(info.Name, out var declared))
                {
                    throw new ArgumentException(
                        $"Column '{info.Name}' is categorical but has no declared public categories: {model} never derives categories from the private data. Add {optionsName}.{nameof(TvaeOptions.PublicCategories)}[\"{info.Name}\"] = [...] from domain knowledge.",
                        nameof(publicCategories));
                }

                var set = new HashSet<string>(declared, StringComparer.Ordinal);
                foreach (var category in info.Categories)
                {
                    if (!set.Contains(category))
                    {
                        throw new ArgumentException(
                            $"Column '{info.Name}' holds category '{category}', which is not among its declared public categories ({string.Join(", ", declared)}).",
                            nameof(publicCategories));
                    }
                }

                var encoding = CategoricalEncoding.FromSchema(info.Name, info.Categories.Count, CanHoldMissing(info));
                var oneHot = new OutputSpan(position, encoding.Width, SpanActivation.Softmax);
                layouts[i] = new ColumnLayout(i, encoding, oneHot);
                position = oneHot.End;
            }
        }

        return TabularEncoder.FromLayouts(schema, layouts);
    }

    /// <summary>Whether the column's type can hold a missing value (floating point, text, key) — public, unlike whether the data has any.</summary>
    private static bool CanHoldMissing(TableColumnInfo info) =>
        info.OriginalType is TextDataViewType or KeyDataViewType
        || info.OriginalType.RawType == typeof(float) || info.OriginalType.RawType == typeof(double);
}
