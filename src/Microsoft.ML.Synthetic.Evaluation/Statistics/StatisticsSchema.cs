namespace Microsoft.ML.Synthetic.Evaluation.Statistics;

/// <summary>Checks shared by the mergeable statistics: same columns in partitions and tables, and the saved format's header.</summary>
internal static class StatisticsSchema
{
    /// <summary>Throws when partition <paramref name="partition"/>'s columns or kinds differ from the first partition's, naming the column.</summary>
    public static void CheckSame(string[] names, ColumnKind[] kinds, string[] otherNames, ColumnKind[] otherKinds, int partition) =>
        CheckSame(names, kinds, otherNames, otherKinds, "partition 0", $"partition {partition}", "partitions");

    /// <summary>Throws when the columns or kinds of <paramref name="other"/> differ from those of <paramref name="first"/>, naming the column.</summary>
    public static void CheckSame(string[] names, ColumnKind[] kinds, string[] otherNames, ColumnKind[] otherKinds, string first, string other, string paramName)
    {
        for (int c = 0; c < Math.Max(names.Length, otherNames.Length); c++)
        {
            if (c >= otherNames.Length)
            {
                throw Error($"{Capital(other)} has no column '{names[c]}', which {first} has; every partition of a table must have the same columns in the same order.", paramName);
            }

            if (c >= names.Length)
            {
                throw Error($"{Capital(other)} has column '{otherNames[c]}', which {first} lacks; every partition of a table must have the same columns in the same order.", paramName);
            }

            if (names[c] != otherNames[c])
            {
                throw Error($"{Capital(other)} has column '{otherNames[c]}' where {first} has column '{names[c]}' (position {c}); every partition of a table must have the same columns in the same order.", paramName);
            }

            if (kinds[c] != otherKinds[c])
            {
                throw Error($"Column '{names[c]}' is {kinds[c]} in {first} but {otherKinds[c]} in {other}; read every partition with the same options (TabularDataOptions.ColumnKinds) and column types.", paramName);
            }
        }
    }

    /// <summary>An argument error naming a parameter of the public method that led here.</summary>
    public static ArgumentException Error(string message, string paramName) => new(message, paramName);

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
