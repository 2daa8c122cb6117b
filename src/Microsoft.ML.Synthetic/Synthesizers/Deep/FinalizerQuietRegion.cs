using System.Runtime;

namespace Microsoft.ML.Synthetic.Deep;

/// <summary>
/// Keeps the garbage collector, and so the finalizer thread, from running during a block of TorchSharp calls.
/// TorchSharp converts numbers to native <c>Scalar</c> objects implicitly (in its own operators, optimizers and
/// modules too) and frees them in finalizers; a finalizer that runs while a native call still reads its Scalar
/// corrupts that call ("Unknown scalar type", "Expected false to be true … toFloat"), which was seen after a few
/// thousand training steps on Adult. Inside the region no collection happens (within the budget), and pending
/// finalizers are drained before it starts.
/// </summary>
internal readonly struct FinalizerQuietRegion : IDisposable
{
    /// <summary>Managed allocation allowed inside a region: far more than one training step allocates.</summary>
    public const long Budget = 48L << 20;

    private readonly bool _active;

    private FinalizerQuietRegion(bool active) => _active = active;

    public static FinalizerQuietRegion Enter()
    {
        bool active;
        try
        {
            active = GC.TryStartNoGCRegion(Budget);
        }
        catch (InvalidOperationException)
        {
            active = false;   // another thread holds a region; this block then runs without one
        }
        catch (ArgumentOutOfRangeException)
        {
            active = false;
        }

        GC.WaitForPendingFinalizers();
        return new FinalizerQuietRegion(active);
    }

    public void Dispose()
    {
        if (_active && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // The budget was exceeded and a collection ended the region early: nothing to end.
            }
        }
    }
}
