using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Microsoft.ML.Synthetic.Metadata;

/// <summary>The forms detection recognises in text: e-mail addresses, phone numbers, ISO 8601 dates and id shapes.</summary>
internal static partial class TextPatterns
{
    /// <summary>
    /// ISO 8601 date and time forms tried in order (invariant culture); the first that reads the first value must read
    /// every value. Those ending in <c>K</c> carry a UTC offset or <c>Z</c>.
    /// </summary>
    public static readonly string[] DateFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    // The dot-atom local part and a dotted domain with a top-level label of letters (RFC 5322's common subset).
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // Digits in groups separated by one space, dot or dash, optionally with a leading + and one parenthesised group.
    [GeneratedRegex(@"^\+?(\(\d{1,4}\)|\d{1,4})([ .-]?(\(\d{1,4}\)|\d{1,5})){1,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    public static bool IsEmail(string text) => text.Length <= 254 && Email().IsMatch(text);

    /// <summary>
    /// A phone number: the form above with 7 to 15 digits (E.164's maximum is 15) and a leading <c>+</c> or at least one
    /// separator, so that a bare run of digits (more likely an id or a number) is not taken for one.
    /// </summary>
    public static bool IsPhone(string text)
    {
        int digits = text.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15 && digits < text.Length && Phone().IsMatch(text);
    }

    /// <summary>The format of <see cref="DateFormats"/> that reads <paramref name="text"/>, or null.</summary>
    public static string? DateFormatOf(string text) =>
        Array.Find(DateFormats, f => DateTimeOffset.TryParseExact(text, f, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _));

    public static bool IsDate(string text, string format) =>
        DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    /// <summary>Whether a format's values carry an offset.</summary>
    public static bool HasOffset(string format) => format.EndsWith('K');

    /// <summary>An id-like value: 1 to 64 characters, no white space, at least one digit.</summary>
    public static bool IsIdLike(string text) =>
        text.Length is >= 1 and <= 64 && !text.Any(char.IsWhiteSpace) && text.Any(char.IsAsciiDigit);

    /// <summary>
    /// The shape of an id as runs of one character class: upper-case letters, lower-case letters, digits, or one
    /// repeated other character (kept literally): <c>AB-0012</c> → (A,2) (-,1) (9,4).
    /// </summary>
    public static List<(char Class, int Length)> Shape(string text)
    {
        var runs = new List<(char, int)>();
        foreach (char ch in text)
        {
            char c = char.IsAsciiLetterUpper(ch) ? 'A' : char.IsAsciiLetterLower(ch) ? 'a' : char.IsAsciiDigit(ch) ? '9' : ch;
            if (runs.Count > 0 && runs[^1].Item1 == c)
            {
                runs[^1] = (c, runs[^1].Item2 + 1);
            }
            else
            {
                runs.Add((c, 1));
            }
        }

        return runs;
    }

    /// <summary>
    /// The regular expression of ids that all share one sequence of character classes, the run lengths ranging over
    /// what was seen (<c>[A-Z]{2}-[0-9]{4,5}</c>); null when the ids differ in their sequence of classes.
    /// </summary>
    public static string? PatternOf(IEnumerable<string> ids)
    {
        List<(char Class, int Min, int Max)>? merged = null;
        foreach (var id in ids)
        {
            var shape = Shape(id);
            if (merged is null)
            {
                merged = shape.Select(r => (r.Class, r.Length, r.Length)).ToList();
                continue;
            }

            if (merged.Count != shape.Count)
            {
                return null;
            }

            for (int i = 0; i < shape.Count; i++)
            {
                if (merged[i].Class != shape[i].Class)
                {
                    return null;
                }

                merged[i] = (merged[i].Class, Math.Min(merged[i].Min, shape[i].Length), Math.Max(merged[i].Max, shape[i].Length));
            }
        }

        if (merged is null)
        {
            return null;
        }

        var pattern = new StringBuilder();
        foreach (var (c, min, max) in merged)
        {
            pattern.Append(c switch { 'A' => "[A-Z]", 'a' => "[a-z]", '9' => "[0-9]", _ => Regex.Escape(c.ToString()) });
            if (min != max)
            {
                pattern.Append(CultureInfo.InvariantCulture, $"{{{min},{max}}}");
            }
            else if (min > 1)
            {
                pattern.Append(CultureInfo.InvariantCulture, $"{{{min}}}");
            }
        }

        return pattern.ToString();
    }

    /// <summary>
    /// Whether a column name says "identifier": <c>id</c>, or ending in <c>_id</c>, <c>-id</c>, <c> id</c>, or in
    /// <c>Id</c> / <c>ID</c> after another character (<c>customerId</c>).
    /// </summary>
    public static bool IsIdName(string name)
    {
        string lower = name.ToLowerInvariant();
        return lower == "id" || lower.EndsWith("_id", StringComparison.Ordinal) || lower.EndsWith("-id", StringComparison.Ordinal)
            || lower.EndsWith(" id", StringComparison.Ordinal)
            || (name.Length > 2 && (name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("ID", StringComparison.Ordinal)));
    }
}
