using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.Synthetic.Metadata;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// What one column of a table is: its <see cref="MetadataKind"/> and the declarations that go with it. Immutable; made by
/// the factory methods (<see cref="Numerical"/>, <see cref="Categorical"/>, ...), which check their arguments.
/// </summary>
/// <remarks>
/// Bounds and category lists are <b>declared</b> public knowledge (a differentially private synthesizer may rely on them
/// without spending privacy budget): <see cref="MetadataCatalogExtensions.Detect"/> never sets them, and nothing learned
/// from data is ever stored here.
/// </remarks>
public sealed class ColumnMetadata
{
    private ColumnMetadata(MetadataKind kind) => Kind = kind;

    /// <summary>The column's kind.</summary>
    public MetadataKind Kind { get; }

    /// <summary>For <see cref="MetadataKind.Numerical"/>: whether the values are whole numbers.</summary>
    public bool IsInteger { get; private init; }

    /// <summary>For <see cref="MetadataKind.Numerical"/>: the declared lower bound, or null.</summary>
    public double? Minimum { get; private init; }

    /// <summary>For <see cref="MetadataKind.Numerical"/>: the declared upper bound, or null.</summary>
    public double? Maximum { get; private init; }

    /// <summary>For <see cref="MetadataKind.Numerical"/>: the declared number of decimal digits values are rounded to, or null.</summary>
    public int? RoundingDigits { get; private init; }

    /// <summary>For <see cref="MetadataKind.Categorical"/>: the declared categories (as text), or null when none is declared.</summary>
    public IReadOnlyList<string>? Categories { get; private init; }

    /// <summary>For <see cref="MetadataKind.DateTime"/>: whether the values carry a UTC offset (<see cref="DateTimeOffset"/>).</summary>
    public bool HasOffset { get; private init; }

    /// <summary>
    /// For <see cref="MetadataKind.DateTime"/>: the .NET custom date and time format (invariant culture) of text values,
    /// such as <c>yyyy-MM-dd</c>; null for <see cref="System.DateTime"/> and <see cref="DateTimeOffset"/> columns.
    /// </summary>
    public string? Format { get; private init; }

    /// <summary>For <see cref="MetadataKind.Identifier"/>: a regular expression every text id matches in full (its format, kept by regenerated ids), or null.</summary>
    public string? Pattern { get; private init; }

    /// <summary>For <see cref="MetadataKind.Pii"/>: the kind of personal information.</summary>
    public PiiType? PiiType { get; private init; }

    /// <summary>A numerical column.</summary>
    /// <param name="isInteger">Whether the values are whole numbers.</param>
    /// <param name="minimum">The declared lower bound (public knowledge, not the data's minimum), or null.</param>
    /// <param name="maximum">The declared upper bound (public knowledge, not the data's maximum), or null.</param>
    /// <param name="roundingDigits">Decimal digits to round to, 0 to 15, or null; must be null or 0 for an integer column.</param>
    /// <exception cref="ArgumentException">A bound is not finite, the minimum exceeds the maximum, or the rounding is out of range.</exception>
    public static ColumnMetadata Numerical(bool isInteger = false, double? minimum = null, double? maximum = null, int? roundingDigits = null)
    {
        if (minimum is double lo && !double.IsFinite(lo))
        {
            throw new ArgumentException($"The declared minimum {lo} is not a finite number.", nameof(minimum));
        }

        if (maximum is double hi && !double.IsFinite(hi))
        {
            throw new ArgumentException($"The declared maximum {hi} is not a finite number.", nameof(maximum));
        }

        if (minimum > maximum)
        {
            throw new ArgumentException($"The declared minimum {minimum} exceeds the declared maximum {maximum}.", nameof(minimum));
        }

        if (roundingDigits is < 0 or > 15)
        {
            throw new ArgumentException($"The rounding digits {roundingDigits} are out of range; use 0 to 15 decimal digits.", nameof(roundingDigits));
        }

        if (isInteger && roundingDigits is > 0)
        {
            throw new ArgumentException($"An integer column cannot be rounded to {roundingDigits} decimal digits; leave the rounding unset or 0.", nameof(roundingDigits));
        }

        return new ColumnMetadata(MetadataKind.Numerical) { IsInteger = isInteger, Minimum = minimum, Maximum = maximum, RoundingDigits = roundingDigits };
    }

