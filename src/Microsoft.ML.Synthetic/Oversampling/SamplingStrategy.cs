using System.Globalization;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Which classes an oversampler grows, and to what size — the <c>sampling_strategy</c> rules of imbalanced-learn:
/// <see cref="NotMajority"/> (the default, imbalanced-learn's <c>"auto"</c>), <see cref="Minority"/>,
/// <see cref="NotMinority"/>, <see cref="All"/>, a <see cref="Ratio"/> minority/majority for two classes, or
/// explicit target <see cref="Counts"/> per class.
/// </summary>
public sealed class SamplingStrategy
{
    private enum Kind
    {
        NotMajority,
        Minority,
        NotMinority,
        All,
        Ratio,
        Counts,
    }

    private readonly Kind _kind;
    private readonly double _ratio;
    private readonly IReadOnlyDictionary<string, int>? _counts;

    private SamplingStrategy(Kind kind, double ratio = double.NaN, IReadOnlyDictionary<string, int>? counts = null)
    {
        _kind = kind;
        _ratio = ratio;
        _counts = counts;
    }

    /// <summary>Every class except the majority grows to the majority's count (imbalanced-learn's <c>"auto"</c> and <c>"not majority"</c>).</summary>
    public static SamplingStrategy NotMajority { get; } = new(Kind.NotMajority);

    /// <summary>Only the smallest class grows to the majority's count.</summary>
    public static SamplingStrategy Minority { get; } = new(Kind.Minority);

    /// <summary>Every class except the smallest grows to the majority's count.</summary>
    public static SamplingStrategy NotMinority { get; } = new(Kind.NotMinority);

    /// <summary>Every class grows to the majority's count (the majority itself gets no rows).</summary>
    public static SamplingStrategy All { get; } = new(Kind.All);

    /// <summary>
    /// Two classes only: the minority grows to <c>floor(ratio × majority count)</c> rows. A ratio that would need
    /// fewer rows than the minority already has is an error (an oversampler never removes rows).
    /// </summary>
    /// <param name="ratio">Desired minority/majority ratio after resampling, in (0, 1].</param>
    public static SamplingStrategy Ratio(double ratio)
    {
        if (!(ratio > 0 && ratio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "The ratio minority/majority must lie in (0, 1].");
        }

        return new SamplingStrategy(Kind.Ratio, ratio);
    }

    /// <summary>
    /// Explicit target counts: each named class grows to the given number of rows (classes not named are left as
    /// they are). A target below a class's current count is an error (an oversampler never removes rows).
    /// </summary>
    /// <param name="targetCounts">Class (as its text in the label column) → rows after resampling.</param>
    public static SamplingStrategy Counts(IReadOnlyDictionary<string, int> targetCounts)
    {
        ArgumentNullException.ThrowIfNull(targetCounts);
        return new SamplingStrategy(Kind.Counts, counts: new Dictionary<string, int>(targetCounts, StringComparer.Ordinal));
    }

    /// <summary>
    /// The number of rows to add to each class, by imbalanced-learn's rule for this strategy. The majority (or
    /// minority) is the first class with the largest (smallest) count, in class order.
    /// </summary>
    /// <param name="classCounts">Rows per class.</param>
    /// <param name="classNames">Each class's text, for messages and <see cref="Counts"/>.</param>
    /// <param name="labelColumnName">The label column, for messages.</param>
    /// <exception cref="ArgumentException">The strategy would remove rows, names an unknown class, or asks for a
    /// ratio with more than two classes.</exception>
    public int[] RowsToAdd(IReadOnlyList<int> classCounts, IReadOnlyList<string> classNames, string labelColumnName)
    {
        ArgumentNullException.ThrowIfNull(classCounts);
        ArgumentNullException.ThrowIfNull(classNames);
        int classes = classCounts.Count;
        var add = new int[classes];
        if (classes == 0)
        {
            return add;
        }

        int majority = 0, minority = 0;
        for (int c = 1; c < classes; c++)
        {
            if (classCounts[c] > classCounts[majority])
            {
                majority = c;
            }

            if (classCounts[c] < classCounts[minority])
            {
                minority = c;
            }
        }

        int nMajority = classCounts[majority];
        switch (_kind)
        {
            case Kind.NotMajority:
            case Kind.All:
            case Kind.NotMinority:
            case Kind.Minority:
                for (int c = 0; c < classes; c++)
                {
                    bool grow = _kind switch
                    {
                        Kind.NotMajority => c != majority,
                        Kind.Minority => c == minority,
                        Kind.NotMinority => c != minority,
                        _ => true,
                    };
                    add[c] = grow ? nMajority - classCounts[c] : 0;
                }

                break;
            case Kind.Ratio:
                if (classes != 2)
                {
                    throw new ArgumentException($"A ratio sampling strategy needs two classes; label column '{labelColumnName}' has {classes}. Use SamplingStrategy.Counts for more classes.", nameof(classCounts));
                }

                int other = 1 - majority;
                int target = (int)Math.Floor(nMajority * _ratio);
                add[other] = target - classCounts[other];
                if (add[other] < 0)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"The ratio {_ratio} asks class '{classNames[other]}' of label column '{labelColumnName}' to have {target} rows, but it already has {classCounts[other]}: an oversampler cannot remove rows. Use a ratio of at least {(double)classCounts[other] / nMajority:G4}."), nameof(classCounts));
                }

                break;
            case Kind.Counts:
                foreach (var (name, count) in _counts!)
                {
                    int c = IndexOf(classNames, name);
                    if (c < 0)
                    {
                        throw new ArgumentException($"The sampling strategy names class '{name}', which label column '{labelColumnName}' does not have. Classes: {string.Join(", ", classNames.Select(n => $"'{n}'"))}.", nameof(classCounts));
                    }

                    if (count < classCounts[c])
                    {
                        throw new ArgumentException($"The sampling strategy asks class '{classNames[c]}' of label column '{labelColumnName}' to have {count} rows, but it already has {classCounts[c]}: an oversampler cannot remove rows.", nameof(classCounts));
                    }

                    add[c] = count - classCounts[c];
                }

                break;
        }

        return add;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        // Adult's " >50K" is found as ">50K" when exactly one class matches once trimmed.
        int found = -1;
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i].AsSpan().Trim().SequenceEqual(name.AsSpan().Trim()))
            {
                if (found >= 0)
                {
                    return -1;
                }

                found = i;
            }
        }

        return found;
    }

    /// <inheritdoc/>
    public override string ToString() => _kind switch
    {
        Kind.Ratio => string.Create(CultureInfo.InvariantCulture, $"Ratio({_ratio})"),
        Kind.Counts => $"Counts({string.Join(", ", _counts!.Select(p => $"{p.Key}={p.Value}"))})",
        _ => _kind.ToString(),
    };
}
