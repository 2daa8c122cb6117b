using System.Text;

namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// Reads the part of .NET regular expressions that describes fixed-format ids: literal characters (escaped with
/// <c>\</c> when special), <c>\d</c>, character classes with ranges (<c>[A-Z0-9]</c>), and the quantifiers <c>{n}</c>,
/// <c>{n,m}</c> and <c>?</c>, with optional <c>^</c> and <c>$</c> anchors. Each quantified item becomes as many
/// positions as its largest count (so every generated id matches the pattern and all have one length).
/// </summary>
internal static class IdPattern
{
    public const string Supported = "literal characters, \\d, classes such as [A-Z0-9], and the quantifiers {n}, {n,m} and ?";

    public static string[] Parse(string pattern, string column)
    {
        var positions = new List<string>();
        int i = 0;
        if (pattern.StartsWith('^'))
        {
            i = 1;
        }

        int end = pattern.EndsWith('$') && !pattern.EndsWith("\\$", StringComparison.Ordinal) ? pattern.Length - 1 : pattern.Length;
        while (i < end)
        {
            string set;
            char c = pattern[i];
            if (c == '\\')
            {
                Require(i + 1 < end, pattern, column, "it ends with a lone \\");
                char e = pattern[i + 1];
                set = e == 'd' ? TextShape.Digits
                    : char.IsLetterOrDigit(e) ? throw Unsupported(pattern, column, $"the escape \\{e}")
                    : e.ToString();
                i += 2;
            }
            else if (c == '[')
            {
                int close = pattern.IndexOf(']', i + 1);
                Require(close > i + 1 && close < end, pattern, column, "a character class is not closed");
                set = Class(pattern[(i + 1)..close], pattern, column);
                i = close + 1;
            }
            else if ("().|*+{}^$".Contains(c))
            {
                throw Unsupported(pattern, column, $"'{c}'");
            }
            else
            {
                set = c.ToString();
                i++;
            }

            int count = 1;
            if (i < end && pattern[i] == '?')
            {
                i++;
            }
            else if (i < end && pattern[i] == '{')
            {
                int close = pattern.IndexOf('}', i);
                Require(close > i, pattern, column, "a quantifier is not closed");
                var parts = pattern[(i + 1)..close].Split(',');
                Require(parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, out int n) && n is >= 0 and <= 256), pattern, column, "a quantifier is not {n} or {n,m} with counts up to 256");
                count = int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture);
                Require(count >= int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), pattern, column, "a quantifier's largest count is below its smallest");
                i = close + 1;
            }

            for (int k = 0; k < count; k++)
            {
                positions.Add(set);
            }
        }

        Require(positions.Count > 0, pattern, column, "it describes no character");
        return [.. positions];
    }

    private static string Class(string body, string pattern, string column)
    {
        Require(!body.StartsWith('^'), pattern, column, "negated classes are not supported");
        var chars = new SortedSet<char>();
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c == '\\' && i + 1 < body.Length)
            {
                if (body[i + 1] == 'd')
                {
                    chars.UnionWith(TextShape.Digits);
                }
                else
                {
                    chars.Add(body[i + 1]);
                }

                i++;
            }
            else if (i + 2 < body.Length && body[i + 1] == '-')
            {
                Require(body[i + 2] >= c, pattern, column, $"the range {c}-{body[i + 2]} is reversed");
                for (char x = c; x <= body[i + 2]; x++)
                {
                    chars.Add(x);
                }

                i += 2;
            }
            else
            {
                chars.Add(c);
            }
        }

        var sb = new StringBuilder();
        foreach (var c in chars)
        {
            sb.Append(c);
        }

        return sb.ToString();
    }

    private static void Require(bool condition, string pattern, string column, string problem)
    {
        if (!condition)
        {
            throw Unsupported(pattern, column, problem);
        }
    }

    private static ArgumentException Unsupported(string pattern, string column, string what) =>
        new($"Column '{column}': the identifier pattern '{pattern}' cannot be used to generate ids ({what}). Generated ids follow patterns made of {Supported}; declare such a pattern, or none to keep the training ids' format.");
}
