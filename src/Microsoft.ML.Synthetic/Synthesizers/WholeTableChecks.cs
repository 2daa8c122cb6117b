using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Metadata.Generators;

namespace Microsoft.ML.Synthetic.Synthesizers;

/// <summary>
/// What a fit that never holds the whole table (from partition statistics, or streamed in blocks) cannot do, said
/// rather than dropped silently: constraints are fitted to and checked on every training row, and identifier/PII
/// generators learn from every value (id range, formats, hashes of the values).
/// </summary>
internal static class WholeTableChecks
{
    /// <param name="options">The estimator's data options.</param>
    /// <param name="fit">The fit, as the message names it (e.g. "A fit from partition statistics").</param>
    /// <exception cref="NotSupportedException"><paramref name="options"/> declare constraints (the message names them).</exception>
    public static void ThrowIfConstraints(TabularDataOptions options, string fit)
    {
        if (options.Constraints is { Count: > 0 } constraints)
        {
            throw new NotSupportedException(
                $"{fit} never holds the whole table, but {nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Constraints)} declares {string.Join(", ", constraints.Select(c => c.Name))}, which are fitted to and checked on every training row. Use Fit (in memory), or remove the constraints and filter the sampled rows.");
        }
    }

    /// <param name="options">The estimator's data options.</param>
    /// <param name="columns">The names of the columns to be modelled.</param>
    /// <param name="fit">The fit, as the message names it.</param>
    /// <exception cref="NotSupportedException">A column is declared an identifier or personal information (the message names every such column).</exception>
    public static void ThrowIfGeneratedColumns(TabularDataOptions options, IEnumerable<string> columns, string fit)
    {
        if (options.Metadata is not { } metadata)
        {
            return;
        }

        var generated = columns.Where(c => GeneratedColumnsStep.IsGenerated(metadata, c)).Select(c => $"'{c}'").ToArray();
        if (generated.Length > 0)
        {
            throw new NotSupportedException(
                $"Column(s) {string.Join(", ", generated)} are declared identifiers or personal information; their generators learn from the whole table (id range, formats, hashes of the values), which {fit.ToLowerInvariant()} never holds. Use Fit (in memory), or leave them out ({nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Columns)}) and add them after sampling.");
        }
    }
}
