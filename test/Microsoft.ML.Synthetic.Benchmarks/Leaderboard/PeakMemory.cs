using System.Diagnostics;

namespace Microsoft.ML.Synthetic.Benchmarks.Leaderboard;

/// <summary>
/// Peak resident memory of one leaderboard entry: Linux's VmHWM (what <see cref="Process.PeakWorkingSet64"/> reads)
/// is reset by writing "5" to <c>/proc/self/clear_refs</c> after a full collection, before the fit; the peak read
/// after sampling is then the entry's own (the runtime and the loaded table included, given as the baseline).
/// </summary>
internal sealed class PeakMemory
{
    private PeakMemory(bool reset, double baselineMib)
    {
        IsReset = reset;
        BaselineMib = baselineMib;
    }

    /// <summary>Whether the peak was reset (false off Linux: the figure is then the process's peak so far).</summary>
    public bool IsReset { get; }

    /// <summary>The working set right after the reset.</summary>
    public double BaselineMib { get; }

    public static PeakMemory Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        bool reset = false;
        if (OperatingSystem.IsLinux())
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
                reset = true;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        using var process = Process.GetCurrentProcess();
        return new PeakMemory(reset, process.WorkingSet64 / (1024.0 * 1024.0));
    }

    /// <summary>The peak working set since <see cref="Start"/> (or since the process started), in MiB.</summary>
    public static double PeakMib()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
