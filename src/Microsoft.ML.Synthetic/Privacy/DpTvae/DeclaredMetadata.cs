using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Privacy.DpTvae;

/// <summary>
/// The schema a differentially private synthesizer carries and saves, built from what the user declared and from
/// the column types only — never from what the private rows hold. <see cref="TabularData.FromDataView"/> records each
/// column's observed minimum and maximum, its observed category set (in the order of the observed texts), whether an
/// untyped number column held only whole numbers, and which missing-value token was most frequent: each of these is
/// a statistic of the private rows, and a model file holding them would release it outside the privacy ledger.
/// Here, per column:
/// <list type="bullet">
/// <item>continuous: the declared bounds stand in for the minimum and maximum; whole-number rounding follows the
/// type alone (an integer type);</item>
/// <item>categorical: the declared categories, in ordinal order as the reader orders categories (Boolean columns: False
/// and True, from the type); a key column gets a key type with as many keys as declared categories and those
/// categories, in declared order, as key values;</item>
/// <item>the text written for a generated missing value of a text column: the empty string (which the reader takes
/// back as missing), not the missing-value token the private rows used most;</item>
/// <item>no source annotations (they may describe the private data, e.g. key values learned from it).</item>
/// </list>
/// The private rows are then restated against that schema: category codes are mapped to the declared positions, and
/// a value that was not declared becomes a missing value — silently, since an error or warning would reveal that
/// the private rows hold it. A column whose type cannot hold a missing value (an integer type read as categorical)
/// and holds an undeclared value is an error that names the column but not the value.
/// </summary>
internal static class DeclaredMetadata
{
    /// <summary>
    /// <paramref name="table"/> restated against the schema of its declared metadata (see the class remarks).
    /// <paramref name="model"/> and <paramref name="optionsName"/> name the synthesizer and its options class in errors.
    /// </summary>
    /// <exception cref="ArgumentException">A column has no declared metadata, or an integer-typed categorical column holds an undeclared value (the message names the column, never a value of it).</exception>
    public static TabularData Restate(TabularData table, IDictionary<string, (double Lower, double Upper)> publicBounds, IDictionary<string, IReadOnlyList<string>> publicCategories, string model, string optionsName)
    {
        var infos = new TableColumnInfo[table.Columns.Count];
        var columns = new TableColumn[table.Columns.Count];
        for (int i = 0; i < table.Columns.Count; i++)
        {
            var observed = table.Schema.Columns[i];
            var type = observed.OriginalType;
            if (table.Columns[i] is ContinuousColumn continuous)
            {
                if (!publicBounds.TryGetValue(observed.Name, out var bounds))
                {
                    throw new ArgumentException(
                        $"Column '{observed.Name}' is continuous but has no declared public bounds: {model} never derives bounds from the private data. Add {optionsName}.{nameof(DifferentialPrivacyOptions.PublicBounds)}[\"{observed.Name}\"] = (lower, upper) from domain knowledge{(observed.Temporal is null ? "" : observed.Temporal.IsPointInTime ? ", in seconds since 1970-01-01T00:00:00 for this date and time column" : ", in seconds for this duration column")}.",
                        nameof(publicBounds));
                }

                bool whole = DataViewTypeCodes.IsInteger(type);
                // A date column keeps its declared text format; its rounding step and offset were learned from the rows: dropped.
                var temporal = observed.Temporal?.Learned(1, TimeSpan.Zero);
                infos[i] = new TableColumnInfo(observed.Name, ColumnKind.Continuous, type, whole, [], bounds.Lower, bounds.Upper, missingText: null, originalAnnotations: null, temporal);
                columns[i] = new ContinuousColumn(observed.Name, continuous.Values, whole);
            }
            else
            {
                var categorical = (CategoricalColumn)table.Columns[i];
                var declared = DeclaredCategories(observed, publicCategories, model, optionsName);
                if (type is KeyDataViewType key)
                {
                    type = new KeyDataViewType(key.RawType, declared.Count);
                }

                infos[i] = new TableColumnInfo(observed.Name, ColumnKind.Categorical, type, false, declared, double.NaN, double.NaN, missingText: null, originalAnnotations: null);
                columns[i] = new CategoricalColumn(observed.Name, Recode(categorical, declared, CanHoldMissing(type)), declared);
            }
        }

        return new TabularData(new TabularSchema(infos), columns);
    }

    /// <summary>Whether a value of the type can be missing (floating point, text, key) — a property of the type, not of the data.</summary>
    public static bool CanHoldMissing(DataViewType type) =>
        type is TextDataViewType or KeyDataViewType || type.RawType == typeof(float) || type.RawType == typeof(double);

    private static IReadOnlyList<string> DeclaredCategories(TableColumnInfo observed, IDictionary<string, IReadOnlyList<string>> publicCategories, string model, string optionsName)
    {
        if (observed.OriginalType is BooleanDataViewType)
        {
            return [bool.FalseString, bool.TrueString];
        }

        if (!publicCategories.TryGetValue(observed.Name, out var declared))
        {
            throw new ArgumentException(
                $"Column '{observed.Name}' is categorical but has no declared public categories: {model} never derives categories from the private data. Add {optionsName}.{nameof(DifferentialPrivacyOptions.PublicCategories)}[\"{observed.Name}\"] = [...] from domain knowledge.",
                nameof(publicCategories));
        }

        if (declared.Distinct(StringComparer.Ordinal).Count() != declared.Count)
        {
            throw new ArgumentException($"Column '{observed.Name}': the declared public categories list a category twice.", nameof(publicCategories));
        }

        if (observed.OriginalType is NumberDataViewType && declared.FirstOrDefault(c => !double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) is { } bad)
        {
            throw new ArgumentException($"Column '{observed.Name}' is a number column read as categorical, but its declared category '{bad}' is not a number.", nameof(publicCategories));
        }

        if (observed.OriginalType is KeyDataViewType key && (ulong)declared.Count > MaxKeys(key.RawType))
        {
            throw new ArgumentException($"Column '{observed.Name}' is a key column of {key.RawType.Name}, which cannot hold {declared.Count} declared categories.", nameof(publicCategories));
        }

        return observed.OriginalType is KeyDataViewType ? [.. declared] : [.. declared.Order(StringComparer.Ordinal)];
    }

    private static ulong MaxKeys(Type raw) =>
        raw == typeof(byte) ? byte.MaxValue : raw == typeof(ushort) ? ushort.MaxValue : uint.MaxValue;

    /// <summary>The codes of <paramref name="column"/> as positions in <paramref name="declared"/>; an undeclared category becomes missing (-1).</summary>
    private static int[] Recode(CategoricalColumn column, IReadOnlyList<string> declared, bool canHoldMissing)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int d = 0; d < declared.Count; d++)
        {
            position[declared[d]] = d;
        }

        var map = column.Categories.Select(c => position.TryGetValue(c, out int d) ? d : -1).ToArray();
        var codes = new int[column.Length];
        for (int r = 0; r < codes.Length; r++)
        {
            int code = column.Codes[r];
            codes[r] = code < 0 ? -1 : map[code];
            if (codes[r] < 0 && code >= 0 && !canHoldMissing)
            {
                throw new ArgumentException(
                    $"Column '{column.Name}' holds a value that is not among its declared public categories, and its type cannot hold a missing value to stand for it. Declare every possible value of the column, or read it as text (undeclared text values are treated as missing).",
                    nameof(column));
            }
        }

        return codes;
    }
}
