using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// The ARF training loop (Watson, Blesch, Kapar and Wright, "Adversarial random forests for density estimation and
/// generative modeling", AISTATS 2023, Algorithm 1). Round 0 draws synthetic rows from the product of the columns'
/// marginals (each column bootstrapped independently) and fits a forest of real against synthetic rows. While its
/// out-of-bag accuracy exceeds ½ + δ, new synthetic rows are drawn from the forest's leaves — a tree uniformly, a leaf
/// by its share of real rows, then each column independently from the real rows of that leaf — and a new forest is
/// fitted. The loop stops at accuracy ≤ ½ + δ, after <c>MaxIterations</c> rounds, or (early stop) when the accuracy
/// fails to fall; the forest that generated the last synthetic rows is the result, as in the reference.
/// </summary>
internal static class AdversarialLoop
{
    public static (RandomForest Forest, IReadOnlyList<double> Accuracies) Run(FeatureCodes real, ArfOptions options, int seed, IProgress<ArfProgress>? progress)
    {
        int n = real.RowCount, p = real.ColumnCount;
        var cancellation = options.CancellationToken;
        int threads = options.Threads ?? Environment.ProcessorCount;
        int mtry = options.ColumnsPerSplit ?? Math.Max(1, (int)Math.Floor(Math.Sqrt(p)));
        int minSplit = 2 * options.MinLeafSize;   // the reference grows with min.node.size = 2 × min_node_size, then prunes on real rows
        var codes = new int[p][];
        for (int c = 0; c < p; c++)
        {
            codes[c] = new int[2 * n];
            Array.Copy(real.Codes[c], codes[c], n);
        }

        var labels = new byte[2 * n];
        Array.Fill(labels, (byte)1, 0, n);
        var rng = new Xoshiro256StarStar((ulong)(uint)SeedSequence.Derive(seed, -1));
        for (int c = 0; c < p; c++)
        {
            for (int i = 0; i < n; i++)
            {
                codes[c][n + i] = real.Codes[c][(int)(rng.NextUInt64() % (ulong)n)];
            }
        }

        RandomForest Fit(int round) => RandomForest.Fit(real, codes, labels, options.Trees, mtry, minSplit,
            ((ulong)(uint)seed << 32) | (uint)round, threads, cancellation);

        var generator = Fit(0);
        var accuracies = new List<double> { generator.OobAccuracy };
        progress?.Report(new ArfProgress(0, options.MaxIterations, generator.OobAccuracy));
        if (!(generator.OobAccuracy > 0.5 + options.Delta) || options.MaxIterations == 0)
        {
            return (generator, accuracies);
        }

        for (int round = 1; ; round++)
        {
            cancellation.ThrowIfCancellationRequested();
            ResampleFromLeaves(generator, real, codes, n, rng, threads);
            var discriminator = Fit(round);
            accuracies.Add(discriminator.OobAccuracy);
            progress?.Report(new ArfProgress(round, options.MaxIterations, discriminator.OobAccuracy));
            bool plateau = options.EarlyStop && accuracies[^1] >= accuracies[^2];
            if (discriminator.OobAccuracy <= 0.5 + options.Delta || round >= options.MaxIterations || plateau)
            {
                return (generator, accuracies);
            }

            generator = discriminator;
        }
    }

    /// <summary>Overwrites the synthetic half of <paramref name="codes"/> with rows drawn from the leaves' marginals.</summary>
    private static void ResampleFromLeaves(RandomForest forest, FeatureCodes real, int[][] codes, int n, Xoshiro256StarStar rng, int threads)
    {
        var trees = forest.Trees;
        var membership = new LeafMembership[trees.Length];
        Parallel.For(0, trees.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
            t => membership[t] = LeafMembership.Of(trees[t], codes, real.IsCategorical, n));
        for (int i = 0; i < n; i++)
        {
            var leaves = membership[(int)(rng.NextUInt64() % (ulong)trees.Length)];
            int leaf = leaves.LeafOfRow[(int)(rng.NextUInt64() % (ulong)n)];
            int start = leaves.Start[leaf], size = leaves.Start[leaf + 1] - start;
            for (int c = 0; c < codes.Length; c++)
            {
                int donor = leaves.Rows[start + (int)(rng.NextUInt64() % (ulong)size)];
                codes[c][n + i] = codes[c][donor];
            }
        }
    }
}
