using System.Globalization;

namespace Microsoft.ML.Synthetic.Cli.Commands;

/// <summary>
/// Turns <c>--where</c> values into <see cref="SampleConditions"/>: <c>column=category</c> for a categorical column
/// (<c>income=&gt;50K</c>; surrounding white space in the data is matched), <c>column=low..high</c> or
/// <c>column=value</c> for a continuous one.
/// </summary>
internal static class WhereConditions
{
    /// <summary>The conditions, or null when there are none; a malformed value or an unknown column is a usage error.</summary>
    public static SampleConditions? Parse(IReadOnlyList<string> clauses, TabularSchema schema, string modelPath)
    {
        if (clauses.Count == 0)
        {
            return null;
        }

        var conditions = new SampleConditions();
        foreach (string clause in clauses)
        {
            int equals = clause.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? "" : clause[..equals].Trim();
            if (name.Length == 0)
            {
                throw CliException.Usage($"--where '{clause}': expected column=value (a category) or column=low..high (a range).");
            }

            int index = schema.IndexOf(name);
            if (index < 0)
            {
                throw CliException.Usage($"--where '{clause}': column '{name}' is not in the model {modelPath}; its columns are: {string.Join(", ", schema.Columns.Select(c => c.Name))}.");
            }

            string value = clause[(equals + 1)..];
            conditions[name] = schema.Columns[index].Kind == ColumnKind.Categorical ? SampleCondition.Equal(value) : Range(clause, value);
        }

        return conditions;
    }

    private static SampleCondition Range(string clause, string value)
    {
        string[] bounds = value.Split("..", 2);
        if (bounds.Length == 1)
        {
            bounds = [value, value];
        }

        if (!TryNumber(bounds[0], out double low) || !TryNumber(bounds[1], out double high) || low > high)
        {
            throw CliException.Usage($"--where '{clause}': the column is continuous: give a number or a range low..high with low ≤ high (e.g. age=30..40).");
        }

        return SampleCondition.Between(low, high);
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
