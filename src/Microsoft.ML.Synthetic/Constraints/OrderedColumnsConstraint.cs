using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic.Constraints;

/// <summary>
/// Inequality (a ≤ b) and Range (a ≤ b ≤ c), strict or not, on number columns. A row with a missing value in
/// the columns follows the rule. As SDV's Inequality does, the model sees the first column as it is and each
/// following column as the log of its distance to the previous one (see <see cref="OrderedDifferenceStep"/>).
/// </summary>
internal sealed class OrderedColumnsConstraint : TableConstraint
{
    internal const string FormatName = "ordered";

    public OrderedColumnsConstraint(string[] columns, bool strict)
        : base(Describe(columns, strict), columns)
    {
        Strict = strict;
    }

    /// <summary>Whether each column must be strictly greater than the one before.</summary>
    public bool Strict { get; }

    internal override string Format => FormatName;

    private static string Describe(string[] columns, bool strict) =>
        $"{(columns.Length == 2 ? "Inequality" : "Range")}({string.Join(strict ? " < " : " ≤ ", columns)})";

    internal override void CheckColumns(TabularSchema schema)
    {
        foreach (var c in Columns)
        {
            Column(schema, c, ColumnKind.Continuous);
        }
    }

    internal override void MarkViolations(TabularData table, bool[] valid)
    {
        var columns = Columns.Select(c => ((ContinuousColumn)table[c]).Values).ToArray();
        for (int r = 0; r < valid.Length; r++)
        {
            for (int i = 1; i < columns.Length && valid[r]; i++)
            {
                double low = columns[i - 1][r], high = columns[i][r];
                if (!double.IsNaN(low) && !double.IsNaN(high) && !(Strict ? low < high : low <= high))
                {
                    valid[r] = false;
                }
            }
        }
    }

    /// <summary>The difference transform, unless a column has missing values (their rows could not be told apart from the others'; rejection only then).</summary>
    internal override TableStep? CreateStep(TabularData table) =>
        Columns.Any(c => table[c].MissingCount > 0) ? null : OrderedDifferenceStep.Fit(table, [.. Columns], Strict);

    internal override void Write(BinaryWriter writer)
    {
        writer.Write(Columns.Count);
        foreach (var c in Columns)
        {
            writer.Write(c);
        }

        writer.Write(Strict);
    }

    internal static OrderedColumnsConstraint Read(ModelReader reader)
    {
        var columns = new string[reader.ReadInt32("column count", 2, 3)];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = reader.ReadString("column");
        }

        return new OrderedColumnsConstraint(columns, reader.ReadBoolean("strict flag"));
    }
}
