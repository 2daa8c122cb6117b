using System.Text;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// The format of a text value, position by position: each position holds either one fixed character or any character
/// of a set (upper-case letters, lower-case letters, digits, or their union). <c>C-000123</c> → <c>C</c>, <c>-</c>, then
/// six digit positions. Made from training values (<see cref="Learn"/>), from a declared pattern
/// (<see cref="IdPattern"/>) or from one value with every letter and digit free (<see cref="Of"/>).
/// </summary>
internal sealed class TextShape
{
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string Digits = "0123456789";

    public TextShape(IReadOnlyList<string> positions)
    {
        Positions = positions;
    }

    /// <summary>Per position, the characters it may hold (one character: a fixed one).</summary>
    public IReadOnlyList<string> Positions { get; }

    public int Length => Positions.Count;

    /// <summary>The shape of one value with every letter and digit free (other characters fixed): <c>+1 (555)</c> → <c>+9 (999)</c>.</summary>
    public static TextShape Of(string value) => new(value.Select(ClassOf).ToArray());

    /// <summary>A readable key of the shape (<c>A-999999</c>) for counting shapes; sets print as their first character.</summary>
    public string Key() => string.Concat(Positions.Select(p => p.Length == 1 ? (p[0] is 'A' or 'a' or '9' or '\\' ? "\\" + p : p) : p switch
    {
        Upper => "A",
        Lower => "a",
        Digits => "9",
        _ => "[" + p + "]",
    }));

    /// <summary>
    /// The shape of training ids: the values of the most frequent length (ties: the longest), each position the union of
    /// the character classes seen there; a position where every value has the same character is fixed when that
    /// character is not a letter or digit, or is a letter in a position holding only that letter (a prefix such as
    /// <c>C</c> in <c>C-000123</c>; digits always stay free so that ids keep room). Null when the values of that length
    /// mix a separator and letters or digits in one position.
    /// </summary>
    public static TextShape? Learn(IReadOnlyCollection<string> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        int length = values.GroupBy(v => v.Length).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        if (length == 0)
        {
            return null;
        }

        var same = values.Where(v => v.Length == length).ToArray();
        var positions = new string[length];
        for (int p = 0; p < length; p++)
        {
            bool upper = false, lower = false, digit = false;
            char? other = null;
            bool mixedOther = false;
            char first = same[0][p];
            bool constant = true;
            foreach (var v in same)
            {
                char c = v[p];
                constant &= c == first;
                if (char.IsAsciiLetterUpper(c)) upper = true;
                else if (char.IsAsciiLetterLower(c)) lower = true;
                else if (char.IsAsciiDigit(c)) digit = true;
                else if (other is null) other = c;
                else if (other != c) mixedOther = true;
            }

            if (other is not null)
            {
                if (mixedOther || upper || lower || digit)
                {
                    return null;
                }

                positions[p] = other.Value.ToString();
            }
            else if (constant && !digit)
            {
                positions[p] = first.ToString();
            }
            else
            {
                positions[p] = (upper ? Upper : string.Empty) + (lower ? Lower : string.Empty) + (digit ? Digits : string.Empty);
            }
        }

        return new TextShape(positions);
    }

    /// <summary>The shape of a declared id pattern (see <see cref="IdPattern"/>).</summary>
    public static TextShape FromPattern(string pattern, string column) => new(IdPattern.Parse(pattern, column));

    private static string ClassOf(char c) =>
        char.IsDigit(c) ? Digits
        : char.IsLetter(c) ? (char.IsUpper(c) ? Upper : Lower)
        : c.ToString();

    /// <summary>Writes the characters of <paramref name="choices"/> (one index per position into its set).</summary>
    public string Render(ReadOnlySpan<int> choices)
    {
        var sb = new StringBuilder(Length);
        for (int p = 0; p < Length; p++)
        {
            sb.Append(Positions[p][choices[p]]);
        }

        return sb.ToString();
    }

    /// <summary>A value with every free position drawn uniformly.</summary>
    public string Draw(ref RowRandom random)
    {
        Span<int> choices = Length <= 256 ? stackalloc int[Length] : new int[Length];
        for (int p = 0; p < Length; p++)
        {
            choices[p] = Positions[p].Length == 1 ? 0 : random.Next(Positions[p].Length);
        }

        return Render(choices);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Length);
        foreach (var p in Positions)
        {
            writer.Write(p);
        }
    }

    public static TextShape Read(ModelReader reader)
    {
        using var part = reader.Part("text shape");
        int length = reader.ReadCount("position count", 4096, 2);
        var positions = new string[length];
        for (int p = 0; p < length; p++)
        {
            positions[p] = reader.ReadString("position", 1024);
            reader.Check(positions[p].Length > 0 && positions[p].Distinct().Count() == positions[p].Length, "a position's character set is empty or repeats a character");
        }

        return new TextShape(positions);
    }
}
