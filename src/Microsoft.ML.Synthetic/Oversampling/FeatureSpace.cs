using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Oversampling;

/// <summary>
/// The feature columns of one resampling run: continuous ones (interpolated) and categorical ones (chosen by
/// vote), the class of every row, and the rows of the table as points for the nearest-neighbour search (the shared
/// <see cref="MixedRowEncoding"/>, unscaled: continuous features first, then the categorical ones).
/// </summary>
internal sealed class FeatureSpace
{
    public FeatureSpace(GenerationRequest request, int[] features)
    {
        Request = request;
        var kinds = features.ToLookup(i => request.Table.Columns[i].Kind);
        Encoding = MixedRowEncoding.Unscaled(request.Table, [.. kinds[ColumnKind.Continuous], .. kinds[ColumnKind.Categorical]]);
        ContinuousValues = Continuous.Select(request.Table.ValuesOf).ToArray();
        CategoricalCodes = Categorical.Select(request.Table.CodesOf).ToArray();
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

    /// <summary>
    /// Throws when a feature is of <paramref name="kind"/>, naming those columns: "<paramref name="method"/>
    /// <paramref name="works"/>, but 'a' is …. <paramref name="advice"/>".
    /// </summary>
    public static void RejectKind(GenerationRequest request, int[] features, ColumnKind kind, string method, string works, string advice)
    {
        var rejected = features.Where(i => request.Table.Columns[i].Kind == kind).ToArray();
        if (rejected.Length > 0)
        {
            var names = string.Join(", ", rejected.Select(i => $"'{request.Table.Columns[i].Name}'"));
            throw new ArgumentException($"{method} {works}, but {names} {(rejected.Length == 1 ? "is" : "are")} {kind.ToString().ToLowerInvariant()}. {advice}", nameof(request));
        }
    }

    public GenerationRequest Request { get; }

    /// <summary>The rows as points: the continuous features as they are, each categorical one as a one-hot block.</summary>
    public MixedRowEncoding Encoding { get; }

    /// <summary>Table indices of the continuous features.</summary>
    public int[] Continuous => Encoding.Continuous;

    /// <summary>Table indices of the categorical features.</summary>
    public int[] Categorical => Encoding.Categorical;

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
}
