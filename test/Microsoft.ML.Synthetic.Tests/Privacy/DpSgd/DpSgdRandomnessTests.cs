using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Privacy.DpSgd;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Tests.Privacy.DpSgd;

/// <summary>
/// DP-SGD's randomness: secret by default, reproducible only with <see cref="DpSgdOptions.NonPrivateReproducibleSeed"/>
/// (and then marked not private), and exactly the Poisson sampling the accountant assumes. The statistical checks use
/// bounds of 6 standard deviations (or p-values of 1e-9), so they fail by chance about once in 10⁸ runs.
/// </summary>
[TestClass]
public sealed class DpSgdRandomnessTests
{
    private static float[] OneStep(DpSgdOptions options)
    {
        using var scope = NewDisposeScope();
        var model = nn.Linear(4, 3);
        using (no_grad())
        {
            foreach (var p in model.parameters())
            {
                p.fill_(0.25f);
            }
        }

        var x = ones(50, 4);
        using var dp = new DpSgdEngine(model, 50, options);
        dp.ComputeGradients(dp.SampleBatch(), idx => model.forward(x[idx]).pow(2).sum(1));
        return [.. model.parameters().SelectMany(p => p.grad!.flatten().data<float>().ToArray())];
    }

    [TestMethod]
    public void Step_SameOptions_GivesDifferentNoisyGradients_BecauseTheNoiseIsSecret()
    {
        var options = new DpSgdOptions { BatchSize = 10, NoiseMultiplier = 1 };
        CollectionAssert.AreNotEqual(OneStep(options), OneStep(options));
    }

    [TestMethod]
    public void Step_WithNonPrivateReproducibleSeed_IsIdentical_AndTheLedgerEntryIsMarkedNotPrivate()
    {
        var options = new DpSgdOptions { BatchSize = 10, NoiseMultiplier = 1, NonPrivateReproducibleSeed = 4 };
        CollectionAssert.AreEqual(OneStep(options), OneStep(options));

        using var seeded = new DpSgdEngine(nn.Linear(2, 1).parameters(), 50, options);
        Assert.IsFalse(seeded.IsPrivate);
        StringAssert.Contains(seeded.PrivacyLedgerEntries[0].NotPrivateReason, "NonPrivateReproducibleSeed");
        StringAssert.Contains(seeded.PrivacyLedgerEntries[0].Mechanism, "NOT PRIVATE");

        using var secret = new DpSgdEngine(nn.Linear(2, 1).parameters(), 50, new DpSgdOptions { BatchSize = 10, NoiseMultiplier = 1 });
        Assert.IsTrue(secret.IsPrivate);
        Assert.IsNull(secret.PrivacyLedgerEntries[0].NotPrivateReason);
    }

    [TestMethod]
    public void SampleBatch_Poisson_IncludesEachRowIndependentlyWithProbabilityQ_BatchSizeVarianceIsNqOneMinusQ()
    {
        // N = 1000 rows, B = 100 so q = 0.1, T = 4000 batches from the secure source (the default).
        const int n = 1000, t = 4000;
        const double q = 0.1;
        using var dp = new DpSgdEngine(nn.Linear(2, 1).parameters(), n, new DpSgdOptions { BatchSize = 100, NoiseMultiplier = 1 });
        Assert.AreEqual(q, dp.SampleRate, 1e-15, "the accountant's q is B/N");
        StringAssert.Contains(dp.PrivacyLedgerEntries[0].Mechanism, "Poisson sampling");

        var counts = new long[n];
        var sizes = new double[t];
        for (int s = 0; s < t; s++)
        {
            var batch = dp.SampleBatch();
            for (int i = 0; i < batch.Length; i++)
            {
                Assert.IsTrue(batch[i] >= 0 && batch[i] < n && (i == 0 || batch[i] > batch[i - 1]), "distinct rows in increasing order");
                counts[batch[i]]++;
            }

            sizes[s] = batch.Length;
        }

        // Each row: Binomial(T, q) inclusions.
        double rowMean = t * q, rowSd = Math.Sqrt(t * q * (1 - q));
        Assert.IsTrue(counts.All(c => Math.Abs(c - rowMean) <= 6 * rowSd), $"per-row inclusions {counts.Min()}..{counts.Max()}, expected {rowMean} ± {6 * rowSd:F1}");
        double total = counts.Sum(), totalSd = Math.Sqrt((double)n * t * q * (1 - q));
        Assert.AreEqual(n * t * q, total, 6 * totalSd, "overall inclusion rate q");

        // Across rows the counts vary as independent binomials: their sample variance ≈ Tq(1 − q), sd ≈ Tq(1 − q)·√(2/(n − 1)).
        double rowVariance = Variance(counts.Select(c => (double)c).ToArray());
        Assert.AreEqual(rowSd * rowSd, rowVariance, 6 * rowSd * rowSd * Math.Sqrt(2.0 / (n - 1)), "rows are included independently");

        // Batch sizes: Binomial(N, q), mean Nq, variance Nq(1 − q) (fixed-size or shuffled batches would give variance 0).
        double sizeVariance = n * q * (1 - q);
        Assert.AreEqual(n * q, sizes.Average(), 6 * Math.Sqrt(sizeVariance / t), "mean batch size Nq");
        Assert.AreEqual(sizeVariance, Variance(sizes), 6 * sizeVariance * Math.Sqrt(2.0 / (t - 1)), "batch-size variance Nq(1 − q)");
    }

