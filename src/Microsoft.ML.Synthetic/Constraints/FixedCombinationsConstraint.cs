using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic.Constraints;

/// <summary>
/// FixedCombinations: the values of two or more categorical columns only come in the combinations seen in the
/// training rows (SDV's FixedCombinations; a missing value is part of a combination like any category). Fitted, it
/// holds those combinations by category text, so it also checks tables read on their own (synthetic rows in
/// <c>Evaluate</c>). Modelled as one categorical column of the combinations (<see cref="CombinedCategoryStep"/>).
/// </summary>
internal sealed class FixedCombinationsConstraint : TableConstraint
{
    internal const string FormatName = "fixed-combinations";
    private const char Separator = '\u001F';
    private const string MissingMark = "\u0000";

    public FixedCombinationsConstraint(string[] columns)
        : this(columns, null)
    {
    }

    private FixedCombinationsConstraint(string[] columns, string?[][]? combinations)
        : base($"FixedCombinations({string.Join(", ", columns)})", columns)
    {
        Combinations = combinations;
        Keys = combinations?.Select(Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The combinations seen in training (category texts, null for missing), once fitted.</summary>
    public IReadOnlyList<string?[]>? Combinations { get; }

    private HashSet<string>? Keys { get; }

    internal override string Format => FormatName;

    internal override void CheckColumns(TabularSchema schema)
    {
        foreach (var c in Columns)
        {
            Column(schema, c, ColumnKind.Categorical);
        }
    }

    internal override TableConstraint FitTo(TabularData training)
    {
        var columns = Columns.Select(c => (CategoricalColumn)training[c]).ToArray();
        var seen = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        for (int r = 0; r < training.RowCount; r++)
        {
            var combination = columns.Select(c => c.Codes[r] < 0 ? null : c.Categories[c.Codes[r]]).ToArray();
            seen.TryAdd(Key(combination), combination);
        }

        return new FixedCombinationsConstraint([.. Columns], [.. seen.Values]) { Handling = Handling };
    }

    internal override void MarkViolations(TabularData table, bool[] valid)
    {
        var keys = Keys ?? throw new InvalidOperationException($"Constraint {Name} has not seen its training rows yet.");
        var columns = Columns.Select(c => (CategoricalColumn)table[c]).ToArray();
        var combination = new string?[columns.Length];
        for (int r = 0; r < valid.Length; r++)
        {
            for (int i = 0; i < columns.Length; i++)
            {
                combination[i] = columns[i].Codes[r] < 0 ? null : columns[i].Categories[columns[i].Codes[r]];
            }

            if (!keys.Contains(Key(combination)))
            {
                valid[r] = false;
            }
        }
    }

    internal override TableStep CreateStep(TabularData table) => CombinedCategoryStep.Fit(table, [.. Columns]);

    internal override void Write(BinaryWriter writer)
    {
        var combinations = Combinations ?? throw new InvalidOperationException($"Constraint {Name} has not seen its training rows yet.");
        writer.Write(Columns.Count);
        foreach (var c in Columns)
        {
            writer.Write(c);
        }

        writer.Write(combinations.Count);
        foreach (var combination in combinations)
        {
            foreach (var value in combination)
            {
                writer.Write(value is not null);
                writer.Write(value ?? string.Empty);
            }
        }
    }

    internal static FixedCombinationsConstraint Read(ModelReader reader)
    {
        var columns = new string[reader.ReadInt32("column count", 2, ModelFileLimits.MaxColumns)];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = reader.ReadString("column");
        }

        var combinations = new string?[reader.ReadCount("combination count", ModelFileLimits.MaxCategories, 2 * columns.Length)][];
        for (int j = 0; j < combinations.Length; j++)
        {
            combinations[j] = new string?[columns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                bool present = reader.ReadBoolean("presence flag");
                var value = reader.ReadString("category");
                combinations[j][i] = present ? value : null;
            }
        }

        return new FixedCombinationsConstraint(columns, combinations);
    }

    private static string Key(string?[] combination) => string.Join(Separator, combination.Select(v => v ?? MissingMark));
}
