using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Tests.Privacy.DpCtgan;
using Microsoft.ML.Synthetic.Tests.Privacy.DpTvae;

namespace Microsoft.ML.Synthetic.Tests.Privacy;

/// <summary>
/// One way to ask any deep synthesizer for DP training: <see cref="DifferentialPrivacyOptions"/> on the shared options,
/// the Epsilon/Delta shortcuts, the DP defaults whenever DP is on, user values winning, and errors naming the setting.
/// </summary>
[TestClass]
public sealed class DifferentialPrivacyOptionsTests
{
    [TestMethod]
    public void TvaeOptions_WithEpsilonAndDelta_ResolveTheDpDefaults()
    {
        var options = new TvaeOptions { Epsilon = 1, Delta = 1e-5 };

        Assert.IsNotNull(options.DifferentialPrivacy);
        Assert.IsTrue(options.IsDifferentiallyPrivate);
        Assert.AreEqual(30, options.Epochs);
        Assert.AreEqual(250, options.BatchSize);
        Assert.AreEqual(0.3, options.InitialSigma);
        Assert.AreEqual(1.0, options.DifferentialPrivacy.MaxGradNorm);
    }

    [TestMethod]
    public void Options_WithoutDifferentialPrivacy_KeepThePapersDefaults()
    {
        var tvae = new TvaeOptions();
        var ctgan = new CtganOptions();

        Assert.IsNull(tvae.DifferentialPrivacy);
        Assert.AreEqual((300, 500, 0.1), (tvae.Epochs, tvae.BatchSize, tvae.InitialSigma));
        Assert.AreEqual((300, 500, 10, 2e-4, 2e-4), (ctgan.Epochs, ctgan.BatchSize, ctgan.Pac, ctgan.GeneratorLearningRate, ctgan.DiscriminatorLearningRate));
    }

    [TestMethod]
    public void ClearingAShortcut_OnNonPrivateOptions_LeavesTrainingNonPrivate()
    {
        var options = new TvaeOptions { Epsilon = null, Delta = null };

        Assert.IsNull(options.DifferentialPrivacy);
        Assert.AreEqual(300, options.Epochs);
    }

    [TestMethod]
    public void CtganOptions_WithDifferentialPrivacy_ResolveTheDpDefaults()
    {
        var options = new CtganOptions { DifferentialPrivacy = new() { Epsilon = 1, Delta = 1e-5 } };

        Assert.AreEqual(30, options.Epochs);
        Assert.AreEqual(500, options.BatchSize);
        Assert.AreEqual(1, options.Pac);
        Assert.AreEqual(1e-3, options.GeneratorLearningRate);
        Assert.AreEqual(1e-3, options.DiscriminatorLearningRate);
    }

    [TestMethod]
    public void ExplicitUserValues_WinOverTheDpDefaults_WhicheverIsSetFirst()
    {
        var before = new TvaeOptions { Epochs = 5, BatchSize = 100, InitialSigma = 0.2, Epsilon = 1, Delta = 1e-5 };
        var after = new TvaeOptions { Epsilon = 1, Delta = 1e-5, Epochs = 5, BatchSize = 100, InitialSigma = 0.2 };
        foreach (var o in new[] { before, after })
        {
            Assert.AreEqual((5, 100, 0.2), (o.Epochs, o.BatchSize, o.InitialSigma));
        }

        var ctgan = new CtganOptions { Epochs = 7, GeneratorLearningRate = 5e-4, DiscriminatorLearningRate = 6e-4, Epsilon = 1, Delta = 1e-5 };
        Assert.AreEqual((7, 5e-4, 6e-4), (ctgan.Epochs, ctgan.GeneratorLearningRate, ctgan.DiscriminatorLearningRate));

        // A value the user set also survives turning DP off again.
        var off = new TvaeOptions { Epochs = 5, Epsilon = 1, Delta = 1e-5 };
        off.DifferentialPrivacy = null;
        Assert.AreEqual((5, 500, 0.1), (off.Epochs, off.BatchSize, off.InitialSigma));
    }

    [TestMethod]
    public void ShortcutsAndDifferentialPrivacyObject_GiveIdenticalOptions()
    {
        AssertSameSettings(
            new TvaeOptions { Epsilon = 1, Delta = 1e-5 },
            new TvaeOptions { DifferentialPrivacy = new() { Epsilon = 1, Delta = 1e-5 } });
        AssertSameSettings(
            new CtganOptions { Epsilon = 2, Delta = 1e-6 },
            new CtganOptions { DifferentialPrivacy = new() { Epsilon = 2, Delta = 1e-6 } });

        var viaObject = new TvaeOptions { DifferentialPrivacy = new() { Epsilon = 1, Delta = 1e-5 } };
        Assert.AreEqual(1.0, viaObject.Epsilon, "the shortcut reads the object");
        Assert.AreEqual(1e-5, viaObject.Delta);
    }

    [TestMethod]
    public void TvaeOptions_WithEpsilonAndDeltaShortcuts_TrainPrivately_WithTheLedgerEntry()
    {
        var ml = new MLContext(seed: 1);
        var options = new TvaeOptions { Epsilon = 3, Delta = 1e-5, Epochs = 2, BatchSize = 100, CompressDims = [16], DecompressDims = [16], EmbeddingDim = 8 };
        Declare(options.DifferentialPrivacy!);

        var model = (TvaeModel)ml.Synthetic().Synthesizers.Tvae(options).Fit(DpTvaeContractTests.Data(ml));

        Assert.HasCount(2, model.PrivacyLedgerEntries);
        Assert.AreEqual("Tvae (DP-SGD)", model.PrivacyLedgerEntries[1].Step);
        Assert.IsTrue(model.PrivacyLedgerEntries[1].Epsilon is > 0 and <= 3);
        Assert.IsTrue(model.Sigma.All(s => s == 0.3f), "σ held fixed at the DP default");
        Assert.IsTrue(model.TrainingHistory.All(p => p.Losses.Keys.SequenceEqual(["epsilon"])), "the model keeps only the covered figure");
    }