    [TestMethod]
    public void SampleBatch_FixedSize_DrawsBDistinctRows()
    {
        using var fixedSize = new DpSgdEngine(nn.Linear(2, 1).parameters(), 2000, new DpSgdOptions { BatchSize = 100, NoiseMultiplier = 1, Sampling = DpSgdSampling.FixedSize });
        var batch = fixedSize.SampleBatch();
        Assert.HasCount(100, batch);
        Assert.HasCount(100, batch.Distinct().ToArray());
        Assert.IsTrue(batch.All(i => i is >= 0 and < 2000));
    }

    [TestMethod]
    public void Ledger_FixedSizeBatches_AreMarkedNotAGuarantee_BecauseTheAccountantAssumesPoisson()
    {
        using var fixedSize = new DpSgdEngine(nn.Linear(2, 1).parameters(), 2000, new DpSgdOptions { BatchSize = 100, NoiseMultiplier = 1, Sampling = DpSgdSampling.FixedSize });
        StringAssert.Contains(fixedSize.PrivacyLedgerEntries[0].NotPrivateReason, "Poisson");
        using var poisson = new DpSgdEngine(nn.Linear(2, 1).parameters(), 2000, new DpSgdOptions { BatchSize = 100, NoiseMultiplier = 1 });
        Assert.IsNull(poisson.PrivacyLedgerEntries[0].NotPrivateReason);
    }

    [TestMethod]
    public void PoissonBatch_RateOne_TakesEveryRow()
    {
        var randomness = new DpSgdRandomness(NoiseSource.Secure);
        CollectionAssert.AreEqual(Enumerable.Range(0, 20_000).Select(i => (long)i).ToArray(), randomness.PoissonBatch(20_000, 1.0));
    }

    [TestMethod]
    public void Normal_FromTheSecureSource_IsNormalWithTheGivenScale()
    {
        var randomness = new DpSgdRandomness(NoiseSource.Secure);
        Assert.IsTrue(randomness.IsSecure);
        using var draws = randomness.Normal(200_001, 2.5);   // odd: the last pair gives one draw
        Assert.AreEqual(ScalarType.Float32, draws.dtype);
        CollectionAssert.AreEqual(new long[] { 200_001 }, draws.shape);
        var x = draws.data<float>().ToArray().Select(v => (double)v / 2.5).ToArray();
        double p = KolmogorovSmirnov.PValue(x, StandardNormal.Cdf);
        Assert.IsGreaterThan(1e-9, p, $"Kolmogorov–Smirnov p-value {p}");
        Assert.AreEqual(0, x.Average(), 6 / Math.Sqrt(x.Length));
        Assert.AreEqual(1, Variance(x), 6 * Math.Sqrt(2.0 / x.Length));
        Assert.IsTrue(x.All(double.IsFinite) && x.Max() < 8.6 && x.Min() > -8.6, "Box–Muller on 53-bit uniforms stays within ±8.6");
    }

    [TestMethod]
    public void Normal_FromOneSeed_IsReproducible_FromTheSecureSourceIsNot()
    {
        using var a = new DpSgdRandomness(NoiseSource.CreateUnsafeSeeded(3)).Normal(1000, 1);
        using var b = new DpSgdRandomness(NoiseSource.CreateUnsafeSeeded(3)).Normal(1000, 1);
        CollectionAssert.AreEqual(a.data<float>().ToArray(), b.data<float>().ToArray());
        using var c = new DpSgdRandomness(NoiseSource.Secure).Normal(1000, 1);
        using var d = new DpSgdRandomness(NoiseSource.Secure).Normal(1000, 1);
        CollectionAssert.AreNotEqual(c.data<float>().ToArray(), d.data<float>().ToArray());
    }

    private static double Variance(double[] values)
    {
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }
}
