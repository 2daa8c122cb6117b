using System.Globalization;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A condition on one column for conditional sampling: a category of a categorical column, or a range of a
/// continuous column. Strings and Booleans convert implicitly: <c>conditions["income"] = "&gt;50K"</c>.
/// </summary>
public sealed class SampleCondition
{
    private SampleCondition(string? category, double lower, double upper, TemporalSource? temporal = null)
    {
        Category = category;
        Lower = lower;
        Upper = upper;
        Temporal = temporal;
    }

    /// <summary>The required category, or null for a range condition.</summary>
    public string? Category { get; }

    /// <summary>
    /// The smallest allowed value of a range condition (for a date and time range: seconds since 1970-01-01T00:00:00,
    /// of the clock time for a <see cref="DateTime"/> and of the UTC instant for a <see cref="DateTimeOffset"/>; for a
    /// <see cref="TimeSpan"/> range: seconds).
    /// </summary>
    public double Lower { get; }

    /// <summary>The largest allowed value of a range condition (in the unit of <see cref="Lower"/>).</summary>
    public double Upper { get; }

    /// <summary>The type of a date, time or duration range (DateTime, DateTimeOffset or TimeSpan), or null.</summary>
    internal TemporalSource? Temporal { get; }

    /// <summary>Whether this condition fixes a category.</summary>
    public bool IsCategory => Category is not null;

    /// <summary>
    /// Rows whose categorical value is <paramref name="category"/>: its text as it appears in the data, or, where
    /// exactly one category matches once white space is trimmed, that category (so <c>"&gt;50K"</c> finds Adult's
    /// <c>" &gt;50K"</c>).
    /// </summary>
    public static SampleCondition Equal(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return new SampleCondition(category, double.NaN, double.NaN);
    }

    /// <summary>Rows whose continuous value lies in [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    public static SampleCondition Between(double lower, double upper)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper)
        {
            throw new ArgumentException($"A range condition needs lower ≤ upper; got [{lower}, {upper}].", nameof(lower));
        }

        return new SampleCondition(null, lower, upper);
    }

    /// <summary>
    /// Rows of a <see cref="DateTime"/> column (or a text column declared a date and time without offset) whose value
    /// lies in [<paramref name="lower"/>, <paramref name="upper"/>], compared as clock times (the Kind is ignored). When
    /// the training values were whole days (or hours, minutes, seconds), the range is narrowed to the whole ones in it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="lower"/> is after <paramref name="upper"/>.</exception>
    public static SampleCondition Between(DateTime lower, DateTime upper) =>
        TimeRange(TemporalEncoding.Seconds(lower), TemporalEncoding.Seconds(upper), TemporalSource.DateTime, lower, upper);

    /// <summary>
    /// Rows of a <see cref="DateTimeOffset"/> column (or a text column declared a date and time with offset) whose
    /// instant lies in [<paramref name="lower"/>, <paramref name="upper"/>], whatever the offsets.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="lower"/> is after <paramref name="upper"/>.</exception>
    public static SampleCondition Between(DateTimeOffset lower, DateTimeOffset upper) =>
        TimeRange(TemporalEncoding.Seconds(lower), TemporalEncoding.Seconds(upper), TemporalSource.DateTimeOffset, lower, upper);

    /// <summary>Rows of a <see cref="TimeSpan"/> column whose duration lies in [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    /// <exception cref="ArgumentException"><paramref name="lower"/> is longer than <paramref name="upper"/>.</exception>
    public static SampleCondition Between(TimeSpan lower, TimeSpan upper) =>
        TimeRange(TemporalEncoding.Seconds(lower), TemporalEncoding.Seconds(upper), TemporalSource.TimeSpan, lower, upper);

    private static SampleCondition TimeRange(double lower, double upper, TemporalSource source, IFormattable first, IFormattable last)
    {
        if (lower > upper)
        {
            string format = source == TemporalSource.TimeSpan ? "c" : "o";
            throw new ArgumentException($"A range condition needs lower ≤ upper; got [{first.ToString(format, CultureInfo.InvariantCulture)}, {last.ToString(format, CultureInfo.InvariantCulture)}].", nameof(lower));
        }

        return new SampleCondition(null, lower, upper, source);
    }

    /// <summary>A condition rebuilt from its parts (as another process sent them: the Orleans cluster runner).</summary>
    internal static SampleCondition FromParts(string? category, double lower, double upper, TemporalSource? temporal) =>
        category is not null ? Equal(category) : new SampleCondition(null, lower, upper, temporal);

    /// <summary>A category condition.</summary>
    public static implicit operator SampleCondition(string category) => Equal(category);

    /// <summary>A condition on a Boolean column.</summary>
    public static implicit operator SampleCondition(bool value) => Equal(value ? bool.TrueString : bool.FalseString);

    /// <summary>A category condition.</summary>
    public static SampleCondition FromString(string category) => Equal(category);

    /// <summary>A condition on a Boolean column.</summary>
    public static SampleCondition FromBoolean(bool value) => value;

    /// <inheritdoc/>
    public override string ToString() => IsCategory
        ? $"= '{Category}'"
        : string.Create(CultureInfo.InvariantCulture, $"in [{Lower}, {Upper}]");
}
