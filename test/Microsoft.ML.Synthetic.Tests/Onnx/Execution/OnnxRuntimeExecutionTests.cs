using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Runtime;
using Microsoft.ML.Synthetic.Onnx.Execution;

namespace Microsoft.ML.Synthetic.Tests.Onnx.Execution;

/// <summary>
/// <c>CreateInferenceSession</c> on the CPU and the CUDA opt-in. This machine has the CPU-only ONNX Runtime package and
/// no GPU, so asking for CUDA must run on the CPU with a warning naming what to install, or throw when fallback is off.
/// </summary>
[TestClass]
public sealed class OnnxRuntimeExecutionTests
{
    private sealed class Row
    {
        public float X { get; set; }
    }

    /// <summary>A min-max normalizer of X fitted on 0..9 (x / 9 by ML.NET's fixZero default), exported.</summary>
    private static byte[] NormalizerModel(MLContext ml)
    {
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new Row { X = i }));
        var model = ml.Transforms.NormalizeMinMax("Y", "X").Fit(data);
        using var stream = new MemoryStream();
        ml.Synthetic().ConvertToOnnx(model, data, stream);
        return stream.ToArray();
    }

    /// <summary>Runs the normalizer on x = 4.5 and returns y.</summary>
    private static float Run(InferenceSession session)
    {
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("X", new DenseTensor<float>(new[] { 4.5f }, [1, 1]))]);
        return results.Single(r => r.Name == "Y").AsTensor<float>().Single();
    }

    private static List<string> Warnings(MLContext ml)
    {
        var warnings = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Kind == ChannelMessageKind.Warning) lock (warnings) warnings.Add(e.Message);
        };
        return warnings;
    }

    [TestMethod]
    public void CreateInferenceSession_Cpu_RunsTheGraphWithoutWarning()
    {
        var ml = new MLContext(seed: 1);
        var warnings = Warnings(ml);
        using var session = ml.Synthetic().Onnx.CreateInferenceSession(NormalizerModel(ml), new OnnxRuntimeOptions { IntraOpThreads = 1 });
        Assert.AreEqual(0.5f, Run(session), 1e-7f, "min-max of 4.5 over [0, 9]");
        Assert.IsEmpty(warnings);
    }

    [TestMethod]
    public void CreateInferenceSession_CudaWithCpuOnlyOnnxRuntime_RunsOnCpuAndWarnsNamingTheGpuPackageAndCuda()
    {
        Assert.DoesNotContain(OnnxSessions.CudaProvider, OrtEnv.Instance().GetAvailableProviders(), "the test project references the CPU-only ONNX Runtime package");
        var ml = new MLContext(seed: 1);
        var warnings = Warnings(ml);
        using var session = ml.Synthetic().Onnx.CreateInferenceSession(NormalizerModel(ml), new OnnxRuntimeOptions { Execution = OnnxExecution.Cuda });

        Assert.AreEqual(0.5f, Run(session), 1e-7f, "the CPU session computes the graph");
        string warning = warnings.Single();
        StringAssert.Contains(warning, "has no CUDA execution provider");
        StringAssert.Contains(warning, "Microsoft.ML.OnnxRuntime.Gpu 1.32.0");
        StringAssert.Contains(warning, "cuDNN");
        StringAssert.Contains(warning, "Running on the CPU instead");
    }

    [TestMethod]
    public void CreateInferenceSession_CudaWithoutFallback_ThrowsNamingWhatToInstall()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Synthetic().Onnx.CreateInferenceSession(
            NormalizerModel(ml), new OnnxRuntimeOptions { Execution = OnnxExecution.Cuda, FallBackToCpu = false }));
        StringAssert.Contains(error.Message, "Microsoft.ML.OnnxRuntime.Gpu");
        StringAssert.Contains(error.Message, "CUDA 12");
    }

    /// <summary>
    /// The Gpu package lists the CUDA provider even where it cannot start (no GPU, CUDA or cuDNN missing); here the
    /// list is made to include it, so appending the provider really fails in ONNX Runtime and the session falls back.
    /// </summary>
    [TestMethod]
    public void Open_CudaProviderListedButFailingToStart_FallsBackWithOnnxRuntimesReason()
    {
        var ml = new MLContext(seed: 1);
        byte[] model = NormalizerModel(ml);
        var warnings = new List<string>();
        using var session = OnnxSessions.Open(o => new InferenceSession(model, o), new OnnxRuntimeOptions { Execution = OnnxExecution.Cuda, CudaDeviceId = 0 },
            warnings.Add, [OnnxSessions.CudaProvider, "CPUExecutionProvider"]);

        Assert.AreEqual(0.5f, Run(session), 1e-7f);
        StringAssert.Contains(warnings.Single(), "could not start its CUDA execution provider on device 0 (");
        StringAssert.Contains(warnings.Single(), "Microsoft.ML.OnnxRuntime.Gpu");
    }

    [TestMethod]
    public void CreateInferenceSession_MissingFileOrNegativeThreads_ThrowsNamingTheProblem()
    {
        var ml = new MLContext(seed: 1);
        var missing = Assert.ThrowsExactly<FileNotFoundException>(() => ml.Synthetic().Onnx.CreateInferenceSession("no-such-model.onnx"));
        StringAssert.Contains(missing.Message, "no-such-model.onnx");
        var threads = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Synthetic().Onnx.CreateInferenceSession(NormalizerModel(ml), new OnnxRuntimeOptions { IntraOpThreads = -1 }));
        StringAssert.Contains(threads.Message, "IntraOpThreads");
    }
}
