using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Oversampling;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// SMOTE-NC (Chawla et al. 2002, §6.1, "SMOTE-Nominal Continuous") as imbalanced-learn defines it. Distances use the
/// continuous features plus, per categorical feature, a one-hot block whose entries are <c>Med / 2</c>, where
/// <c>Med</c> is the median of the (population) standard deviations of the continuous features within the class
/// being grown; so two rows with different categories differ by <c>Med² / 2</c> in squared distance per categorical
/// feature. Continuous values are interpolated as in SMOTE; each categorical value is the most frequent one among
/// the base row's k nearest neighbours (ties broken at random). A missing category counts as a category of its own.
/// </summary>
public sealed class SmoteNc : InterpolationOversampler
{
    /// <summary>Creates SMOTE-NC.</summary>
    public SmoteNc(SmoteOptions options)
        : base(options)
    {
    }

    /// <summary>The most categories a SMOTE-NC feature may have: each is a dimension of the one-hot points searched for neighbours.</summary>
    public const int MaxCategories = 4_096;

    /// <summary>The most single-precision values the points of one class may hold (rows × dimensions; 1 GiB).</summary>
    public const long MaxPointValues = 1L << 28;

    /// <inheritdoc/>
    public override string Name => "SMOTE-NC";

    private protected override FeatureSpace CreateSpace(GenerationRequest request)
    {
        var space = new FeatureSpace(request, ResolveFeatures(request, _ => true));
        if (space.Continuous.Length == 0)
        {
            throw new ArgumentException($"{Name} needs at least one continuous feature column; every feature is categorical. Use SMOTEN.", nameof(request));
        }

        space.RequireCategoriesAtMost(Name, MaxCategories);
        return space;
    }

    /// <summary>The median of the population standard deviations of the continuous features within the class.</summary>
    internal static double MedianStd(FeatureSpace space, int classIndex)
    {
        var rows = space.Request.ClassRows[classIndex];
        var stds = space.ContinuousValues.Select(values =>
        {
            double mean = 0, m2 = 0;
            int n = 0;
            foreach (int r in rows)
            {
                double x = values[r];
                n++;
                double delta = x - mean;
                mean += delta / n;
                m2 += delta * (x - mean);
            }

            return Math.Sqrt(m2 / n);
        }).Order().ToArray();
        int mid = stds.Length / 2;
        return stds.Length % 2 == 1 ? stds[mid] : 0.5 * (stds[mid - 1] + stds[mid]);
    }

    private protected override (float[] Points, int Dimensions) Points(FeatureSpace space, int classIndex, int[] rows)
    {
        if (!space.ClassCache.TryGetValue(classIndex, out var cached))
        {
            space.ClassCache[classIndex] = cached = MedianStd(space, classIndex);
        }

        float half = (float)((double)cached / 2);
        int dims = space.Encoding.Width;
        long size = (long)rows.Length * dims;
        if (size > MaxPointValues)
        {
            throw new ArgumentException($"{Name}: {rows.Length:N0} rows × {dims:N0} dimensions (continuous features plus one per category) is {size:N0} values, above the limit of {MaxPointValues:N0}. Use fewer or coarser categorical features, or fewer rows.", nameof(rows));
        }

        return (space.Encoding.DensePoints(space.Request.Table, rows, oneHotValue: half), dims);
    }

    private protected override void Complete(FeatureSpace space, int classIndex, InterpolationPairs pairs, TabularData output, Random random)
    {
        int k = pairs.K;
        for (int f = 0; f < space.Categorical.Length; f++)
        {
            var source = space.CategoricalCodes[f];
            var target = ((CategoricalColumn)output.Columns[space.Categorical[f]]).Codes;
            var votes = new Dictionary<int, int>();
            var best = new List<int>();
            for (int i = 0; i < target.Length; i++)
            {
                votes.Clear();
                for (int j = 0; j < k; j++)
                {
                    int code = source[pairs.Neighborhoods[(i * k) + j]];
                    votes[code] = votes.GetValueOrDefault(code) + 1;
                }

                int max = votes.Values.Max();
                best.Clear();
                best.AddRange(votes.Where(v => v.Value == max).Select(v => v.Key).Order());
                target[i] = best.Count == 1 ? best[0] : best[random.Next(best.Count)];
            }
        }
    }
}
