using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Data;

/// <summary>
/// Collects the values of a date, time or duration column as seconds (NaN where missing) and learns what its encoding
/// keeps from the data: the rounding step and the most frequent offset (see <see cref="TemporalEncoding"/>).
/// </summary>
internal sealed class TemporalColumnBuilder(TemporalEncoding encoding)
{
    private readonly List<double> _values = [];
    private readonly List<long> _ticks = [];   // clock ticks, or UTC ticks for values with an offset
    private readonly Dictionary<TimeSpan, int> _offsets = [];

    public TemporalEncoding Encoding => encoding;

    public void AddMissing() => _values.Add(double.NaN);

    /// <summary>A clock time (DateTime ticks) or, for a duration, TimeSpan ticks.</summary>
    public void AddClock(long ticks)
    {
        _ticks.Add(ticks);
        _values.Add(encoding.IsPointInTime ? TemporalEncoding.Seconds(new DateTime(ticks)) : TemporalEncoding.ToSeconds(ticks));
    }

    /// <summary>An instant with its offset.</summary>
    public void AddInstant(DateTimeOffset value)
    {
        _ticks.Add(value.UtcTicks);
        _offsets[value.Offset] = _offsets.GetValueOrDefault(value.Offset) + 1;
        _values.Add(TemporalEncoding.Seconds(value));
    }

    /// <summary>The column and its schema entry (the training minimum and maximum, the learned step and offset).</summary>
    public (TableColumnInfo Info, ContinuousColumn Column) Build(string name, DataViewType type, string? missingText, DataViewSchema.Annotations? annotations)
    {
        var values = _values.ToArray();
        // The offset generated values carry: the most frequent one (the smallest on ties, for a stable choice).
        var offset = _offsets.Count == 0 ? TimeSpan.Zero
            : _offsets.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key;
        long shift = encoding.HasOffset ? offset.Ticks : 0;
        var temporal = encoding.Learned(TemporalEncoding.CoarsestStep(_ticks.Select(t => t + shift)), offset);
        double min = double.NaN, max = double.NaN;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                min = v >= min ? min : v;
                max = v <= max ? max : v;
            }
        }

        var info = new TableColumnInfo(name, ColumnKind.Continuous, type, temporal.IsWholeSeconds, [], min, max, missingText, annotations, temporal);
        return (info, new ContinuousColumn(name, values, temporal.IsWholeSeconds));
    }
}
