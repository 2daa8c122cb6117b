using System.Globalization;
using Microsoft.ML.Synthetic.Metadata.Generators;

namespace Microsoft.ML.Synthetic.Evaluation.Metadata;

/// <summary>
/// Takes the identifier and personal-information columns that the metadata declares out of the tables before they are
/// scored (synthesizers regenerate them rather than model them, so their shapes and pairs say nothing) and checks them:
/// duplicate ids and values copied from the real table (<see cref="MetadataColumnCheck"/>).
/// </summary>
internal static class GeneratedColumnChecks
{
    public static (TabularData Real, TabularData Synthetic, TabularData? Holdout, IReadOnlyList<MetadataColumnCheck> Checks) Split(
        TabularData real, TabularData synthetic, TabularData? holdout, TableMetadata? metadata)
    {
        if (metadata is null)
        {
            return (real, synthetic, holdout, []);
        }

        var declared = real.Columns.Select(c => c.Name)
            .Where(n => metadata.TryGetColumn(n, out var m) && m.Kind is MetadataKind.Identifier or MetadataKind.Pii).ToArray();
        if (declared.Length == 0)
        {
            return (real, synthetic, holdout, []);
        }

        if (declared.Length == real.Columns.Count)
        {
            throw new ArgumentException($"Every column ({string.Join(", ", declared)}) is declared an identifier or personal information; the evaluation needs at least one other column to score.", nameof(metadata));
        }

        var checks = new List<MetadataColumnCheck>();
        foreach (var name in declared)
        {
            if (synthetic.IndexOf(name) < 0)
            {
                throw new ArgumentException($"The synthetic table has no column '{name}', which the real table has (declared {metadata[name]}).", nameof(synthetic));
            }

            checks.Add(Check(name, metadata[name], real[name], synthetic[name]));
        }

        return (Without(real, declared), Without(synthetic, declared), holdout is null ? null : Without(holdout, declared), checks);
    }

    private static MetadataColumnCheck Check(string name, ColumnMetadata metadata, TableColumn real, TableColumn synthetic)
    {
        string Key(string value) => metadata.PiiType is { } type ? PiiNormalization.Normalize(type, value) : value;
        var realValues = new HashSet<string>(Values(real).Select(Key), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int count = 0, duplicates = 0, copied = 0;
        foreach (var value in Values(synthetic))
        {
            count++;
            if (!seen.Add(value))
            {
                duplicates++;
            }

            if (realValues.Contains(Key(value)))
            {
                copied++;
            }
        }

        return new MetadataColumnCheck(name, metadata, count, duplicates, copied);
    }

    /// <summary>The non-missing values of a column as text (numbers in round-trip form).</summary>
    private static IEnumerable<string> Values(TableColumn column) => column switch
    {
        CategoricalColumn c => c.Codes.Where(k => k >= 0).Select(k => c.Categories[k]),
        ContinuousColumn c => c.Values.Where(v => !double.IsNaN(v)).Select(v => v.ToString("R", CultureInfo.InvariantCulture)),
        _ => [],
    };

    private static TabularData Without(TabularData table, string[] names)
    {
        var kept = Enumerable.Range(0, table.Columns.Count).Where(i => !names.Contains(table.Columns[i].Name)).ToArray();
        return new TabularData(new TabularSchema(kept.Select(i => table.Schema.Columns[i]).ToArray()), kept.Select(i => table.Columns[i]).ToArray());
    }
}
