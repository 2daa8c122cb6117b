using System.Text;

namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// The form in which two values of a personal-information column count as the same person's: e-mail addresses
/// ignoring case, phone numbers by their digits, names ignoring case and spacing, id-like values by their letters and
/// digits ignoring case. Generators refuse, and <c>Evaluate</c> counts, values equal to a training value in this form.
/// </summary>
internal static class PiiNormalization
{
    public static string Normalize(PiiType type, string value) => type switch
    {
        PiiType.Email => value.Trim().ToLowerInvariant(),
        PiiType.Phone => Keep(value, char.IsAsciiDigit, upper: false),
        PiiType.Name => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant(),
        _ => Keep(value, char.IsLetterOrDigit, upper: true),
    };

    private static string Keep(string value, Func<char, bool> keep, bool upper)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (keep(c))
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
            }
        }

        return sb.ToString();
    }
}
