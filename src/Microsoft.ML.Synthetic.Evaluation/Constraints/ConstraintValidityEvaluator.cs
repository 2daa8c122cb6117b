namespace Microsoft.ML.Synthetic.Evaluation.Constraints;

/// <summary>
/// Constraint validity: the share of rows that follow each declared constraint, as SDMetrics' data-validity checks
/// report it (a rule that learns from data, such as FixedCombinations, learns from the real rows). A row with a
/// missing value in a rule's columns follows it.
/// </summary>
internal static class ConstraintValidityEvaluator
{
    /// <summary>The validity of <paramref name="synthetic"/> under the constraints of <paramref name="options"/>; null when it declares neither constraints nor metadata.</summary>
    /// <exception cref="ArgumentException">A constraint names a column missing from a table or of the wrong kind.</exception>
    public static ConstraintValidityResult? Evaluate(TabularData real, TabularData synthetic, TabularDataOptions? options)
    {
        var rules = options?.Constraints ?? [];
        var metadata = options?.Metadata;
        if (rules.Count == 0 && (metadata is null || metadata.Count == 0))
        {
            return null;
        }

        var all = new bool[synthetic.RowCount];
        Array.Fill(all, true);
        var results = new List<ConstraintValidity>();
        foreach (var rule in rules)
        {
            rule.CheckColumns(real.Schema);
            rule.CheckColumns(synthetic.Schema);
            var fitted = rule.FitTo(real);
            var valid = fitted.ValidRows(synthetic);
            int broken = valid.Count(v => !v);
            for (int r = 0; r < valid.Length; r++)
            {
                all[r] &= valid[r];
            }

            results.Add(new ConstraintValidity(rule.Name, Share(valid), Share(fitted.ValidRows(real)), broken));
        }

        var lines = metadata is null ? [] : metadata.ColumnNames.Select(n => $"{n}: {metadata[n]}").ToArray();
        return new ConstraintValidityResult(results, Share(all), lines);
    }

    private static double Share(bool[] valid) => valid.Length == 0 ? 1 : valid.Count(v => v) / (double)valid.Length;
}