    /// <summary>A categorical column.</summary>
    /// <param name="categories">The declared categories (public knowledge, not the categories seen in the data), or null.</param>
    /// <exception cref="ArgumentException">The list is empty, or holds a null or a repeated category.</exception>
    public static ColumnMetadata Categorical(IEnumerable<string>? categories = null)
    {
        string[]? list = categories?.ToArray();
        if (list is not null)
        {
            if (list.Length == 0)
            {
                throw new ArgumentException("The declared category list is empty; list the possible values, or pass null to declare none.", nameof(categories));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in list)
            {
                if (c is null)
                {
                    throw new ArgumentException("The declared category list holds a null.", nameof(categories));
                }

                if (!seen.Add(c))
                {
                    throw new ArgumentException($"The declared category '{c}' appears twice.", nameof(categories));
                }
            }
        }

        return new ColumnMetadata(MetadataKind.Categorical) { Categories = list };
    }

    /// <summary>A Boolean column.</summary>
    public static ColumnMetadata Boolean() => new(MetadataKind.Boolean);

    /// <summary>A date and time column.</summary>
    /// <param name="hasOffset">Whether the values carry a UTC offset (<see cref="DateTimeOffset"/>).</param>
    /// <param name="format">The .NET custom format (invariant culture) of text values, such as <c>yyyy-MM-dd</c>; null for typed columns.</param>
    /// <exception cref="ArgumentException">The format is empty or not a valid date and time format.</exception>
    public static ColumnMetadata DateTime(bool hasOffset = false, string? format = null)
    {
        if (format is not null)
        {
            if (string.IsNullOrWhiteSpace(format))
            {
                throw new ArgumentException("The date format is empty; give a .NET custom format such as yyyy-MM-dd, or null.", nameof(format));
            }

            try
            {
                _ = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.FromHours(1)).ToString(format, CultureInfo.InvariantCulture);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"'{format}' is not a .NET date and time format: {e.Message}", nameof(format), e);
            }
        }

        return new ColumnMetadata(MetadataKind.DateTime) { HasOffset = hasOffset, Format = format };
    }

    /// <summary>A duration (<see cref="TimeSpan"/>) column.</summary>
    public static ColumnMetadata Duration() => new(MetadataKind.Duration);

    /// <summary>An identifier column: unique keys, regenerated rather than modelled.</summary>
    /// <param name="pattern">A .NET regular expression every text id matches in full (such as <c>[A-Z]{2}-[0-9]{4}</c>), or null.</param>
    /// <exception cref="ArgumentException">The pattern is empty or not a valid regular expression.</exception>
    public static ColumnMetadata Identifier(string? pattern = null)
    {
        if (pattern is not null)
        {
            if (pattern.Length == 0)
            {
                throw new ArgumentException("The identifier pattern is empty; give a regular expression or null.", nameof(pattern));
            }

            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The identifier pattern '{pattern}' is not a regular expression: {e.Message}", nameof(pattern), e);
            }
        }

        return new ColumnMetadata(MetadataKind.Identifier) { Pattern = pattern };
    }

    /// <summary>A column of personal information, never modelled or copied.</summary>
    /// <param name="type">What the column holds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined <see cref="Synthetic.PiiType"/>.</exception>
    public static ColumnMetadata Pii(PiiType type)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Not a PII type; use Email, Phone, Name or IdLike.");
        }

        return new ColumnMetadata(MetadataKind.Pii) { PiiType = type };
    }

    /// <summary>The kind and its declarations, as a reader would say them: <c>numerical (integer, bounds [0, 120])</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        switch (Kind)
        {
            case MetadataKind.Numerical:
                parts.Add(IsInteger ? "integer" : "float");
                if (Minimum is not null || Maximum is not null)
                {
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"bounds [{Minimum?.ToString("R", CultureInfo.InvariantCulture) ?? "-∞"}, {Maximum?.ToString("R", CultureInfo.InvariantCulture) ?? "∞"}]"));
                }

                if (RoundingDigits is int digits)
                {
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"{digits} decimal digits"));
                }

                break;
            case MetadataKind.Categorical when Categories is not null:
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Categories.Count} declared categories"));
                break;
            case MetadataKind.DateTime:
                parts.Add(HasOffset ? "DateTimeOffset" : "DateTime");
                if (Format is not null)
                {
                    parts.Add($"format {Format}");
                }

                break;
            case MetadataKind.Identifier when Pattern is not null:
                parts.Add($"pattern {Pattern}");
                break;
            case MetadataKind.Pii:
                parts.Add(PiiType!.Value.ToString());
                break;
        }

        string name = MetadataJson.KindName(Kind);
        return parts.Count == 0 ? name : $"{name} ({string.Join(", ", parts)})";
    }
}
