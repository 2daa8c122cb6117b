namespace Microsoft.ML.Synthetic.Transforms.Distance;

/// <summary>The arrays behind the columns of a <see cref="TabularData"/>, by column index, for code that reads whole columns.</summary>
internal static class ColumnArrays
{
    /// <summary>The values of continuous column <paramref name="c"/> (NaN = missing).</summary>
    public static double[] ValuesOf(this TabularData table, int c) => ((ContinuousColumn)table.Columns[c]).Values;

    /// <summary>The codes of categorical column <paramref name="c"/> (-1 = missing).</summary>
    public static int[] CodesOf(this TabularData table, int c) => ((CategoricalColumn)table.Columns[c]).Codes;
}
