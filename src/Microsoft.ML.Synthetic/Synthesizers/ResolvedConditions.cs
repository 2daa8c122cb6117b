using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Synthesizers;

/// <summary>One validated condition: a column index with a category code, or a range.</summary>
/// <param name="ColumnIndex">The column's index in the synthesizer's <see cref="TabularSchema"/>.</param>
/// <param name="Category">The required category code of a categorical column (-1 for a range).</param>
/// <param name="Lower">The smallest allowed value of a continuous column.</param>
/// <param name="Upper">The largest allowed value of a continuous column.</param>
internal sealed record ResolvedCondition(int ColumnIndex, int Category, double Lower, double Upper)
{
    /// <summary>Whether this condition fixes a category.</summary>
    public bool IsCategory => Category >= 0;

    /// <summary>Whether <paramref name="value"/> (a category code or a number) satisfies the condition.</summary>
    public bool IsSatisfiedBy(double value) => IsCategory ? value == Category : value >= Lower && value <= Upper;
}

/// <summary>Conditions checked against a synthesizer's schema, by column index.</summary>
internal sealed class ResolvedConditions
{
    private readonly ResolvedCondition?[] _byColumn;

    internal ResolvedConditions(int columnCount, IReadOnlyList<ResolvedCondition> items)
    {
        Items = items;
        _byColumn = new ResolvedCondition?[columnCount];
        foreach (var c in items)
        {
            _byColumn[c.ColumnIndex] = c;
        }
    }

    /// <summary>The conditions, in the order they were given.</summary>
    public IReadOnlyList<ResolvedCondition> Items { get; }

    /// <summary>The condition on column <paramref name="columnIndex"/>, or null.</summary>
    public ResolvedCondition? For(int columnIndex) => _byColumn[columnIndex];

    /// <summary>
    /// Checks <paramref name="conditions"/> against <paramref name="schema"/>: an unknown column, a category never
    /// seen in training, a range on a categorical column or a range outside the observed values is an error that
    /// names the column.
    /// </summary>
    public static ResolvedConditions? Resolve(TabularSchema schema, SampleConditions? conditions)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (conditions is null || conditions.Count == 0)
        {
            return null;
        }

        var items = new List<ResolvedCondition>();
        foreach (var (name, condition) in conditions)
        {
            int index = schema.IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException($"The condition names column '{name}', which the synthesizer was not trained on. Columns: {string.Join(", ", schema.Columns.Select(c => c.Name))}.", nameof(conditions));
            }

            var info = schema.Columns[index];
            if (info.Kind == ColumnKind.Categorical)
            {
                if (!condition.IsCategory)
                {
                    throw new ArgumentException($"Column '{name}' is categorical; condition it on a category, not a range.", nameof(conditions));
                }

                int code = IndexOf(info.Categories, condition.Category!);
                if (code < 0)
                {
                    var known = string.Join(", ", info.Categories.Take(20).Select(c => $"'{c}'"));
                    throw new ArgumentException($"Column '{name}' never had the value '{condition.Category}' in training. Known values: {known}{(info.Categories.Count > 20 ? ", …" : "")}.", nameof(conditions));
                }

                items.Add(new ResolvedCondition(index, code, double.NaN, double.NaN));
            }
            else
            {
                double lower = condition.Lower, upper = condition.Upper;
                if (condition.IsCategory)
                {
                    if (!double.TryParse(condition.Category, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x))
                    {
                        throw new ArgumentException($"Column '{name}' is continuous; condition it on a range (SampleCondition.Between), not on '{condition.Category}'.", nameof(conditions));
                    }

                    lower = upper = x;
                }

                if (info.Temporal is { } temporal)
                {
                    (lower, upper) = TemporalRange(name, temporal, info, condition, lower, upper);
                }
                else if (condition.Temporal is { } source)
                {
                    throw new ArgumentException($"Column '{name}' is not a date, time or duration column; condition it with SampleCondition.Between(double, double), not with a {source} range.", nameof(conditions));
                }
                else if (upper < info.Min || lower > info.Max)
                {
                    throw new ArgumentException($"The range [{lower}, {upper}] for column '{name}' lies outside the training values [{info.Min}, {info.Max}].", nameof(conditions));
                }

                items.Add(new ResolvedCondition(index, -1, lower, upper));
            }
        }

        return new ResolvedConditions(schema.Columns.Count, items);
    }

    /// <summary>
    /// A range on a date, time or duration column: of the column's type, overlapping the training values, and narrowed
    /// to the multiples of the column's step in it (so values rounded to whole days stay in the range).
    /// </summary>
    private static (double Lower, double Upper) TemporalRange(string name, TemporalEncoding temporal, TableColumnInfo info, SampleCondition condition, double lower, double upper)
    {
        if (condition.Temporal is { } source && !Compatible(source, temporal.Source))
        {
            string wanted = temporal.Source switch
            {
                TemporalSource.TimeSpan => nameof(TimeSpan),
                TemporalSource.DateTimeOffset or TemporalSource.TextWithOffset => nameof(DateTimeOffset),
                _ => nameof(DateTime),
            };
            throw new ArgumentException($"Column '{name}' holds {(temporal.Source == TemporalSource.TimeSpan ? "durations" : "dates and times")}; condition it with SampleCondition.Between({wanted}, {wanted}), not with a {source} range.", nameof(condition));
        }

        if (upper < info.Min || lower > info.Max)
        {
            throw new ArgumentException($"The range [{temporal.Describe(lower)}, {temporal.Describe(upper)}] for column '{name}' lies outside the training values [{temporal.Describe(info.Min)}, {temporal.Describe(info.Max)}].", nameof(condition));
        }

        return temporal.SnapRange(lower, upper)
            ?? throw new ArgumentException($"The range [{temporal.Describe(lower)}, {temporal.Describe(upper)}] for column '{name}' holds no value of the column's step ({TimeSpan.FromTicks(temporal.StepTicks).ToString("c", System.Globalization.CultureInfo.InvariantCulture)}: the training values were whole multiples of it). Widen the range.", nameof(condition));
    }

    private static bool Compatible(TemporalSource condition, TemporalSource column) => condition switch
    {
        TemporalSource.DateTime => column is TemporalSource.DateTime or TemporalSource.Text,
        TemporalSource.DateTimeOffset => column is TemporalSource.DateTimeOffset or TemporalSource.TextWithOffset,
        _ => column == condition,
    };

    private static int IndexOf(IReadOnlyList<string> categories, string value)
    {
        for (int i = 0; i < categories.Count; i++)
        {
            if (string.Equals(categories[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        // No exact match: accept the one category that equals the value once white space is trimmed
        // (Adult's " >50K" for ">50K"); an ambiguous or absent match stays unseen.
        int found = -1;
        for (int i = 0; i < categories.Count; i++)
        {
            if (categories[i].AsSpan().Trim().SequenceEqual(value.AsSpan().Trim()))
            {
                if (found >= 0)
                {
                    return -1;
                }

                found = i;
            }
        }

        return found;
    }
}
