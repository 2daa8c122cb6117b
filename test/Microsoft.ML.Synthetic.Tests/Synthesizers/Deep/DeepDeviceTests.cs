using Microsoft.ML;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Tests.Privacy.DpTvae;
using TorchSharp;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;

/// <summary>The device option of the deep synthesizers: CPU by default; CUDA when LibTorch has it, else the CPU with a warning saying what to install.</summary>
[TestClass]
public sealed class DeepDeviceTests
{
    private static List<string> CaptureWarnings(MLContext ml)
    {
        var warnings = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning)
            {
                lock (warnings)
                {
                    warnings.Add(e.Message);
                }
            }
        };
        return warnings;
    }

    [TestMethod]
    public void DeviceDefault_IsCpu()
    {
        Assert.AreEqual(DeepDevice.Cpu, new TvaeOptions().Device);
        Assert.AreEqual(DeepDevice.Cpu, new CtganOptions().Device);
    }

    [TestMethod]
    public void Resolve_Cpu_IsTheCpu_WithoutAskingForCuda()
    {
        var device = TorchDevices.Resolve(DeepDevice.Cpu, _ => Assert.Fail("no warning for the CPU"), () => throw new InvalidOperationException("CUDA must not be probed"));
        Assert.AreEqual(DeviceType.CPU, device.type);
    }

    [TestMethod]
    public void Resolve_CudaWithoutAGpu_FallsBackToTheCpu_WithAWarningNamingThePackage()
    {
        var warnings = new List<string>();
        var device = TorchDevices.Resolve(DeepDevice.Cuda, warnings.Add, () => false);

        Assert.AreEqual(DeviceType.CPU, device.type);
        Assert.HasCount(1, warnings);
        StringAssert.Contains(warnings[0], "libtorch-cuda");
        StringAssert.Contains(warnings[0], "on the CPU");
    }

    [TestMethod]
    public void Resolve_CudaWhenLibTorchHasIt_IsCuda_WithoutAWarning()
    {
        var device = TorchDevices.Resolve(DeepDevice.Cuda, _ => Assert.Fail("no warning when CUDA is there"), () => true);
        Assert.AreEqual(DeviceType.CUDA, device.type);
    }

    [TestMethod]
    public void Resolve_CudaRuntimeThatCannotLoad_FallsBackToTheCpu()
    {
        var warnings = new List<string>();
        var device = TorchDevices.Resolve(DeepDevice.Cuda, warnings.Add, () => throw new DllNotFoundException("libtorch_cuda.so"));
        Assert.AreEqual(DeviceType.CPU, device.type);
        Assert.HasCount(1, warnings);
    }

    [TestMethod]
    public void TvaeFit_WithCudaOnThisMachine_TrainsOnTheDeviceLibTorchOffers_AndWarnsWhenItIsTheCpu()
    {
        var ml = new MLContext(seed: 1);
        var warnings = CaptureWarnings(ml);
        var options = new TvaeOptions { Device = DeepDevice.Cuda, Epochs = 1, BatchSize = 100, CompressDims = [16], DecompressDims = [16], EmbeddingDim = 8, Seed = 3 };

        var model = ml.Synthetic().Synthesizers.Tvae(options).Fit(DpTvaeContractTests.Data(ml));

        bool cuda = torch.cuda.is_available();
        Assert.AreEqual(cuda ? 0 : 1, warnings.Count(w => w.Contains("libtorch-cuda", StringComparison.Ordinal)), string.Join("\n", warnings));
        Assert.AreEqual(50, model.SampleTable(50, null, 1).RowCount);
        if (!cuda)
        {
            // The fallback is the CPU fit itself: the same seed gives the same rows as Device = Cpu.
            var cpu = ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = 1, BatchSize = 100, CompressDims = [16], DecompressDims = [16], EmbeddingDim = 8, Seed = 3 }).Fit(DpTvaeContractTests.Data(ml));
            SynthesizerContractTests.AssertSameRows(cpu.SampleTable(50, null, 1), model.SampleTable(50, null, 1));
        }
    }

    [TestMethod]
    public void CtganFit_WithCudaOnThisMachine_WarnsWhenItFallsBackToTheCpu()
    {
        var ml = new MLContext(seed: 1);
        var warnings = CaptureWarnings(ml);
        var options = new CtganOptions { Device = DeepDevice.Cuda, Epochs = 1, BatchSize = 100, GeneratorDims = [16], DiscriminatorDims = [16], EmbeddingDim = 8 };

        var model = ml.Synthetic().Synthesizers.Ctgan(options).Fit(DpTvaeContractTests.Data(ml));

        Assert.AreEqual(torch.cuda.is_available() ? 0 : 1, warnings.Count(w => w.Contains("libtorch-cuda", StringComparison.Ordinal)), string.Join("\n", warnings));
        Assert.AreEqual(50, model.SampleTable(50, null, 1).RowCount);
    }
}
