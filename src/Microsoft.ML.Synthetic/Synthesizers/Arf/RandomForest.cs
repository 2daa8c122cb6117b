using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// A random forest classifier (Breiman, "Random forests", Machine Learning 45, 2001) of real (label 1) against
/// synthetic (label 0) rows: each tree on a bootstrap sample of all rows, grown by <see cref="TreeGrower"/>; its
/// accuracy is estimated out of bag (each row voted on only by the trees that did not sample it, majority vote, a
/// tied vote counting half). Trees are grown in parallel, each from its own generator seeded by (seed, tree index),
/// so the forest is the same whatever the number of threads.
/// </summary>
internal sealed class RandomForest
{
    private RandomForest(DecisionTree[] trees, double oobAccuracy)
    {
        Trees = trees;
        OobAccuracy = oobAccuracy;
    }

    public DecisionTree[] Trees { get; }

    /// <summary>Out-of-bag accuracy over the rows that were out of bag for at least one tree.</summary>
    public double OobAccuracy { get; }

    public static RandomForest Fit(FeatureCodes layout, int[][] codes, byte[] labels, int treeCount, int mtry, int minSplit, ulong seed, int threads, CancellationToken cancellation)
    {
        int n = labels.Length;
        var trees = new DecisionTree[treeCount];
        var votes = new byte[treeCount][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        Parallel.For(0, treeCount, parallel,
            () => new TreeGrower(codes, layout.IsCategorical, layout.Levels, labels, mtry, minSplit),
            (t, _, grower) =>
            {
                var rng = new Xoshiro256StarStar(seed ^ ((ulong)(t + 1) * 0x9E3779B97F4A7C15UL));
                var inBag = new bool[n];
                var sample = new int[n];
                for (int i = 0; i < n; i++)
                {
                    int row = (int)(rng.NextUInt64() % (ulong)n);
                    sample[i] = row;
                    inBag[row] = true;
                }

                var tree = grower.Grow(sample, rng);
                var vote = new byte[n];
                for (int row = 0; row < n; row++)
                {
                    vote[row] = inBag[row] ? byte.MaxValue : (byte)tree.Vote(tree.LeafOf(codes, layout.IsCategorical, row));
                }

                trees[t] = tree;
                votes[t] = vote;
                return grower;
            },
            _ => { });

        double credit = 0;
        long counted = 0;
        for (int row = 0; row < n; row++)
        {
            int sum = 0, count = 0;
            for (int t = 0; t < treeCount; t++)
            {
                if (votes[t][row] != byte.MaxValue)
                {
                    sum += votes[t][row];
                    count++;
                }
            }

            if (count == 0)
            {
                continue;
            }

            counted++;
            credit += sum == count ? 0.5 : (sum > count) == (labels[row] == 1) ? 1 : 0;
        }

        return new RandomForest(trees, counted == 0 ? 0.5 : credit / counted);
    }
}
