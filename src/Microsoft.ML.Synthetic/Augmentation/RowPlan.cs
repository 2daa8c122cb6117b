using Microsoft.ML.Synthetic.Oversampling;

namespace Microsoft.ML.Synthetic.Augmentation;

/// <summary>How many rows a stage adds to each class, and whether it keeps the real rows.</summary>
internal abstract class RowPlan
{
    /// <summary>Whether the real rows stay (Oversample, Augment) or are replaced (Replace).</summary>
    public virtual bool KeepsRealRows => true;

    /// <summary>Whether the stage needs at least two classes.</summary>
    public virtual bool NeedsTwoClasses => false;

    /// <summary>Rows to generate per class.</summary>
    public abstract int[] RowsToAdd(int[] classCounts, IReadOnlyList<string> classNames, string? labelColumnName);

    /// <summary>
    /// <paramref name="total"/> rows split over the classes in proportion to <paramref name="classCounts"/>
    /// (largest remainders; ties to the earlier class), so the class shares stay as they are.
    /// </summary>
    public static int[] Proportional(int[] classCounts, long total)
    {
        long n = classCounts.Sum(c => (long)c);
        var result = new int[classCounts.Length];
        if (n == 0 || total == 0)
        {
            return result;
        }

        var remainders = new double[classCounts.Length];
        long assigned = 0;
        for (int c = 0; c < classCounts.Length; c++)
        {
            double exact = (double)total * classCounts[c] / n;
            result[c] = checked((int)Math.Floor(exact));
            remainders[c] = exact - result[c];
            assigned += result[c];
        }

        foreach (int c in Enumerable.Range(0, classCounts.Length).OrderByDescending(c => remainders[c]).ThenBy(c => c).Take((int)(total - assigned)))
        {
            result[c]++;
        }

        return result;
    }
}

/// <summary>Oversample: the sampling strategy decides.</summary>
internal sealed class OversamplePlan(SamplingStrategy strategy) : RowPlan
{
    public SamplingStrategy Strategy { get; } = strategy;

    public override bool NeedsTwoClasses => true;

    public override int[] RowsToAdd(int[] classCounts, IReadOnlyList<string> classNames, string? labelColumnName) =>
        Strategy.RowsToAdd(classCounts, classNames, labelColumnName ?? "");
}

/// <summary>Augment: a number of rows, a fraction of the data, or counts per class.</summary>
internal sealed class AugmentPlan(AugmentOptions options) : RowPlan
{
    public override int[] RowsToAdd(int[] classCounts, IReadOnlyList<string> classNames, string? labelColumnName)
    {
        if (options.RowsPerClass is { } perClass)
        {
            var add = new int[classCounts.Length];
            foreach (var (name, count) in perClass)
            {
                int c = classNames.ToList().FindIndex(n => string.Equals(n, name, StringComparison.Ordinal) || n.AsSpan().Trim().SequenceEqual(name.AsSpan().Trim()));
                if (c < 0)
                {
                    throw new ArgumentException($"RowsPerClass names class '{name}', which label column '{labelColumnName}' does not have. Classes: {string.Join(", ", classNames.Select(n => $"'{n}'"))}.", nameof(classNames));
                }

                add[c] = count;
            }

            return add;
        }

        long total = options.RowCount ?? (long)Math.Round(options.Fraction!.Value * classCounts.Sum(c => (long)c), MidpointRounding.ToEven);
        return Proportional(classCounts, total);
    }
}

/// <summary>Replace: as many synthetic rows as real ones (or a given number), class shares kept; no real rows.</summary>
internal sealed class ReplacePlan(long? rowCount) : RowPlan
{
    public override bool KeepsRealRows => false;

    public override int[] RowsToAdd(int[] classCounts, IReadOnlyList<string> classNames, string? labelColumnName) =>
        Proportional(classCounts, rowCount ?? classCounts.Sum(c => (long)c));
}
