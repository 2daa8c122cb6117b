using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Deep;

/// <summary>
/// TorchSharp plumbing shared by the deep synthesizers. All randomness goes through explicit generators (never
/// the process-wide one), so fits and samples are reproducible even when other code uses TorchSharp at the same time.
/// </summary>
internal static class TorchHelpers
{
    /// <summary>A CPU generator seeded from <paramref name="seed"/>.</summary>
    public static Generator CreateGenerator(long seed) => new Generator((ulong)seed, CPU);

    /// <summary>Applies the thread setting (0 leaves it).</summary>
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

        using var mask = rand(x.shape, generator: generator).ge_(p).to_type(x.dtype);
        return x * mask * (float)(1.0 / (1.0 - p));
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

    /// <summary>Writes a module's parameters and buffers; <see cref="ReadState"/> reads them back into a module of the same shape.</summary>
    public static void WriteState(BinaryWriter writer, nn.Module module)
    {
        var state = module.state_dict();
        writer.Write(state.Count);
        foreach (var (name, value) in state)
        {
            writer.Write(name);
            writer.Write((int)value.dtype);
            writer.Write(value.shape.Length);
            foreach (var d in value.shape)
            {
                writer.Write(d);
            }

            using var cpu = value.detach().cpu().contiguous();
            switch (value.dtype)
            {
                case ScalarType.Float32:
                    foreach (var v in cpu.data<float>())
                    {
                        writer.Write(v);
                    }

                    break;
                case ScalarType.Int64:
                    foreach (var v in cpu.data<long>())
                    {
                        writer.Write(v);
                    }

                    break;
                default:
                    throw new NotSupportedException($"Saving a {value.dtype} tensor ('{name}') is not supported.");
            }
        }
    }

    /// <summary>Reads what <see cref="WriteState"/> wrote into <paramref name="module"/> (same architecture).</summary>
    public static void ReadState(BinaryReader reader, nn.Module module)
    {
        var state = module.state_dict();
        int count = reader.ReadInt32();
        if (count != state.Count)
        {
            throw new InvalidDataException($"The saved network has {count} tensors; this architecture has {state.Count}.");
        }

        using var noGrad = no_grad();
        for (int i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var dtype = (ScalarType)reader.ReadInt32();
            var shape = new long[reader.ReadInt32()];
            for (int d = 0; d < shape.Length; d++)
            {
                shape[d] = reader.ReadInt64();
            }

            if (!state.TryGetValue(name, out var target) || !target.shape.SequenceEqual(shape) || target.dtype != dtype)
            {
                throw new InvalidDataException($"The saved tensor '{name}' does not match this architecture.");
            }

            long n = shape.Aggregate(1L, (a, b) => a * b);
            if (dtype == ScalarType.Float32)
            {
                var values = new float[n];
                for (long j = 0; j < n; j++)
                {
                    values[j] = reader.ReadSingle();
                }

                using var source = tensor(values, shape);
                target.copy_(source);
            }
            else
            {
                var values = new long[n];
                for (long j = 0; j < n; j++)
                {
                    values[j] = reader.ReadInt64();
                }

                using var source = tensor(values, shape);
                target.copy_(source);
            }
        }
    }
}
