namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// How a numeric column's values come back from model space: within the training range [<see cref="Min"/>,
/// <see cref="Max"/>], rounded when the column holds whole numbers, and narrowed to Single for a Single column so
/// that a value survives the trip through the source type.
/// </summary>
/// <param name="Whole">Whether values are rounded to whole numbers.</param>
/// <param name="Single">Whether the source column is Single (fractional values are narrowed to float).</param>
/// <param name="Min">The smallest training value.</param>
/// <param name="Max">The largest training value.</param>
internal readonly record struct NumericForm(bool Whole, bool Single, double Min, double Max)
{
    /// <summary>Whether the source column of <paramref name="info"/> is Single.</summary>
    public static bool IsSingle(TableColumnInfo info) => info.OriginalType.RawType == typeof(float);

    /// <summary>
    /// Whether a column's values are whole numbers: an integer column, or every observed value whole (ML.NET loads
    /// numbers as Single by default, so ages and counts often arrive as floats).
    /// </summary>
    public static bool IsWhole(ContinuousColumn column, ReadOnlySpan<double> observed)
    {
        if (column.IsInteger)
        {
            return true;
        }

        foreach (var v in observed)
        {
            if (v != Math.Round(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="x"/> clipped to the training range, then rounded (whole) or narrowed (Single).</summary>
    public double Restore(double x)
    {
        x = Math.Clamp(x, Min, Max);
        return Whole ? Math.Round(x) : Single ? (float)x : x;
    }
}
