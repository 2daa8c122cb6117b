using Microsoft.ML.Synthetic.Oversampling;
namespace Microsoft.ML.Synthetic;

/// <summary>
/// ADASYN (He, Bai, Garcia and Li, "ADASYN: Adaptive Synthetic Sampling Approach for Imbalanced Learning", IJCNN
/// 2008), as imbalanced-learn defines it: for each row i of the growing class, r_i is the share of its k nearest
/// neighbours among all rows that belong to other classes; the row gets <c>rint(r_i / Σr × G)</c> new rows (G the
/// strategy's count, so the total may differ from G by rounding), each interpolated towards one of its k nearest
/// same-class neighbours drawn uniformly.
/// </summary>
public sealed class Adasyn : InterpolationOversampler
{
    /// <summary>Creates ADASYN; <see cref="SmoteOptions.KNeighbors"/> is ADASYN's <c>n_neighbors</c>.</summary>
    public Adasyn(SmoteOptions options)
        : base(options)
    {
    }

    /// <inheritdoc/>
    public override string Name => "ADASYN";

    /// <summary>How many new rows each row of the class gets (imbalanced-learn's rounding: half to even).</summary>
    internal int[] RowsPerBase(FeatureSpace space, int classIndex, int count)
    {
        var rows = space.Request.ClassRows[classIndex];
        int all = space.RowClass.Length;
        if (all - 1 < KNeighbors)
        {
            throw new ArgumentException($"{Name}: the data has {all} rows; {KNeighbors} neighbours need at least {KNeighbors + 1}.", nameof(space));
        }

        var nn = Neighbors(space, classIndex, rows, Enumerable.Range(0, all).ToArray(), KNeighbors);
        var ratio = new double[rows.Length];
        double sum = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            int other = 0;
            for (int j = 0; j < KNeighbors; j++)
            {
                if (space.RowClass[nn[(i * KNeighbors) + j]] != classIndex)
                {
                    other++;
                }
            }

            ratio[i] = (double)other / KNeighbors;
            sum += ratio[i];
        }

        if (sum == 0)
        {
            throw new ArgumentException($"{Name}: no neighbour of any row of class '{space.Request.ClassNames[classIndex]}' belongs to another class, so ADASYN's weights are undefined. Use SMOTE for this data.", nameof(space));
        }

        return ratio.Select(r => (int)Math.Round(r / sum * count, MidpointRounding.ToEven)).ToArray();
    }

    private protected override InterpolationPairs DrawPairs(FeatureSpace space, int classIndex, int count, Random random)
    {
        var rows = space.Request.ClassRows[classIndex];
        RequireRows(space.Request, classIndex, KNeighbors + 1, $"{Name} with {KNeighbors} neighbours");
        var perBase = RowsPerBase(space, classIndex, count);
        int total = perBase.Sum();
        if (total == 0)
        {
            throw new ArgumentException($"{Name}: the weights of class '{space.Request.ClassNames[classIndex]}' round to no new rows for the {count} asked for; ask for more rows or use SMOTE.", nameof(space));
        }

        var sameClass = Neighbors(space, classIndex, rows, rows, KNeighbors);
        var pairs = new InterpolationPairs(total, KNeighbors);
        int n = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            for (int g = 0; g < perBase[i]; g++, n++)
            {
                int j = random.Next(KNeighbors);
                pairs.Bases[n] = rows[i];
                pairs.Neighbors[n] = sameClass[(i * KNeighbors) + j];
                pairs.Steps[n] = random.NextDouble();
                Array.Copy(sameClass, i * KNeighbors, pairs.Neighborhoods, n * KNeighbors, KNeighbors);
            }
        }

        return pairs;
    }
}