    [TestMethod]
    public void TvaeWithThePrvAccountant_SpendsAtMostEpsilonUnderPrv_AndItsLedgerEntryNamesPrv()
    {
        var ml = new MLContext(seed: 1);
        var options = new TvaeOptions { Epsilon = 3, Delta = 1e-5, Epochs = 2, BatchSize = 100, CompressDims = [16], DecompressDims = [16], EmbeddingDim = 8 };
        Declare(options.DifferentialPrivacy!);
        options.DifferentialPrivacy!.Accountant = PrivacyAccountant.Prv;

        var model = (TvaeModel)ml.Synthetic().Synthesizers.Tvae(options).Fit(DpTvaeContractTests.Data(ml));

        var entry = model.PrivacyLedgerEntries[1];
        Assert.AreEqual(PrivacyAccountant.Prv, entry.Accountant);
        Assert.IsTrue(entry.Epsilon is > 0 and <= 3, $"ε {entry.Epsilon} within the target under PRV");
    }

    [TestMethod]
    public void CtganOptions_WithDifferentialPrivacy_TakeTheDpPath()
    {
        var ml = new MLContext(seed: 1);
        var options = new CtganOptions { Epsilon = 3, Delta = 1e-5, Epochs = 2, BatchSize = 100, GeneratorDims = [16], DiscriminatorDims = [16], EmbeddingDim = 8 };
        Declare(options.DifferentialPrivacy!);

        var model = (CtganModel)ml.Synthetic().Synthesizers.Ctgan(options).Fit(DpCtganContractTests.Data(ml));

        Assert.HasCount(2, model.PrivacyLedgerEntries);
        StringAssert.Contains(model.PrivacyLedgerEntries[0].Mechanism, "unconditional generator");
        Assert.AreEqual("Ctgan critic (DP-SGD)", model.PrivacyLedgerEntries[1].Step);
        Assert.IsTrue(model.PrivacyLedgerEntries[1].Epsilon is > 0 and <= 3);
    }

    [TestMethod]
    public void InvalidDpSettings_AreErrorsNamingTheSetting()
    {
        var ml = new MLContext(seed: 1);
        void Expect<TException>(Action<CtganOptions> change, string setting)
            where TException : ArgumentException
        {
            var options = new CtganOptions { Epsilon = 1, Delta = 1e-5 };
            change(options);
            var e = Assert.ThrowsExactly<TException>(() => ml.Synthetic().Synthesizers.Ctgan(options));
            Assert.AreEqual(setting, e.ParamName);
            StringAssert.Contains(e.Message, setting);
        }

        Expect<ArgumentOutOfRangeException>(o => o.Epsilon = 0, "Epsilon");
        Expect<ArgumentOutOfRangeException>(o => o.Epsilon = double.PositiveInfinity, "Epsilon");
        Expect<ArgumentException>(o => o.Epsilon = null, "Epsilon");
        Expect<ArgumentException>(o => o.DifferentialPrivacy!.NoiseMultiplier = 1, "NoiseMultiplier");
        Expect<ArgumentOutOfRangeException>(o => { o.Epsilon = null; o.DifferentialPrivacy!.NoiseMultiplier = -1; }, "NoiseMultiplier");
        Expect<ArgumentException>(o => o.Delta = null, "Delta");
        Expect<ArgumentOutOfRangeException>(o => o.Delta = 1, "Delta");
        Expect<ArgumentOutOfRangeException>(o => o.DifferentialPrivacy!.MaxGradNorm = 0, "MaxGradNorm");
        Expect<ArgumentException>(o => o.DifferentialPrivacy!.PublicCategories["Color"] = [], "PublicCategories");
        Expect<ArgumentOutOfRangeException>(o => o.Pac = 10, "Pac");
    }

    /// <summary>Every public setting readable on both (the DP object's too) has the same value.</summary>
    private static void AssertSameSettings(DeepSynthesizerOptions a, DeepSynthesizerOptions b)
    {
        static IEnumerable<(string Name, object? Value)> Settings(object o) =>
            o.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType.IsValueType || p.PropertyType == typeof(string) || Nullable.GetUnderlyingType(p.PropertyType) is not null)
                .Select(p => (p.Name, p.GetValue(o)));

        CollectionAssert.AreEqual(Settings(a).ToArray(), Settings(b).ToArray());
        CollectionAssert.AreEqual(Settings(a.DifferentialPrivacy!).ToArray(), Settings(b.DifferentialPrivacy!).ToArray());
        Assert.IsTrue(Settings(a).Count() > 10, "the comparison covers the options' settings");
    }

    /// <summary>The contract table's public metadata.</summary>
    private static void Declare(DifferentialPrivacyOptions privacy)
    {
        privacy.PublicBounds["X"] = (0, 10);
        privacy.PublicBounds["Y"] = (0, 21);
        privacy.PublicBounds["Count"] = (0, 4);
        privacy.PublicCategories["Color"] = ["red", "green", "blue"];
    }
}
