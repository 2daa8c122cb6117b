using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// Conditional sampling by rejection: generates candidate rows and keeps those that satisfy every condition
/// (used for the conditions a model cannot impose directly, such as ranges of continuous columns).
/// </summary>
internal static class RejectionSampler
{
    /// <summary>The most candidate batches before giving up.</summary>
    public const int MaxRounds = 200;

    /// <summary>
    /// <paramref name="rowCount"/> rows of <paramref name="generate"/>(n) output that satisfy <paramref name="conditions"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Too few candidates satisfied the conditions.</exception>
    public static TabularData Sample(int rowCount, ResolvedConditions conditions, Func<int, TabularData> generate)
    {
        if (rowCount == 0)
        {
            return generate(0);
        }

        var parts = new List<TabularData>();
        int have = 0;
        long tried = 0;
        int batch = Math.Max(rowCount, 64);
        for (int round = 0; round < MaxRounds && have < rowCount; round++)
        {
            var candidates = generate(batch);
            tried += batch;
            var keep = new List<int>();
            for (int r = 0; r < candidates.RowCount && have + keep.Count < rowCount; r++)
            {
                if (Satisfies(candidates, r, conditions))
                {
                    keep.Add(r);
                }
            }

            if (keep.Count > 0)
            {
                parts.Add(candidates.SelectRows(keep));
                have += keep.Count;
            }
        }

        if (have < rowCount)
        {
            throw new InvalidOperationException($"Only {have} of {tried} generated rows satisfied the conditions ({string.Join(", ", conditions.Items)}); the model gives them too little probability to sample {rowCount} rows. Widen the conditions.");
        }

        var result = parts[0];
        for (int i = 1; i < parts.Count; i++)
        {
            result = result.Concat(parts[i]);
        }

        return result;
    }

    /// <summary>Whether row <paramref name="row"/> satisfies every condition.</summary>
    public static bool Satisfies(TabularData table, int row, ResolvedConditions conditions)
    {
        foreach (var c in conditions.Items)
        {
            double value = table.Columns[c.ColumnIndex] switch
            {
                ContinuousColumn x => x.Values[row],
                CategoricalColumn x => x.Codes[row],
                _ => double.NaN,
            };
            if (!c.IsSatisfiedBy(value))
            {
                return false;
            }
        }

        return true;
    }
}
