using System.Collections.Concurrent;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// Native Scalars that stay reachable for as long as LibTorch may read them. TorchSharp 0.107 hands a
/// <see cref="Scalar"/> to native code as a bare handle and frees it in a finalizer; its dispose scopes track tensors
/// only. A number converted implicitly (<c>t * 0.5</c>, <c>t.add_(x)</c>, the literal alpha of
/// <c>Tensor.add(Tensor)</c> and so every <c>a + b</c>, Adam's coefficients, BatchNorm's batch counter) is unreachable
/// as soon as its handle is read, so a collection started by any thread during the native call lets the finalizer
/// thread free it mid-call ("Unknown scalar type", "Expected false to be true"). The deep synthesizers therefore
/// create no temporary Scalar on a training or sampling path (a test reads their IL to keep it so): constants come
/// from here, cached for the life of the process (never finalized), and values that change per step are created by
/// the caller and disposed after the call (<c>using</c>), which keeps them reachable until then. Nothing here touches
/// the collector or another thread.
/// </summary>
internal static class HeldScalars
{
    private static readonly ConcurrentDictionary<double, Scalar> Cache = new();

    /// <summary>The integer 1, the alpha TorchSharp passes for a plain <c>a + b</c>.</summary>
    public static Scalar One { get; } = 1.ToScalar();

    /// <summary>The integer 2 (what <c>t.pow(2)</c> converts).</summary>
    public static Scalar Two { get; } = 2.ToScalar();

    /// <summary>
    /// A cached double Scalar holding <paramref name="value"/> (what an implicit conversion of a double makes). One
    /// entry of a few dozen bytes per distinct value: constants and values fixed by a fit's options (a DP clip bound, a
    /// noise scale), never per-step values, which the caller holds with <c>using var s = v.ToScalar()</c>.
    /// </summary>
    public static Scalar Of(double value) => Cache.GetOrAdd(value, static v => v.ToScalar());

    /// <summary><c>a + b</c> with a held alpha (same kernel and result as TorchSharp's operator).</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary><c>a.add_(b)</c> with a held alpha.</summary>
    public static Tensor PlusInPlace(this Tensor a, Tensor b) => a.add_(b, One);

    /// <summary>
    /// <c>nn.functional.softplus(x)</c> (β = 1, threshold 20) with held β and threshold: the public overloads take
    /// doubles and convert them to temporaries, so this calls the Scalar overload they forward to.
    /// </summary>
    public static Tensor Softplus(Tensor x) => SoftplusOfScalars.Invoke(x, Of(1.0), Of(20.0));

    // Resolved on first use (its own type initializer), so a TorchSharp without the method fails only softplus.
    private static class SoftplusOfScalars
    {
        public static readonly Func<Tensor, Scalar, Scalar, Tensor> Invoke =
            typeof(Tensor).GetMethod("softplus1", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, [typeof(Scalar), typeof(Scalar)])
                ?.CreateDelegate<Func<Tensor, Scalar, Scalar, Tensor>>()
            ?? throw new MissingMethodException("TorchSharp's Tensor.softplus1(Scalar, Scalar) was not found: HeldScalars.Softplus was written for TorchSharp 0.107; use the new version's Scalar overload of softplus.");
    }
}
