namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;

/// <summary>
/// A thread that forces full collections and runs pending finalizers in a loop until disposed: the condition under
/// which a Scalar that nothing holds is freed while LibTorch still reads it.
/// </summary>
internal sealed class CollectorStress : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _collections;

    public CollectorStress()
    {
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref _collections);
            }
        })
        { IsBackground = true, Name = "CollectorStress" };
        _thread.Start();
    }

    /// <summary>Forced collections so far.</summary>
    public long Collections => Interlocked.Read(ref _collections);

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
