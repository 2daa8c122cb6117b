using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Constraints;

/// <summary>The readers of saved constraints, by format name, one line per kind; a read rule is checked against the user's schema.</summary>
internal static class ConstraintFormats
{
    private static readonly Dictionary<string, Func<ModelReader, TableConstraint>> Readers =
        new(StringComparer.Ordinal)
        {
            [OrderedColumnsConstraint.FormatName] = OrderedColumnsConstraint.Read,
            [ScalarRangeConstraint.FormatName] = ScalarRangeConstraint.Read,
            [FixedIncrementsConstraint.FormatName] = FixedIncrementsConstraint.Read,
            [FixedCombinationsConstraint.FormatName] = FixedCombinationsConstraint.Read,
        };

    public static TableConstraint Read(ModelReader reader, string format, TabularSchema user)
    {
        if (!Readers.TryGetValue(format, out var read))
        {
            throw reader.Corrupt($"the constraint format {ModelReader.Quote(format)} is not one this library reads");
        }

        var rule = read(reader);
        try
        {
            rule.CheckColumns(user);
        }
        catch (ArgumentException e)
        {
            throw reader.Corrupt($"constraint {rule.Name} does not fit the saved columns ({e.Message})");
        }

        return rule;
    }
}
