using System.Globalization;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Synthesizers.Steps;

/// <summary>
/// Draws rows of the model's table, takes them back to the user's table and keeps those that follow every rule and
/// condition, redrawing until a block is full. Every draw comes from the block's own random source, so the same
/// seed gives the same rows. It gives up, with an error stating the acceptance rate seen, once it has drawn
/// <see cref="MaxDrawsPerRow"/> rows per requested row (plus <see cref="MinDraws"/>) without filling the block.
/// </summary>
internal static class ConstrainedSampler
{
    /// <summary>Rows drawn per requested row before giving up (an acceptance rate under 1 % fails).</summary>
    public const int MaxDrawsPerRow = 100;

    /// <summary>Rows that may always be drawn, so that a small request gets a fair number of tries.</summary>
    public const int MinDraws = 1000;

    /// <summary>The most rows drawn at once.</summary>
    public const int MaxRowsPerDraw = 65536;

    /// <summary><paramref name="rowCount"/> rows of the user's table; <paramref name="draw"/>(n) generates n rows of the model's table.</summary>
    public static TabularData Sample(TableSteps steps, int rowCount, ResolvedConditions? conditions, Func<int, TabularData> draw, Random random)
    {
        if (rowCount == 0)
        {
            return steps.Reverse(draw(0), random);
        }

        var parts = new List<TabularData>();
        var rejectedBy = new long[steps.Rules.Count + 1];
        long drawn = 0, accepted = 0, limit = ((long)rowCount * MaxDrawsPerRow) + MinDraws;
        int need = rowCount;
        while (need > 0)
        {
            if (drawn >= limit)
            {
                throw new InvalidOperationException(FailureMessage(steps, rowCount, rowCount - need, drawn, accepted, rejectedBy, conditions is not null));
            }

            double rate = (accepted + 1.0) / (drawn + 1.0);
            int n = drawn == 0 ? need : (int)Math.Min(MaxRowsPerDraw, Math.Min(limit - drawn, Math.Ceiling(need / rate * 1.2) + 16));
            // Checked as written: dates rounded to their step (see WrittenForm).
            var rows = WrittenForm.Of(steps.Reverse(draw(n), random));
            var valid = steps.Accept(rows, conditions, rejectedBy);
            var keep = new List<int>(Math.Min(need, n));
            for (int r = 0; r < valid.Length && keep.Count < need; r++)
            {
                if (valid[r])
                {
                    keep.Add(r);
                }
            }

            accepted += valid.Count(v => v);
            drawn += n;
            if (keep.Count > 0)
            {
                parts.Add(keep.Count == rows.RowCount ? rows : rows.SelectRows(keep));
                need -= keep.Count;
            }
        }

        steps.CountDraws(drawn, accepted);
        return TabularData.Concat(parts);
    }

    private static string FailureMessage(TableSteps steps, int requested, int found, long drawn, long accepted, long[] rejectedBy, bool conditioned)
    {
        var causes = steps.Rules.Select((r, i) => (Name: r.Name, Count: rejectedBy[i]))
            .Append((Name: conditioned ? "the sampling conditions (or a non-finite value)" : "a non-finite value", Count: rejectedBy[^1]))
            .Where(p => p.Count > 0).OrderByDescending(p => p.Count)
            .Select(p => $"{p.Name}: {p.Count:N0}");
        return $"Could not sample {requested:N0} rows that follow the constraints{(conditioned ? " and conditions" : "")}: after drawing {drawn:N0} rows only {accepted:N0} " +
            $"({(100.0 * accepted / drawn).ToString("F2", CultureInfo.InvariantCulture)} %) were accepted, and {found:N0} rows of this block were found before the limit of {MaxDrawsPerRow} draws per requested row. " +
            $"Rows rejected by: {string.Join("; ", causes)}. Loosen the conditions, check that the constraints can hold together, or train longer so that the model learns them.";
    }
}
