using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Tests.Numerics;

/// <summary>
/// Philox4x32-10 against Random123's known-answer vectors (kat_vectors: counter, key → output), the
/// <see cref="Random"/> built on it, and the streams <see cref="SeedSequence.CreateRandom"/> hands out.
/// </summary>
[TestClass]
public sealed class Philox4x32Tests
{
    [TestMethod]
    [DataRow(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [DataRow(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [DataRow(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Block_MatchesRandom123KnownAnswers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        Philox4x32.Block(c0, c1, c2, c3, k0, k1, out uint r0, out uint r1, out uint r2, out uint r3);
        CollectionAssert.AreEqual(new[] { e0, e1, e2, e3 }, new[] { r0, r1, r2, r3 });
    }

    [TestMethod]
    public void PhiloxRandom_WordsAreTheBlocksAtSuccessivePositions_AndSameStreamRepeats()
    {
        var random = new PhiloxRandom(seed: -3, stream: 0x1_0000_0002L);
        var words = Enumerable.Range(0, 12).Select(_ => random.NextUInt32()).ToArray();
        for (uint position = 0; position < 3; position++)
        {
            Philox4x32.Block(position, 0, 2, 1, unchecked((uint)-3), 0, out uint r0, out uint r1, out uint r2, out uint r3);
            CollectionAssert.AreEqual(new[] { r0, r1, r2, r3 }, words[(int)(4 * position)..(int)((4 * position) + 4)], $"block {position}");
        }

        var a = SeedSequence.CreateRandom(9, 12345);
        var b = SeedSequence.CreateRandom(9, 12345);
        Assert.IsInstanceOfType<PhiloxRandom>(a);
        for (int i = 0; i < 1000; i++)
        {
            Assert.AreEqual(a.NextDouble(), b.NextDouble());
            Assert.AreEqual(a.Next(i + 1), b.Next(i + 1));
        }
    }

    [TestMethod]
    public void PhiloxRandom_DrawsStayInTheirRanges()
    {
        var random = new PhiloxRandom(1, 2);
        for (int i = 0; i < 20_000; i++)
        {
            double d = random.NextDouble();
            Assert.IsTrue(d >= 0 && d < 1);
            Assert.AreEqual(Math.Floor(d * (1UL << 53)), d * (1UL << 53), "53-bit doubles");
            float f = random.NextSingle();
            Assert.IsTrue(f >= 0 && f < 1);
            int n = random.Next();
            Assert.IsTrue(n >= 0 && n < int.MaxValue);
            int k = random.Next(7);
            Assert.IsTrue(k >= 0 && k < 7);
            int m = random.Next(-5, 3);
            Assert.IsTrue(m >= -5 && m < 3);
            int wide = random.Next(int.MinValue, int.MaxValue);
            Assert.AreNotEqual(int.MaxValue, wide);
            long l = random.NextInt64();
            Assert.IsTrue(l >= 0 && l < long.MaxValue);
            long lk = random.NextInt64(1_000_000_000_007L);
            Assert.IsTrue(lk >= 0 && lk < 1_000_000_000_007L);
            long lm = random.NextInt64(long.MinValue, long.MaxValue);
            Assert.AreNotEqual(long.MaxValue, lm);
        }

        Assert.AreEqual(0, random.Next(0));
        Assert.AreEqual(5, random.Next(5, 5));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => random.Next(-1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => random.Next(3, 2));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => random.NextInt64(-1));
    }

    [TestMethod]
    public void PhiloxRandom_BoundedDrawsAreUniform()
    {
        // Chi-square of 60,000 draws of Next(6) and of NextInt64(6) over 6 cells: 5 degrees of freedom, the 0.999
        // quantile is 20.5; NextDouble's mean is 1/2 within 5 standard errors.
        var random = new PhiloxRandom(11, 0);
        foreach (Func<int> draw in new Func<int>[] { () => random.Next(6), () => (int)random.NextInt64(6), () => random.Next(10, 16) - 10 })
        {
            var counts = new int[6];
            for (int i = 0; i < 60_000; i++)
            {
                counts[draw()]++;
            }

            double chi = counts.Sum(c => (c - 10_000.0) * (c - 10_000.0) / 10_000.0);
            Assert.IsLessThan(20.5, chi, string.Join(",", counts));
        }

        double mean = Enumerable.Range(0, 100_000).Average(_ => random.NextDouble());
        Assert.AreEqual(0.5, mean, 5 * Math.Sqrt(1.0 / 12 / 100_000));
    }

    [TestMethod]
    public void PhiloxRandom_NextBytes_ArrayAndSpanGiveTheWordsLittleEndian()
    {
        var a = new byte[11];
        new PhiloxRandom(4, 4).NextBytes(a);
        Span<byte> b = stackalloc byte[11];
        new PhiloxRandom(4, 4).NextBytes(b);
        CollectionAssert.AreEqual(a, b.ToArray());
        var words = new PhiloxRandom(4, 4);
        uint w0 = words.NextUInt32();
        CollectionAssert.AreEqual(BitConverter.GetBytes(w0), a[..4]);
        Assert.ThrowsExactly<ArgumentNullException>(() => new PhiloxRandom(4, 4).NextBytes((byte[])null!));
    }

    [TestMethod]
    public void CreateRandom_DifferentIndices_NeverShareAStream_IncludingAPairThatCollidedUnderThe31BitSeeds()
    {
        // Under the former scheme (System.Random seeded with Derive(seed, index), 31 bits) blocks 17,375 and 41,277 of
        // seed 42 got the same seed, so a sample of more than 338 million rows repeated block 17,375's rows in block 41,277.
        Assert.AreEqual(SeedSequence.Derive(42, 17_375), SeedSequence.Derive(42, 41_277), "the regression pair did collide");
        var first = new HashSet<(ulong, ulong)>();
        foreach (long index in Enumerable.Range(0, 200_000).Select(i => (long)i).Concat([17_375, 41_277, 1L << 32, (1L << 32) + 1, long.MaxValue, -1, long.MinValue]).Distinct())
        {
            var random = (PhiloxRandom)SeedSequence.CreateRandom(42, index);
            Assert.IsTrue(first.Add((random.NextUInt64(), random.NextUInt64())), $"stream {index} repeats another stream's first 128 bits");
        }

        Assert.AreNotEqual(SeedSequence.CreateRandom(42, 17_375).NextDouble(), SeedSequence.CreateRandom(42, 41_277).NextDouble());
    }

    [TestMethod]
    public void RowNoise_IsStandardNormal_AndTheSameAtOnceOrInPieces()
    {
        const int rows = 30_000, d = 5;
        var whole = new double[rows * d];
        RowNoise.Fill(8, 1_000_000_000_000L, rows, d, whole);
        var pieces = new double[rows * d];
        foreach (var (from, to) in new[] { (17_000, rows), (0, 1), (1, 17_000) })
        {
            RowNoise.Fill(8, 1_000_000_000_000L + from, to - from, d, pieces.AsSpan(from * d, (to - from) * d));
        }

        CollectionAssert.AreEqual(whole, pieces);

        // Moments per coordinate (standard errors √(1/n) and √(2/n)), the largest |F̂ − Φ| (KS, 99.9 % point 1.95/√n),
        // and the correlation of the cosine and sine of one pair (independent for Box–Muller).
        for (int j = 0; j < d; j++)
        {
            var x = Enumerable.Range(0, rows).Select(r => whole[(r * d) + j]).Order().ToArray();
            double mean = x.Average(), variance = x.Average(v => (v - mean) * (v - mean));
            Assert.AreEqual(0, mean, 5 / Math.Sqrt(rows), $"coordinate {j} mean");
            Assert.AreEqual(1, variance, 5 * Math.Sqrt(2.0 / rows), $"coordinate {j} variance");
            double ks = x.Select((v, i) => Math.Max(Math.Abs(((i + 1.0) / rows) - StandardNormal.Cdf(v)), Math.Abs(((double)i / rows) - StandardNormal.Cdf(v)))).Max();
            Assert.IsLessThan(1.95 / Math.Sqrt(rows), ks, $"coordinate {j} KS");
        }

        double correlation = Enumerable.Range(0, rows).Average(r => whole[r * d] * whole[(r * d) + 1]);
        Assert.AreEqual(0, correlation, 5 / Math.Sqrt(rows));
        var other = new double[d];
        RowNoise.FillRow(9, 1_000_000_000_000L, other);
        CollectionAssert.AreNotEqual(whole[..d], other, "another seed, other noise");
    }
}
