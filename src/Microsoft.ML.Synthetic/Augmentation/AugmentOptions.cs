namespace Microsoft.ML.Synthetic;

/// <summary>How many synthetic rows <c>Augment</c> adds: exactly one of <see cref="RowCount"/>, <see cref="Fraction"/>, <see cref="RowsPerClass"/>.</summary>
public sealed class AugmentOptions
{
    /// <summary>A number of rows to add; with a label they are split over the classes in proportion to their counts.</summary>
    public long? RowCount { get; set; }

    /// <summary>Rows to add as a fraction of the training rows (0.5 adds half as many again); split like <see cref="RowCount"/>.</summary>
    public double? Fraction { get; set; }

    /// <summary>Rows to add per class (class text as in the label column); needs a label column.</summary>
    public IReadOnlyDictionary<string, int>? RowsPerClass { get; set; }

    internal static void Validate(AugmentOptions options, string? labelColumnName)
    {
        var (rowCount, fraction, rowsPerClass) = (options.RowCount, options.Fraction, options.RowsPerClass);
        int given = (rowCount is null ? 0 : 1) + (fraction is null ? 0 : 1) + (rowsPerClass is null ? 0 : 1);
        if (given != 1)
        {
            throw new ArgumentException($"Give exactly one of {nameof(RowCount)}, {nameof(Fraction)} and {nameof(RowsPerClass)}.", nameof(options));
        }

        if (rowCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), rowCount, "The number of rows to add cannot be negative.");
        }

        if (fraction is { } f && !(f >= 0 && double.IsFinite(f)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), fraction, "The fraction of rows to add must be a finite number ≥ 0.");
        }

        if (rowsPerClass is not null)
        {
            if (labelColumnName is null)
            {
                throw new ArgumentException($"{nameof(RowsPerClass)} needs a label column.", nameof(options));
            }

            foreach (var (name, count) in rowsPerClass)
            {
                if (count < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(options), count, $"The number of rows to add to class '{name}' cannot be negative.");
                }
            }
        }
    }
}
