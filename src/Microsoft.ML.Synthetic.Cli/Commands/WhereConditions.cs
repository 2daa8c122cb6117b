using System.Globalization;

namespace Microsoft.ML.Synthetic.Cli.Commands;

/// <summary>
/// Turns <c>--where</c> values into <see cref="SampleConditions"/>: <c>column=category</c> for a categorical column
/// (<c>income=&gt;50K</c>; surrounding white space in the data is matched), <c>column=low..high</c> or
/// <c>column=value</c> for a continuous one; on a date or duration column the bounds are ISO 8601 dates
/// (<c>joined=1900-01-01..1999-12-31</c>, <c>stamp=2024-01-01T00:00Z..2024-02-01T00:00Z</c>) or TimeSpans (<c>wait=00:30:00..02:00:00</c>).
/// </summary>
internal static class WhereConditions
{
    /// <summary>The conditions, or null when there are none; a malformed value or an unknown column is a usage error.</summary>
    public static SampleConditions? Parse(IReadOnlyList<string> clauses, TabularSchema schema, string modelPath)
    {
        if (clauses.Count == 0)
        {
            return null;
        }

        var conditions = new SampleConditions();
        foreach (string clause in clauses)
        {
            int equals = clause.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? "" : clause[..equals].Trim();
            if (name.Length == 0)
            {
                throw CliException.Usage($"--where '{clause}': expected column=value (a category) or column=low..high (a range).");
            }

            int index = schema.IndexOf(name);
            if (index < 0)
            {
                throw CliException.Usage($"--where '{clause}': column '{name}' is not in the model {modelPath}; its columns are: {string.Join(", ", schema.Columns.Select(c => c.Name))}.");
            }

            string value = clause[(equals + 1)..];
            var column = schema.Columns[index];
            conditions[name] = column.Kind == ColumnKind.Categorical ? SampleCondition.Equal(value)
                : TimeRange(column, value) ?? Range(clause, value);
        }

        return conditions;
    }

    private static SampleCondition Range(string clause, string value)
    {
        string[] bounds = value.Split("..", 2);
        if (bounds.Length == 1)
        {
            bounds = [value, value];
        }

        if (!TryNumber(bounds[0], out double low) || !TryNumber(bounds[1], out double high) || low > high)
        {
            throw CliException.Usage($"--where '{clause}': the column is continuous: give a number or a range low..high with low ≤ high (e.g. age=30..40).");
        }

        return SampleCondition.Between(low, high);
    }

    /// <summary>
    /// A range of dates or durations on a DateTime, DateTimeOffset or TimeSpan column, or on a text column read as dates
    /// (its bounds then do not read as numbers); null when the column or the bounds are not of that kind.
    /// </summary>
    private static SampleCondition? TimeRange(TableColumnInfo column, string value)
    {
        string[] bounds = value.Split("..", 2);
        string low = bounds[0].Trim(), high = (bounds.Length == 1 ? bounds[0] : bounds[1]).Trim();
        var culture = CultureInfo.InvariantCulture;
        try
        {
            switch (column.OriginalType)
            {
                case Microsoft.ML.Data.DateTimeDataViewType:
                case Microsoft.ML.Data.TextDataViewType when !TryNumber(low, out _):
                    return DateTime.TryParse(low, culture, DateTimeStyles.RoundtripKind, out var a) && DateTime.TryParse(high, culture, DateTimeStyles.RoundtripKind, out var b)
                        ? SampleCondition.Between(a, b) : null;
                case Microsoft.ML.Data.DateTimeOffsetDataViewType:
                    return DateTimeOffset.TryParse(low, culture, DateTimeStyles.AssumeUniversal, out var c) && DateTimeOffset.TryParse(high, culture, DateTimeStyles.AssumeUniversal, out var d)
                        ? SampleCondition.Between(c, d) : null;
                case Microsoft.ML.Data.TimeSpanDataViewType:
                    return TimeSpan.TryParse(low, culture, out var e) && TimeSpan.TryParse(high, culture, out var f)
                        ? SampleCondition.Between(e, f) : null;
                default:
                    return null;
            }
        }
        catch (ArgumentException ex)
        {
            throw CliException.Usage($"--where '{column.Name}={value}': {ex.Message}", ex);
        }
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
