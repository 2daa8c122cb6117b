using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

/// <summary>
/// Saves and loads a TorchSharp module's parameters and buffers: per tensor its name, element type, shape and
/// values. Loading checks the architecture's size against the file before the module is built
/// (<see cref="CheckSize"/>), then every tensor's name, type and shape against the module before its values are
/// read, and every value: weights finite, batch-norm running variances not negative.
/// </summary>
internal static class NetworkState
{
    /// <summary>Writes <paramref name="module"/>'s state; <see cref="Read"/> reads it back into a module of the same shape.</summary>
    public static void Write(BinaryWriter writer, nn.Module module)
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

    /// <summary>
    /// Fails unless the file still holds the values of a network with <paramref name="floats"/> float and
    /// <paramref name="longs"/> Int64 elements: the check that comes before the module (and its native memory) is made.
    /// </summary>
    public static void CheckSize(ModelReader reader, long floats, long longs, string architecture)
    {
        long bytes = (floats * sizeof(float)) + (longs * sizeof(long));
        if (bytes > reader.Remaining)
        {
            throw reader.Corrupt($"the layer sizes ({architecture}) need {floats} weights ({bytes} bytes), but only {reader.Remaining} bytes remain");
        }
    }

    /// <summary>Checks every layer width in [1, <see cref="ModelFileLimits.MaxLayerWidth"/>] and the layer count.</summary>
    public static int[] ReadWidths(ModelReader reader, string what)
    {
        int count = reader.ReadCount($"{what} layer count", ModelFileLimits.MaxLayers, sizeof(int));
        var widths = new int[count];
        for (int i = 0; i < count; i++)
        {
            widths[i] = reader.ReadInt32($"{what} layer {i + 1} width", 1, ModelFileLimits.MaxLayerWidth);
        }

        return widths;
    }

    /// <summary>The weights and biases of a linear layer.</summary>
    public static long Linear(long input, long output) => (input * output) + output;

    /// <summary>Reads what <see cref="Write"/> wrote into <paramref name="module"/> (same architecture).</summary>
    public static void Read(ModelReader reader, nn.Module module)
    {
        using var part = reader.Part("network");
        var state = module.state_dict();
        int count = reader.ReadInt32("tensor count");
        if (count != state.Count)
        {
            throw reader.Corrupt($"the saved network has {count} tensors; this architecture has {state.Count}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var noGrad = no_grad();
        for (int i = 0; i < count; i++)
        {
            var name = reader.ReadString("tensor name", 256);
            using var tensorPart = reader.Part($"tensor {ModelReader.Quote(name)}");
            if (!state.TryGetValue(name, out var target) || !seen.Add(name))
            {
                throw reader.Corrupt("no tensor of this name in the architecture, or it appears twice");
            }

            var dtype = reader.ReadInt32("element type");
            int rank = reader.ReadInt32("rank");
            if (dtype != (int)target.dtype || rank != target.shape.Length)
            {
                throw reader.Corrupt($"element type {dtype} and rank {rank} do not match the architecture's {target.dtype} of rank {target.shape.Length}");
            }

            for (int d = 0; d < rank; d++)
            {
                long size = reader.ReadInt64("dimension");
                if (size != target.shape[d])
                {
                    throw reader.Corrupt($"dimension {d} is {size}; the architecture has {target.shape[d]}");
                }
            }

            long n = target.numel();
            if (target.dtype == ScalarType.Float32)
            {
                var values = reader.ReadFiniteSingles("values", n);
                if (name.EndsWith("running_var", StringComparison.Ordinal) && !Array.TrueForAll(values, v => v >= 0))
                {
                    throw reader.Corrupt("a running variance is negative");
                }

                using var source = tensor(values, target.shape);
                target.copy_(source);
            }
            else if (target.dtype == ScalarType.Int64)
            {
                using var source = tensor(reader.ReadInt64s("values", n), target.shape);
                target.copy_(source);
            }
            else
            {
                throw reader.Corrupt($"element type {target.dtype} is not supported");
            }
        }
    }
}
