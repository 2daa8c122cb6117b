using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Privacy.NoiseSteps;

namespace Microsoft.ML.Synthetic.Tests.Privacy;

/// <summary>DP noise steps as train-only pipeline stages, and the ledger of a fitted chain.</summary>
[TestClass]
public sealed class NoiseStepTests
{
    private sealed class Row
    {
        public float Age { get; set; }
        public double Hours { get; set; }
        public string Sex { get; set; } = "";
    }

    private static IDataView Data(MLContext ml, int n, int seed = 1)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, n).Select(i => new Row
        {
            Age = 17 + random.Next(0, 74) + (i % 50 == 0 ? 200 : 0),   // every 50th row lies above the public bound
            Hours = 1 + (98 * random.NextDouble()),
            Sex = random.NextDouble() < 0.3 ? "Female" : "Male",
        }).ToList();
        return ml.Data.LoadFromEnumerable(rows);
    }

    /// <summary>Records the data the next estimator is fitted on.</summary>
    private sealed class SpyEstimator : IEstimator<ITransformer>
    {
        public List<Row> Seen { get; } = [];

        public ITransformer Fit(IDataView input)
        {
            var ml = new MLContext();
            Seen.AddRange(ml.Data.CreateEnumerable<Row>(input, reuseRowObject: false));
            return ml.Transforms.CopyColumns("AgeCopy", "Age").Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
    }

    private static EstimatorChain<ITransformer> ThreeSteps(MLContext ml, SpyEstimator spy, int seed) =>
        new EstimatorChain<ITransformer>()
            .Append(ml.Synthetic().Privacy.AddLaplaceNoise(new LaplaceNoiseOptions { ColumnName = "Age", Epsilon = 0.5, Lower = 17, Upper = 90, NonPrivateReproducibleSeed = seed }))
            .Append(ml.Synthetic().Privacy.AddGaussianNoise(new GaussianNoiseOptions { ColumnName = "Hours", Epsilon = 1, Delta = 1e-5, Lower = 1, Upper = 99, NonPrivateReproducibleSeed = seed + 1 }))
            .Append(ml.Synthetic().Privacy.RandomizedResponse(new RandomizedResponseOptions { ColumnName = "Sex", Epsilon = 1, Categories = ["Male", "Female"], NonPrivateReproducibleSeed = seed + 2 }))
            .Append(spy);

    [TestMethod]
    public void Chain_NextEstimatorSeesNoisyClampedRows_ScoringReturnsRealRows()
    {
        var ml = new MLContext(seed: 1);
        var train = Data(ml, 4000);
        var real = ml.Data.CreateEnumerable<Row>(train, reuseRowObject: false).ToList();
        var spy = new SpyEstimator();
        var model = ThreeSteps(ml, spy, seed: 10).Fit(train);

        Assert.HasCount(real.Count, spy.Seen);
        Assert.IsTrue(spy.Seen.Zip(real).Count(p => p.First.Age != p.Second.Age) > real.Count * 0.9, "ages are noisy");
        // Unbiased around the clamped values: mean error within 4 standard errors of the Laplace noise.
        double clampedMean = real.Average(r => Math.Clamp(r.Age, 17, 90));
        double laplaceSd = Math.Sqrt(2) * 73 / 0.5;
        Assert.AreEqual(clampedMean, spy.Seen.Average(r => r.Age), 4 * laplaceSd / Math.Sqrt(real.Count));
        Assert.AreEqual(real.Average(r => r.Hours), spy.Seen.Average(r => r.Hours), 4 * 98 * 4 / Math.Sqrt(real.Count));
        Assert.IsTrue(spy.Seen.All(r => r.Sex is "Male" or "Female"));
        double keep = Math.E / (Math.E + 1);
        double agree = spy.Seen.Zip(real).Count(p => p.First.Sex == p.Second.Sex) / (double)real.Count;
        Assert.AreEqual(keep, agree, 4 * Math.Sqrt(keep * (1 - keep) / real.Count));

        // Scoring, and the caller's data, are untouched.
        var scored = ml.Data.CreateEnumerable<Row>(model.Transform(train), reuseRowObject: false).ToList();
        CollectionAssert.AreEqual(real.Select(r => r.Age).ToList(), scored.Select(r => r.Age).ToList());
        CollectionAssert.AreEqual(real.Select(r => r.Sex).ToList(), scored.Select(r => r.Sex).ToList());
        var again = ml.Data.CreateEnumerable<Row>(train, reuseRowObject: false).ToList();
        CollectionAssert.AreEqual(real.Select(r => r.Hours).ToList(), again.Select(r => r.Hours).ToList());
    }

    [TestMethod]
    public void Ledger_ReportsEachStepAndTotal_UnderBasicAndZcdp()
    {
        var ml = new MLContext(seed: 1);
        var model = ThreeSteps(ml, new SpyEstimator(), seed: 3).Fit(Data(ml, 300));

        var ledger = ml.Synthetic().Privacy.Ledger(model);
        Assert.HasCount(3, ledger.Entries);
        Assert.AreEqual("AddLaplaceNoise(Age)", ledger.Entries[0].Step);
        Assert.AreEqual("AddGaussianNoise(Hours)", ledger.Entries[1].Step);
        Assert.AreEqual("RandomizedResponse(Sex)", ledger.Entries[2].Step);
        Assert.AreEqual(2.5, ledger.TotalEpsilon, 1e-12);
        Assert.AreEqual(1e-5, ledger.TotalDelta, 1e-18);
        string text = ledger.ToString();
        StringAssert.Contains(text, "basic composition");
        StringAssert.Contains(text, "AddGaussianNoise(Hours)");
        StringAssert.Contains(text, "NOT PRIVATE");
        Assert.IsTrue(ledger.Entries.All(e => e.NotPrivateReason is not null), "every seeded step is marked not private");
        StringAssert.Contains(text, "not protected");

        var zcdp = ml.Synthetic().Privacy.Ledger(model, CompositionRule.ZeroConcentrated, delta: 1e-5);
        // Pure ε-DP steps give ε²/2-zCDP (Bun & Steinke 2016, Prop. 1.4); the Gaussian step's ρ = Δ²/2σ² comes from its
        // own calibration (tested with the mechanism). The total ε is converted in the test (ZcdpReference).
        double gaussianRho = ledger.Entries[1].Rho!.Value;
        double rho = (0.5 * 0.5 / 2) + gaussianRho + (1.0 * 1.0 / 2);
        Assert.AreEqual(rho, zcdp.TotalRho!.Value, 1e-12);
        Assert.AreEqual(ZcdpReference.Epsilon(rho, 1e-5), zcdp.TotalEpsilon, 1e-9);
        Assert.ThrowsExactly<ArgumentNullException>(() => ml.Synthetic().Privacy.Ledger(model, CompositionRule.ZeroConcentrated));
    }

    [TestMethod]
    public void NonPrivateReproducibleSeed_ReproducesNoise_SecureDefaultDiffers()
    {
        var ml = new MLContext(seed: 1);
        var train = Data(ml, 200);
        List<float> Noisy(int? seed)
        {
            var spy = new SpyEstimator();
            ml.Synthetic().Privacy.AddLaplaceNoise(new LaplaceNoiseOptions { ColumnName = "Age", Epsilon = 1, Lower = 17, Upper = 90, NonPrivateReproducibleSeed = seed })
                .Append(spy).Fit(train);
            return spy.Seen.Select(r => r.Age).ToList();
        }

        CollectionAssert.AreEqual(Noisy(5), Noisy(5));
        CollectionAssert.AreNotEqual(Noisy(null), Noisy(null));
    }

    [TestMethod]
    public void Ledger_SecretNoise_IsPrivate_SeededNoise_CarriesTheNotPrivateReason()
    {
        var ml = new MLContext(seed: 1);
        var train = Data(ml, 50);
        foreach (var seed in new int?[] { null, 7 })
        {
            var model = new EstimatorChain<ITransformer>()
                .Append(ml.Synthetic().Privacy.AddLaplaceNoise(new LaplaceNoiseOptions { ColumnName = "Age", Epsilon = 1, Lower = 17, Upper = 90, NonPrivateReproducibleSeed = seed }))
                .Append(ml.Synthetic().Privacy.AddGaussianNoise(new GaussianNoiseOptions { ColumnName = "Hours", Epsilon = 1, Delta = 1e-5, Lower = 1, Upper = 99, NonPrivateReproducibleSeed = seed }))
                .Append(ml.Synthetic().Privacy.RandomizedResponse(new RandomizedResponseOptions { ColumnName = "Sex", Epsilon = 1, Categories = ["Male", "Female"], NonPrivateReproducibleSeed = seed }))
                .Fit(train);
            var entries = ml.Synthetic().Privacy.Ledger(model).Entries;
            Assert.HasCount(3, entries);
            foreach (var entry in entries)
            {
                if (seed is null)
                {
                    Assert.IsNull(entry.NotPrivateReason, entry.Step);
                    Assert.DoesNotContain("NOT PRIVATE", entry.Mechanism, entry.Step);
                }
                else
                {
                    StringAssert.Contains(entry.NotPrivateReason, "NonPrivateReproducibleSeed", entry.Step);
                }
            }
        }
    }

    [TestMethod]
    public void BadInput_IsRejectedWithClearErrors()
    {
        var ml = new MLContext(seed: 1);
        var privacy = ml.Synthetic().Privacy;
        var train = Data(ml, 20);

        Assert.AreEqual("epsilon", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => privacy.AddLaplaceNoise("Age", 0, 17, 90)).ParamName);
        Assert.AreEqual("epsilon", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => privacy.AddLaplaceNoise("Age", -1, 17, 90)).ParamName);
        Assert.AreEqual("epsilon", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => privacy.RandomizedResponse("Sex", 0, ["Male", "Female"])).ParamName);
        Assert.AreEqual("delta", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => privacy.AddGaussianNoise("Hours", 1, 0, 1, 99)).ParamName);
        Assert.AreEqual("delta", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => privacy.AddGaussianNoise("Hours", 1, 1, 1, 99)).ParamName);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => privacy.AddLaplaceNoise("Age", 1, 90, 17)).Message, "'Age'");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => privacy.AddLaplaceNoise("Age", 1, 5, 5)).Message, "lower < upper");

        var noBounds = Assert.ThrowsExactly<ArgumentException>(() => privacy.AddLaplaceNoise(new LaplaceNoiseOptions { ColumnName = "Age", Epsilon = 1 }));
        StringAssert.Contains(noBounds.Message, "Column 'Age': declare its public bounds");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => privacy.AddGaussianNoise(new GaussianNoiseOptions { ColumnName = "Hours", Upper = 3 })).Message, "never derives bounds");

        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => privacy.AddLaplaceNoise("Income", 1, 0, 1).Fit(train)).Message, "'Income'");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => privacy.AddLaplaceNoise("Sex", 1, 0, 1).Fit(train)).Message, "column 'Sex' has type");

        var noCategories = privacy.RandomizedResponse(new RandomizedResponseOptions { ColumnName = "Sex", Epsilon = 1 });
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => noCategories.Fit(train)).Message, "declare its public categories");
        var unseen = privacy.RandomizedResponse("Sex", 1, ["Male", "Other"]).Append(new SpyEstimator());
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => unseen.Fit(train)).Message, "'Female'");

        var withNaN = ml.Data.LoadFromEnumerable(new[] { new Row { Age = 20 }, new Row { Age = float.NaN } });
        var nan = Assert.ThrowsExactly<ArgumentException>(() => privacy.AddLaplaceNoise("Age", 1, 17, 90).Append(new SpyEstimator()).Fit(withNaN));
        StringAssert.Contains(nan.Message, "column 'Age' has the value NaN in row 1");
    }

    [TestMethod]
    public void FittedChain_SavesAndLoads_AsIdentityAtScoring()
    {
        var ml = new MLContext(seed: 1);
        var train = Data(ml, 100);
        var model = ml.Synthetic().Privacy.AddLaplaceNoise("Age", 1, 17, 90)
            .Append(ml.Transforms.Concatenate("Features", "Age"))
            .Fit(train);
        using var stream = new MemoryStream();
        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);
        var ages = loaded.Transform(train).GetColumn<float>("Age").ToArray();
        CollectionAssert.AreEqual(train.GetColumn<float>("Age").ToArray(), ages);
    }

    [TestMethod]
    public void RandomizedResponse_OnKeyColumn_UsesKeyDomainFromSchema()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Transforms.Conversion.MapValueToKey("SexKey", "Sex").Fit(Data(ml, 2000)).Transform(Data(ml, 2000));
        var stage = ml.Synthetic().Privacy.RandomizedResponse(new RandomizedResponseOptions { ColumnName = "SexKey", Epsilon = 2, NonPrivateReproducibleSeed = 1 });
        var fitted = stage.Fit(train);
        var noisy = fitted.Transform(train);
        var before = train.GetColumn<uint>("SexKey").ToArray();
        var after = noisy.GetColumn<uint>("SexKey").ToArray();
        double keep = Math.Exp(2) / (Math.Exp(2) + 1);
        double agree = before.Zip(after).Count(p => p.First == p.Second) / (double)before.Length;
        Assert.AreEqual(keep, agree, 4 * Math.Sqrt(keep * (1 - keep) / before.Length));
        Assert.IsTrue(after.All(k => k is 1 or 2));
    }
}
