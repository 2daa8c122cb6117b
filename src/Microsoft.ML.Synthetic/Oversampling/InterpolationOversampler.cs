using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Oversampling;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The shared step of SMOTE and its variants (imbalanced-learn's <c>BaseSMOTE</c>): draw pairs (a row of the class
/// and one of its neighbours), then place each new row on the segment between them,
/// <c>x_new = x + u × (x_nn − x)</c> with one uniform <c>u</c> per new row for all continuous features. A variant
/// overrides only what differs: which rows are bases and where their neighbours come from (<see cref="DrawPairs"/>),
/// the space distances are measured in (<see cref="Points"/>), and how the remaining columns are filled
/// (<see cref="Complete"/>).
/// </summary>
public abstract class InterpolationOversampler : Oversampler
{
    private protected InterpolationOversampler(SmoteOptions options)
        : base(options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KNeighbors, 1, nameof(options.KNeighbors));
        KNeighbors = options.KNeighbors;
    }

    /// <summary>Same-class neighbours a new row may be interpolated towards.</summary>
    public int KNeighbors { get; }

    private protected override object Prepare(GenerationRequest request)
    {
        var space = CreateSpace(request);
        space.RequireNoMissingContinuous(Name);
        if (space.Continuous.Length + space.Categorical.Length == 0)
        {
            throw new ArgumentException($"{Name}: the data has no feature columns besides the label.", nameof(request));
        }

        return space;
    }

    /// <summary>Chooses the feature columns; the default takes every continuous column and rejects categorical ones.</summary>
    private protected virtual FeatureSpace CreateSpace(GenerationRequest request)
    {
        var features = ResolveFeatures(request, _ => true);
        FeatureSpace.RejectKind(request, features, ColumnKind.Categorical, Name, "interpolates continuous columns",
            "Use SMOTE-NC (continuous and categorical) or SMOTEN (categorical), or list the continuous FeatureColumnNames (other columns are then copied from the row a new row is built from).");
        return new FeatureSpace(request, features);
    }

    /// <summary>The rows as points for the neighbour search while class <paramref name="classIndex"/> grows.</summary>
    private protected virtual (float[] Points, int Dimensions) Points(FeatureSpace space, int classIndex, int[] rows) =>
        (space.Encoding.DensePoints(space.Request.Table, rows), space.Encoding.Width);

    /// <summary>
    /// The <paramref name="k"/> nearest rows among <paramref name="references"/> of each query row (nearest first),
    /// as table row numbers; a query never returns itself.
    /// </summary>
    private protected int[] Neighbors(FeatureSpace space, int classIndex, int[] queries, int[] references, int k)
    {
        var (refPoints, dims) = Points(space, classIndex, references);
        var (queryPoints, _) = Points(space, classIndex, queries);
        var position = new Dictionary<int, int>(references.Length);
        for (int i = 0; i < references.Length; i++)
        {
            position[references[i]] = i;
        }

        int[]? excluded = null;
        if (queries.Any(position.ContainsKey))
        {
            excluded = queries.Select(q => position.TryGetValue(q, out var p) ? p : -1).ToArray();
        }

        var index = new ExactNearestNeighbors(refPoints, references.Length, dims);
        var local = index.Search(queryPoints, queries.Length, k, excluded, MaxThreads, space.Request.Cancellation);
        for (int i = 0; i < local.Length; i++)
        {
            local[i] = references[local[i]];
        }

        return local;
    }

    /// <summary>
    /// imbalanced-learn's <c>_make_samples</c>: <paramref name="count"/> draws, each a uniform choice among all
    /// (base, neighbour) pairs and a step <c>stepSize × U[0, 1)</c>.
    /// </summary>
    private protected static InterpolationPairs UniformPairs(int[] bases, int[] neighborhoods, int k, int count, double stepSize, Random random)
    {
        var pairs = new InterpolationPairs(count, k);
        long total = (long)bases.Length * k;
        for (int i = 0; i < count; i++)
        {
            long s = random.NextInt64(total);
            int b = (int)(s / k), j = (int)(s % k);
            pairs.Bases[i] = bases[b];
            pairs.Neighbors[i] = neighborhoods[(b * k) + j];
            pairs.Steps[i] = stepSize * random.NextDouble();
            Array.Copy(neighborhoods, b * k, pairs.Neighborhoods, i * k, k);
        }

        return pairs;
    }

    /// <summary>SMOTE's choice: every row of the class is a base; neighbours are its k nearest rows of the class.</summary>
    private protected virtual InterpolationPairs DrawPairs(FeatureSpace space, int classIndex, int count, Random random)
    {
        var rows = space.Request.ClassRows[classIndex];
        RequireRows(space.Request, classIndex, KNeighbors + 1, $"{Name} with k = {KNeighbors} neighbours");
        var neighborhoods = Neighbors(space, classIndex, rows, rows, KNeighbors);
        return UniformPairs(rows, neighborhoods, KNeighbors, count, 1.0, random);
    }

    /// <summary>Fills the columns interpolation does not set (categorical features); the default leaves them as copied.</summary>
    private protected virtual void Complete(FeatureSpace space, int classIndex, InterpolationPairs pairs, TabularData output, Random random)
    {
    }

    private protected sealed override TabularData GenerateClass(GenerationRequest request, object state, int classIndex, int count, Random random)
    {
        var space = (FeatureSpace)state;
        var pairs = DrawPairs(space, classIndex, count, random);
        var columns = new TableColumn[request.Table.Columns.Count];
        var interpolated = new Dictionary<int, int>();
        for (int f = 0; f < space.Continuous.Length; f++)
        {
            interpolated[space.Continuous[f]] = f;
        }

        // Interpolated columns are computed directly (one column per task); every other column is copied from the bases.
        Parallel.For(0, columns.Length, new ParallelOptions { MaxDegreeOfParallelism = MaxThreads, CancellationToken = request.Cancellation }, i =>
        {
            var column = request.Table.Columns[i];
            if (!interpolated.TryGetValue(i, out int f))
            {
                columns[i] = column.SelectRows(pairs.Bases);
                return;
            }

            var source = space.ContinuousValues[f];
            var target = new double[pairs.Bases.Length];
            for (int j = 0; j < target.Length; j++)
            {
                double x = source[pairs.Bases[j]];
                target[j] = x + (pairs.Steps[j] * (source[pairs.Neighbors[j]] - x));
            }

            columns[i] = new ContinuousColumn(column.Name, target, ((ContinuousColumn)column).IsInteger);
        });
        var output = new TabularData(request.Table.Schema, columns);
        Complete(space, classIndex, pairs, output, random);
        return output;
    }
}
