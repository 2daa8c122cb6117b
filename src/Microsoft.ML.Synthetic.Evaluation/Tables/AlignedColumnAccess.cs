namespace Microsoft.ML.Synthetic.Evaluation.Tables;

/// <summary>
/// Typed access to the columns of the aligned tables (<see cref="AlignedTables"/>), whose column <c>c</c> has the
/// same name and kind in the real, synthetic and holdout tables.
/// </summary>
internal static class AlignedColumnAccess
{
    /// <summary>The values of continuous column <paramref name="c"/> (NaN = missing).</summary>
    public static double[] ValuesOf(this TabularData table, int c) => ((ContinuousColumn)table.Columns[c]).Values;

    /// <summary>The shared codes of categorical column <paramref name="c"/> (-1 = missing).</summary>
    public static int[] CodesOf(this TabularData table, int c) => ((CategoricalColumn)table.Columns[c]).Codes;
}
