using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// TorchSharp plumbing shared by the deep synthesizers. All randomness goes through explicit generators (never
/// the process-wide one), so fits and samples are reproducible even when other code uses TorchSharp at the same time.
/// </summary>
internal static class TorchHelpers
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<float, Tensor> Constants = new();

    /// <summary>
    /// A cached 0-dimensional float tensor holding <paramref name="value"/>, outside every dispose scope. Arithmetic
    /// with constants goes through these instead of TorchSharp's implicitly converted Scalars, whose native memory
    /// was seen freed while still in use in long trainings ("Unknown scalar type").
    /// </summary>
    public static Tensor Constant(double value) =>
        Constants.GetOrAdd((float)value, static v => tensor(v).DetachFromDisposeScope());

    /// <summary>
    /// <paramref name="tensor"/> on <paramref name="device"/>: the tensor itself on the CPU path (nothing copied, so CPU
    /// training is unchanged), else a copy there. Random draws stay on the CPU's seeded generators and are moved, so a
    /// CUDA run draws the same numbers as a CPU run with the same seed.
    /// </summary>
    public static Tensor On(this Tensor tensor, Device device) =>
        device.type == DeviceType.CPU && tensor.device_type == DeviceType.CPU ? tensor : tensor.to(device);

    /// <summary>A CPU generator seeded from <paramref name="seed"/>.</summary>
    public static Generator CreateGenerator(long seed) => new Generator((ulong)seed, CPU);

    /// <summary>The OpenMP wait policy set for LibTorch when the user has not chosen one (see <see cref="PrepareNativeEnvironment"/>).</summary>
    public const string DefaultOpenMpWaitPolicy = "PASSIVE";

    /// <summary>
    /// Runs before any member of this class (and so before the deep synthesizers' first LibTorch call) and makes
    /// LibTorch's OpenMP threads sleep instead of spinning while they wait (<c>OMP_WAIT_POLICY=PASSIVE</c>), unless
    /// the variable is already set. OpenMP reads the variable once, when LibTorch loads: if other code in the
    /// process loaded LibTorch first, this has no effect. Spinning threads collapse on a shared machine: with one of
    /// two cores kept busy by another thread, a TVAE epoch on Adult with two intra-op threads took 6–9 s with
    /// OpenMP's default policy and 1.3 s with PASSIVE (quiet: about 0.35 s).
    /// </summary>
    static TorchHelpers() => PrepareNativeEnvironment();

    /// <summary>Sets <c>OMP_WAIT_POLICY</c> to <see cref="DefaultOpenMpWaitPolicy"/> in the native environment unless set.</summary>
    public static void PrepareNativeEnvironment() => NativeEnvironment.SetIfUnset("OMP_WAIT_POLICY", DefaultOpenMpWaitPolicy);

    /// <summary>
    /// Applies the thread setting (0 leaves it): LibTorch's intra-op thread count, which is process-wide (it
    /// changes the count for all TorchSharp code in the process that runs after it).
    /// </summary>
    public static void ApplyThreads(int threads)
    {
        if (threads > 0 && torch.get_num_threads() != threads)
        {
            torch.set_num_threads(threads);
        }
    }

    /// <summary>
    /// Re-initialises every linear layer of <paramref name="module"/> as PyTorch does by default (weights and biases
    /// uniform in ±1/√fan_in) but from <paramref name="generator"/>, so that initialisation is seeded.
    /// </summary>
    public static void InitializeLinearLayers(nn.Module module, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            if (child is TorchSharp.Modules.Linear linear)
            {
                double bound = 1.0 / Math.Sqrt(linear.weight!.shape[1]);
                linear.weight.uniform_(-bound, bound, generator);
                linear.bias?.uniform_(-bound, bound, generator);
            }
        }
    }

    /// <summary>Inverted dropout with a seeded mask (PyTorch's nn.Dropout draws from the global generator).</summary>
    public static Tensor Dropout(Tensor x, double p, bool training, Generator generator)
    {
        if (!training || p <= 0)
        {
            return x;
        }

        using var mask = rand(x.shape, generator: generator).On(x.device).ge(Constant(p)).to_type(x.dtype).mul_(Constant(1.0 / (1.0 - p)));
        return x * mask;
    }

    /// <summary>A batch of rows of a row-major <paramref name="data"/> matrix (width <paramref name="width"/>) as a tensor.</summary>
    public static Tensor Gather(float[] data, int width, ReadOnlySpan<int> rows)
    {
        var buffer = new float[rows.Length * width];
        for (int i = 0; i < rows.Length; i++)
        {
            Array.Copy(data, (long)rows[i] * width, buffer, (long)i * width, width);
        }

        return tensor(buffer, [rows.Length, width]);
    }
}
