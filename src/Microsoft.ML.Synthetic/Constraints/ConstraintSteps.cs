using System.Globalization;
using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic.Constraints;

/// <summary>
/// Turns declared constraints into the table steps a synthesizer fits through: checks the columns, fits each rule
/// to the training rows, fails when a training row breaks a rule, and chains the reversible transforms of the rules
/// whose columns an earlier transform has not already changed (the others are kept by rejection alone).
/// </summary>
internal static class ConstraintSteps
{
    /// <summary>How many breaking rows an error lists.</summary>
    public const int RowsShown = 5;

    /// <summary>The steps for <paramref name="constraints"/> on <paramref name="table"/>, and the table the synthesizer models; null steps when there are no constraints.</summary>
    /// <param name="constraints">The declared rules.</param>
    /// <param name="table">The training rows.</param>
    /// <param name="transform">False keeps every rule by rejection alone (for synthesizers that must see the declared columns as they are).</param>
    /// <exception cref="ArgumentException">A rule names a missing column or one of the wrong kind, or training rows break a rule (the message names the rule and rows).</exception>
    public static (TableSteps? Steps, TabularData ModelTable) Fit(IReadOnlyList<TableConstraint>? constraints, TabularData table, bool transform = true)
    {
        if (constraints is null || constraints.Count == 0)
        {
            return (null, table);
        }

        foreach (var c in constraints)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(constraints));
            c.CheckColumns(table.Schema);
        }

        var fitted = constraints.Select(c => c.FitTo(table)).ToArray();
        foreach (var rule in fitted)
        {
            ThrowIfBroken(rule, table);
        }

        var steps = new List<TableStep>();
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var current = table;
        foreach (var rule in transform ? fitted : [])
        {
            if (rule.Columns.Any(changed.Contains) || !rule.Transforms(current) || rule.CreateStep(current) is not { } step)
            {
                continue;
            }

            steps.Add(step);
            current = step.Forward(current);
            changed.UnionWith(step.ChangedColumns);
        }

        return (new TableSteps(table.Schema, steps, fitted), current);
    }

    /// <summary>An error naming <paramref name="rule"/> and the first rows of <paramref name="table"/> that break it, if any do.</summary>
    public static void ThrowIfBroken(TableConstraint rule, TabularData table)
    {
        var valid = rule.ValidRows(table);
        var broken = Enumerable.Range(0, valid.Length).Where(r => !valid[r]).ToList();
        if (broken.Count == 0)
        {
            return;
        }

        var shown = broken.Take(RowsShown).Select(r => rule.Columns.Count == 0 ? $"row {r}" : $"row {r} ({string.Join(", ", rule.Columns.Select(c => $"{c} = {Show(table[c], r)}"))})");
        throw new ArgumentException(
            $"Constraint {rule.Name} does not hold in the training data: {broken.Count:N0} of {table.RowCount:N0} rows break it, first {string.Join("; ", shown)} (rows counted from 0). " +
            "A synthesizer cannot learn a rule its training rows break: fix or drop those rows, or drop or loosen the constraint.", nameof(table));
    }

    private static string Show(TableColumn column, int row) => column switch
    {
        _ when column.IsMissing(row) => "missing",
        ContinuousColumn c => c.Values[row].ToString("R", CultureInfo.InvariantCulture),
        CategoricalColumn c => $"'{c.Categories[c.Codes[row]]}'",
        _ => "?",
    };
}
