using System.Diagnostics;
using System.Text.Json;

namespace Microsoft.ML.Synthetic.Benchmarks;

/// <summary>What a benchmark method gets: settings, a timer and the way to report figures.</summary>
public sealed class BenchmarkContext
{
    private static readonly string[] TimedUnits = { "s", "rows/s" };
    private readonly FigureSelection _selection;
    private readonly HashSet<string> _selectorsPrinted = new(StringComparer.Ordinal);
    private readonly TextWriter _output;
    private TimingSummary? _lastTiming;

    /// <summary>Creates a context that prints the figures <paramref name="selection"/> selects.</summary>
    public BenchmarkContext(bool quick, int threads, FigureSelection selection, TextWriter output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentNullException.ThrowIfNull(selection);
        Quick = quick;
        Threads = threads;
        _selection = selection;
        _output = output;
    }

    /// <summary>True with <c>--quick</c>: shrink sizes and runs so CI can smoke-test the runner.</summary>
    public bool Quick { get; }

    /// <summary>Threads a benchmark should use (<c>--threads N</c>; default: the processor count).</summary>
    public int Threads { get; }

    /// <summary>The Adult training data shipped with the repository (<c>examples/data/adult.csv</c>), copied next to the runner.</summary>
    public static string AdultPath => Path.Combine(AppContext.BaseDirectory, "data", "adult.csv");

    /// <summary>
    /// The rows of <paramref name="view"/>, counted with a cursor when the view does not know them, so that a figure's
    /// <c>rows</c> field is what was read, never a number written in.
    /// </summary>
    public static long CountRows(Microsoft.ML.IDataView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.GetRowCount() is long known) return known;
        long n = 0;
        using var cursor = view.GetRowCursor([]);
        while (cursor.MoveNext()) n++;
        return n;
    }

    /// <summary>Whether the peak working set was reset when the current group started (Linux only).</summary>
    public bool PeakMemoryIsPerGroup { get; private set; }

    /// <summary>Figures printed so far.</summary>
    public int FiguresReported { get; private set; }

    /// <summary>The command-line selectors under which no figure has been printed so far.</summary>
    public IEnumerable<string> SelectorsWithoutFigures => _selection.Selectors.Where(s => !_selectorsPrinted.Contains(s));

    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="runs"/> times and returns the median wall-clock time in seconds.
    /// The runs, minimum and maximum are added to the following reports in <c>s</c> or <c>rows/s</c>
    /// (fields <c>runs</c>, <c>run_min_s</c>, <c>run_max_s</c>: seconds of the fastest and slowest run of
    /// <paramref name="action"/>, whatever the figure divides it by) until the next call.
    /// </summary>
    public double Median(int runs, Action action)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentNullException.ThrowIfNull(action);
        var seconds = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(seconds);
        double median = runs % 2 == 1 ? seconds[runs / 2] : 0.5 * (seconds[runs / 2 - 1] + seconds[runs / 2]);
        _lastTiming = new TimingSummary(runs, seconds[0], seconds[^1]);
        return median;
    }

    /// <summary>
    /// Prints one figure as a JSON line, <c>{"name":"...","value":...,"unit":"...",...}</c>, if its name matches the
    /// selectors given on the command line (<see cref="FigureSelection.Prints"/>).
    /// </summary>
    /// <param name="name">Dotted, lower-case name, subject first (<c>copula.fit.adult</c>).</param>
    /// <param name="value">The figure.</param>
    /// <param name="unit"><c>s</c>, <c>rows/s</c>, <c>MiB</c>, <c>score</c>, <c>auc</c>.</param>
    /// <param name="extra">
    /// Further fields (rows, columns, …); they override the automatic ones. Give <c>threads</c> whenever the timed work
    /// did not use <see cref="Threads"/> threads (one cursor, one LibTorch thread, …): the field states the
    /// parallelism actually used.
    /// </param>
    public void Report(string name, double value, string unit, Dictionary<string, object>? extra = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        if (!_selection.Prints(name)) return;
        foreach (string selector in _selection.Selectors.Where(s => name.StartsWith(s, StringComparison.Ordinal)))
            _selectorsPrinted.Add(selector);

        var fields = new Dictionary<string, object>(StringComparer.Ordinal) { ["threads"] = Threads };
        if (Quick) fields["quick"] = true;
        if (_lastTiming is { } timing && TimedUnits.Contains(unit))
        {
            fields["runs"] = timing.Runs;
            fields["run_min_s"] = Round(timing.MinSeconds);
            fields["run_max_s"] = Round(timing.MaxSeconds);
        }
        if (extra != null)
            foreach (var (key, fieldValue) in extra) fields[key] = fieldValue;
        foreach (string reserved in new[] { "name", "value", "unit" }) fields.Remove(reserved);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WritePropertyName("value");
            if (double.IsFinite(value)) writer.WriteNumberValue(Round(value));
            else writer.WriteNullValue();   // JSON has no NaN/Infinity
            writer.WriteString("unit", unit);
            foreach (var (key, fieldValue) in fields)
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, fieldValue, fieldValue?.GetType() ?? typeof(object));
            }
            writer.WriteEndObject();
        }
        _output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        _output.Flush();
        FiguresReported++;
    }

    /// <summary>
    /// Reports the peak working set in MiB: since the current group started where the platform lets the runner
    /// reset it (Linux), else since the process started (field <c>scope</c> says which).
    /// </summary>
    public void ReportPeakMemory(string name)
    {
        using Process process = Process.GetCurrentProcess();
        process.Refresh();
        double mib = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        Report(name, mib, "MiB", new() { ["scope"] = PeakMemoryIsPerGroup ? "group" : "process" });
    }

    /// <summary>
    /// Whether some figure whose name starts with <paramref name="stem"/> (or is <paramref name="stem"/>) may be
    /// printed under the command-line selectors (<see cref="FigureSelection.Wants"/>): ask it before the work that
    /// produces those figures. <c>IsSelected("ctgan.epoch")</c> is true under the selector <c>ctgan.epoch.adult</c>.
    /// </summary>
    public bool IsSelected(string stem) => _selection.Wants(stem);

    /// <summary>Called by the runner before each group: forgets timings and resets the peak working set.</summary>
    internal void StartGroup()
    {
        _lastTiming = null;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        PeakMemoryIsPerGroup = TryResetPeakWorkingSet();
    }

    /// <summary>Linux resets VmHWM (what PeakWorkingSet64 reads) when "5" is written to /proc/self/clear_refs.</summary>
    internal static bool TryResetPeakWorkingSet()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static double Round(double value) =>
        value == 0 ? 0 : Math.Round(value, Math.Clamp(5 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15));

    private sealed record TimingSummary(int Runs, double MinSeconds, double MaxSeconds);
}
