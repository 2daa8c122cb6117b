using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Evaluation.Tables;

/// <summary>
/// One table (real, synthetic or holdout) with its columns in the order of the real table and its categories
/// coded in the space shared by all tables being compared (<see cref="AlignedTables.Categories"/>), so that a
/// code means the same text in every table. Continuous values: NaN = missing; category codes: -1 = missing.
/// </summary>
internal sealed class EvaluationTable
{
    public EvaluationTable(string role, int rowCount, double[]?[] continuous, int[]?[] codes)
    {
        Role = role;
        RowCount = rowCount;
        Continuous = continuous;
        Codes = codes;
    }

    /// <summary>"real", "synthetic" or "holdout": used in error messages.</summary>
    public string Role { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Per column: the values of a continuous column, null for a categorical one.</summary>
    public double[]?[] Continuous { get; }

    /// <summary>Per column: the shared codes of a categorical column, null for a continuous one.</summary>
    public int[]?[] Codes { get; }

    /// <summary>The table made of the given rows.</summary>
    public EvaluationTable SelectRows(IReadOnlyList<int> rows, string role)
    {
        var continuous = new double[]?[Continuous.Length];
        var codes = new int[]?[Codes.Length];
        for (int c = 0; c < Continuous.Length; c++)
        {
            if (Continuous[c] is { } values)
            {
                var selected = new double[rows.Count];
                for (int i = 0; i < selected.Length; i++) selected[i] = values[rows[i]];
                continuous[c] = selected;
            }
            else if (Codes[c] is { } source)
            {
                var selected = new int[rows.Count];
                for (int i = 0; i < selected.Length; i++) selected[i] = source[rows[i]];
                codes[c] = selected;
            }
        }

        return new EvaluationTable(role, rows.Count, continuous, codes);
    }

    /// <summary>The kind of column <paramref name="c"/>.</summary>
    public ColumnKind KindOf(int c) => Continuous[c] is null ? ColumnKind.Categorical : ColumnKind.Continuous;
}
