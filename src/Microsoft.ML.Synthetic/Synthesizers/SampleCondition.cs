using System.Globalization;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A condition on one column for conditional sampling: a category of a categorical column, or a range of a
/// continuous column. Strings and Booleans convert implicitly: <c>conditions["income"] = "&gt;50K"</c>.
/// </summary>
public sealed class SampleCondition
{
    private SampleCondition(string? category, double lower, double upper)
    {
        Category = category;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The required category, or null for a range condition.</summary>
    public string? Category { get; }

    /// <summary>The smallest allowed value of a range condition.</summary>
    public double Lower { get; }

    /// <summary>The largest allowed value of a range condition.</summary>
    public double Upper { get; }

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
