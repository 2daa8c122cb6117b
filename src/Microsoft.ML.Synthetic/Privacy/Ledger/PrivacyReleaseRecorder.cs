namespace Microsoft.ML.Synthetic;

/// <summary>
/// Counts privacy releases that no single fitted model can report: while it is open, every fit of a differentially
/// private train-only stage on the calling flow (a noise step; <c>Oversample</c>, <c>Augment</c> or <c>Replace</c>
/// with a DP-trained generator) adds its ledger entries here — every fold of ML.NET's <c>CrossValidate</c>, every
/// refit in a loop, and the final fit. Get one with <c>mlContext.Synthetic().Privacy.RecordReleases()</c>.
/// </summary>
/// <remarks>
/// Recorders nest (an outer recorder also receives what an inner one records) and flow with the async context, so
/// fits on other threads that the calling code does not await are not seen. A DP synthesizer fitted on its own
/// (outside a train-only stage) is not recorded: its model's ledger reports it.
/// </remarks>
public sealed class PrivacyReleaseRecorder : IDisposable
{
    private static readonly AsyncLocal<PrivacyReleaseRecorder?> Innermost = new();
    private readonly PrivacyReleaseRecorder? _outer;
    private readonly List<PrivacyLedgerEntry> _entries = [];
    private bool _open = true;

    internal PrivacyReleaseRecorder()
    {
        _outer = Innermost.Value;
        Innermost.Value = this;
    }

    /// <summary>Every entry recorded so far, in the order the steps were fitted.</summary>
    public IReadOnlyList<PrivacyLedgerEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>
    /// The total of every recorded release under <paramref name="rule"/>. Fold training sets overlap, so the
    /// releases are composed sequentially, the conservative choice.
    /// </summary>
    /// <param name="rule">The composition rule (basic by default).</param>
    /// <param name="delta">For <see cref="CompositionRule.ZeroConcentrated"/> and <see cref="CompositionRule.Renyi"/>: the δ of the total.</param>
    public PrivacyLedger Ledger(CompositionRule rule = CompositionRule.Basic, double? delta = null) => new(Entries, rule, delta);

    /// <summary>Stops recording; the entries stay readable.</summary>
    public void Dispose()
    {
        lock (_entries)
        {
            _open = false;
        }

        if (ReferenceEquals(Innermost.Value, this))
        {
            Innermost.Value = _outer;
        }
    }

    /// <summary>Whether any recorder is open on the calling flow.</summary>
    internal static bool IsRecording => Open() is not null;

    /// <summary>Adds <paramref name="entries"/> to every open recorder of the calling flow.</summary>
    internal static void Record(IEnumerable<PrivacyLedgerEntry> entries)
    {
        var list = entries.ToArray();
        for (var r = Open(); r is not null; r = r._outer)
        {
            lock (r._entries)
            {
                if (r._open)
                {
                    r._entries.AddRange(list);
                }
            }
        }
    }

    private static PrivacyReleaseRecorder? Open()
    {
        for (var r = Innermost.Value; r is not null; r = r._outer)
        {
            if (r._open)
            {
                return r;
            }
        }

        return null;
    }
}
