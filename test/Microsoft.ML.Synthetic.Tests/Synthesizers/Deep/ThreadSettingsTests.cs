using Microsoft.ML;
using TorchSharp;
using Microsoft.ML.Synthetic.Synthesizers.Deep;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;

/// <summary>The thread defaults of the deep synthesizers: one LibTorch thread, OpenMP threads that sleep while they wait.</summary>
[TestClass]
public sealed class ThreadSettingsTests
{
    private sealed class Row
    {
        public float X { get; set; }
        public string Color { get; set; } = "";
    }

    [TestMethod]
    public void DeepSynthesizerOptions_ThreadsDefault_IsOne()
    {
        Assert.AreEqual(1, new TvaeOptions().Threads);
        Assert.AreEqual(1, new CtganOptions().Threads);
    }

    [TestMethod]
    public void TvaeFit_WithDefaultOptions_TrainsOnOneLibTorchThread()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 200).Select(i => new Row { X = (float)random.NextDouble(), Color = i % 3 == 0 ? "red" : "blue" }).ToList();
        // No torch.set_num_threads(2) here to provoke a change: it is process-wide and would disturb tests running in
        // parallel. A fresh test thread starts at LibTorch's default (the physical cores) unless some fit set 1 before.

        ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = 1, BatchSize = 100, CompressDims = [16], DecompressDims = [16], EmbeddingDim = 8 })
            .Fit(ml.Data.LoadFromEnumerable(rows));

        Assert.AreEqual(1, torch.get_num_threads(), "a fit with default options should leave LibTorch on one intra-op thread");
    }

    [TestMethod]
    public void PrepareNativeEnvironment_OmpWaitPolicy_IsPassiveUnlessTheUserSetIt()
    {
        string? before = NativeEnvironment.Get("OMP_WAIT_POLICY");

        TorchHelpers.PrepareNativeEnvironment();

        Assert.AreEqual(before ?? TorchHelpers.DefaultOpenMpWaitPolicy, NativeEnvironment.Get("OMP_WAIT_POLICY"));
    }

    [TestMethod]
    public void NativeEnvironment_SetIfUnset_IsSeenByTheCLibraryAndNeverOverwrites()
    {
        string name = "SYNTHML_TEST_" + Guid.NewGuid().ToString("N");

        Assert.IsTrue(NativeEnvironment.SetIfUnset(name, "first"));
        Assert.IsFalse(NativeEnvironment.SetIfUnset(name, "second"));

        Assert.AreEqual("first", NativeEnvironment.Get(name));
        Assert.AreEqual("first", Environment.GetEnvironmentVariable(name));
    }
}
