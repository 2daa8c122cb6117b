namespace Microsoft.ML.Synthetic.Benchmarks.Deep;

/// <summary>
/// Keeps one core busy for its lifetime: a background thread that spins without yielding, as another process's
/// compute-bound work would. Disposing stops it and waits for it.
/// </summary>
internal sealed class CoreSpinner : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    public CoreSpinner()
    {
        _thread = new Thread(Spin) { IsBackground = true, Name = "core spinner" };
        _thread.Start();
    }

    /// <summary>Spin iterations done so far (shows the spinner really ran).</summary>
    public long Iterations { get; private set; }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Spin()
    {
        long n = 0;
        double x = 1;
        while (!_stop)
        {
            x = x * 1.0000001 + 1e-9;   // floating work the JIT cannot drop
            n++;
        }

        Iterations = n + (x > 0 ? 0 : 1);
    }
}
