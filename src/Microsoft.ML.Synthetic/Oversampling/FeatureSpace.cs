using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Oversampling;

/// <summary>
/// The feature columns of one resampling run: continuous ones (interpolated) and categorical ones (chosen by
/// vote), the class of every row, and the rows of the table as points for the nearest-neighbour search.
/// </summary>
internal sealed class FeatureSpace
{
    public FeatureSpace(GenerationRequest request, int[] continuous, int[] categorical)
    {
        Request = request;
        Continuous = continuous;
        Categorical = categorical;
        ContinuousValues = continuous.Select(i => ((ContinuousColumn)request.Table.Columns[i]).Values).ToArray();
        CategoricalCodes = categorical.Select(i => ((CategoricalColumn)request.Table.Columns[i]).Codes).ToArray();
        RowClass = new int[request.Table.RowCount];
        Array.Fill(RowClass, -1);
        for (int c = 0; c < request.ClassRows.Length; c++)
        {
            foreach (int row in request.ClassRows[c])
            {
                RowClass[row] = c;
            }
        }
    }

    public GenerationRequest Request { get; }

    /// <summary>Table indices of the continuous features.</summary>
    public int[] Continuous { get; }

    /// <summary>Table indices of the categorical features.</summary>
    public int[] Categorical { get; }

    public double[][] ContinuousValues { get; }

    public int[][] CategoricalCodes { get; }

    /// <summary>What a method computes once per class (SMOTE-NC's median standard deviation, …).</summary>
    public Dictionary<int, object> ClassCache { get; } = [];

    /// <summary>The class of each table row.</summary>
    public int[] RowClass { get; }

    /// <summary>The rows of class <paramref name="classIndex"/>'s complement (every other class).</summary>
    public int[] OtherRows(int classIndex) =>
        Enumerable.Range(0, RowClass.Length).Where(r => RowClass[r] != classIndex).ToArray();

    /// <summary>
    /// Rejects a categorical feature with more than <paramref name="limit"/> categories, naming the column, its count
    /// and the limit: the method's memory or time grows with the categories.
    /// </summary>
    public void RequireCategoriesAtMost(string method, int limit)
    {
        for (int f = 0; f < Categorical.Length; f++)
        {
            var column = (CategoricalColumn)Request.Table.Columns[Categorical[f]];
            if (column.CategoryCount > limit)
            {
                throw new ArgumentException($"{method}: column '{column.Name}' has {column.CategoryCount:N0} categories; {method} accepts at most {limit:N0} per column. Group rare categories first, or leave the column out of FeatureColumnNames (it is then copied from the base row).", nameof(method));
            }
        }
    }

    /// <summary>Rejects missing values in the continuous features (they cannot be interpolated).</summary>
    public void RequireNoMissingContinuous(string method)
    {
        for (int f = 0; f < Continuous.Length; f++)
        {
            int missing = 0;
            foreach (var v in ContinuousValues[f])
            {
                if (double.IsNaN(v))
                {
                    missing++;
                }
            }

            if (missing > 0)
            {
                throw new ArgumentException($"{method}: column '{Request.Table.Columns[Continuous[f]].Name}' has {missing} missing (NaN) values; {method} measures distances on it and cannot use missing values. Replace them first (mlContext.Transforms.ReplaceMissingValues) or leave the column out of FeatureColumnNames.", nameof(method));
            }
        }
    }

    /// <summary>The continuous features of <paramref name="rows"/> as a row-major single-precision matrix.</summary>
    public float[] ContinuousPoints(int[] rows)
    {
        int d = Continuous.Length;
        long size = (long)rows.Length * d;
        if (size > Array.MaxLength)
        {
            throw new ArgumentException($"{rows.Length:N0} rows × {d} continuous features is {size:N0} values, more than one array holds ({Array.MaxLength:N0}). Resample fewer rows at a time or use fewer features.", nameof(rows));
        }

        var points = new float[size];
        for (int f = 0; f < d; f++)
        {
            var values = ContinuousValues[f];
            for (int i = 0; i < rows.Length; i++)
            {
                points[(i * d) + f] = (float)values[rows[i]];
            }
        }

        return points;
    }
}
