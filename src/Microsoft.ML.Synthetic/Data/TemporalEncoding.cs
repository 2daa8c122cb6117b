using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Data;

/// <summary>The source of a date and time column: an ML.NET type, or text in a declared format.</summary>
internal enum TemporalSource
{
    /// <summary><see cref="System.DateTime"/> (<see cref="DateTimeDataViewType"/>).</summary>
    DateTime,

    /// <summary><see cref="System.DateTimeOffset"/> (<see cref="DateTimeOffsetDataViewType"/>).</summary>
    DateTimeOffset,

    /// <summary><see cref="System.TimeSpan"/> (<see cref="TimeSpanDataViewType"/>).</summary>
    TimeSpan,

    /// <summary>Text in a declared format, read as a clock time without offset.</summary>
    Text,

    /// <summary>Text in a declared format, read as an instant with a UTC offset.</summary>
    TextWithOffset,
}

/// <summary>
/// How a date, time or duration column is a continuous column, and back (see Data/README.md, "Dates and times"):
/// <list type="bullet">
/// <item>the value is <b>seconds</b> as a double: a point in time counts from the Unix epoch 1970-01-01T00:00:00 (a
/// <see cref="System.DateTimeOffset"/> as its UTC instant), a <see cref="System.TimeSpan"/> from zero;</item>
/// <item><see cref="StepTicks"/>: the coarsest of day, hour, minute, second, millisecond, microsecond and tick that
/// divides every training value (on the clock in <see cref="Offset"/>); generated values are rounded to it, so dates
/// stay dates and whole seconds stay whole;</item>
/// <item><see cref="Offset"/>: for a <see cref="System.DateTimeOffset"/> or offset text column, the most frequent
/// offset of the training values, which every generated value carries;</item>
/// <item><see cref="Format"/>: for text, the .NET custom format (invariant culture) values are read and written in.</item>
/// </list>
/// A double's 53 bits keep 1 ms exactly over the whole <see cref="System.DateTime"/> range (its spacing is at most
/// 2⁻¹⁵ s ≈ 31 µs at year 9999), 1 µs exactly within about 68 years of 1970 (|seconds| &lt; 2³¹), and whole
/// seconds and days everywhere; finer ticks come back to within the double's spacing (≈ 0.24 µs in 2026).
/// </summary>
internal sealed record TemporalEncoding(TemporalSource Source, long StepTicks, TimeSpan Offset, string? Format)
{
    /// <summary>The steps a column may be rounded to, coarsest first (day … tick).</summary>
    public static readonly long[] Steps =
        [TimeSpan.TicksPerDay, TimeSpan.TicksPerHour, TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond,
         TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerMicrosecond, 1];

    private static readonly long EpochTicks = System.DateTime.UnixEpoch.Ticks;

    /// <summary>The encoding of a typed column read with no data yet: step of one tick, offset zero.</summary>
    public static TemporalEncoding? ForType(DataViewType type) => type switch
    {
        DateTimeDataViewType => new(TemporalSource.DateTime, 1, TimeSpan.Zero, null),
        DateTimeOffsetDataViewType => new(TemporalSource.DateTimeOffset, 1, TimeSpan.Zero, null),
        TimeSpanDataViewType => new(TemporalSource.TimeSpan, 1, TimeSpan.Zero, null),
        _ => null,
    };

    /// <summary>Whether values are points in time (rather than durations).</summary>
    public bool IsPointInTime => Source != TemporalSource.TimeSpan;

    /// <summary>Whether values carry an offset (a DateTimeOffset column or offset text).</summary>
    public bool HasOffset => Source is TemporalSource.DateTimeOffset or TemporalSource.TextWithOffset;

    /// <summary>Whether every generated value is a whole number of seconds (the step is a second or coarser).</summary>
    public bool IsWholeSeconds => StepTicks % TimeSpan.TicksPerSecond == 0;

    /// <summary>Seconds from the epoch (or zero, for durations) of a tick count; exact for whole seconds and as close as a double allows otherwise.</summary>
    public static double ToSeconds(long ticksFromOrigin)
    {
        long whole = Math.DivRem(ticksFromOrigin, TimeSpan.TicksPerSecond, out long rest);
        return whole + (rest / (double)TimeSpan.TicksPerSecond);
    }

    /// <summary>The tick count nearest to <paramref name="seconds"/> (a finite value), saturating at the range of <see cref="long"/>.</summary>
    public static long ToTicks(double seconds)
    {
        const double limit = 9.2e11;   // |TimeSpan.MaxValue| is about 9.22e11 s
        if (seconds >= limit || seconds <= -limit)
        {
            return seconds > 0 ? long.MaxValue / 2 : long.MinValue / 2;
        }

        double whole = Math.Floor(seconds);
        return ((long)whole * TimeSpan.TicksPerSecond) + (long)Math.Round((seconds - whole) * TimeSpan.TicksPerSecond);
    }

    /// <summary>Seconds of a <see cref="System.DateTime"/> (its clock ticks, whatever its Kind).</summary>
    public static double Seconds(DateTime value) => ToSeconds(value.Ticks - EpochTicks);

    /// <summary>Seconds of the UTC instant of a <see cref="System.DateTimeOffset"/>.</summary>
    public static double Seconds(DateTimeOffset value) => ToSeconds(value.UtcTicks - EpochTicks);

    /// <summary>Seconds of a <see cref="System.TimeSpan"/>.</summary>
    public static double Seconds(TimeSpan value) => ToSeconds(value.Ticks);

    /// <summary>
    /// The ticks on this column's clock (a DateTime's ticks, a DateTimeOffset's clock ticks in <see cref="Offset"/>, a
    /// TimeSpan's ticks) of <paramref name="seconds"/>.
    /// </summary>
    public long ClockTicks(double seconds) =>
        ToTicks(seconds) + (IsPointInTime ? EpochTicks + Offset.Ticks : 0);

    /// <summary>Seconds of clock ticks (the reverse of <see cref="ClockTicks"/>).</summary>
    public double SecondsOfClock(long clockTicks) =>
        ToSeconds(clockTicks - (IsPointInTime ? EpochTicks + Offset.Ticks : 0));

    /// <summary>Clock ticks rounded to the nearest multiple of <see cref="StepTicks"/> (halves away from zero).</summary>
    public long Round(long clockTicks)
    {
        if (StepTicks == 1)
        {
            return clockTicks;
        }

        long q = Math.DivRem(clockTicks, StepTicks, out long r);
        if (Math.Abs(r) * 2 >= StepTicks)
        {
            q += Math.Sign(r);
        }

        return q * StepTicks;
    }

    /// <summary>
    /// The range [<paramref name="lower"/>, <paramref name="upper"/>] (seconds) shrunk to its first and last multiple of
    /// the step, so that a value in the result still lies in the range once rounded; null when no multiple lies in it.
    /// </summary>
    public (double Lower, double Upper)? SnapRange(double lower, double upper)
    {
        long lo = ClockTicks(lower), hi = ClockTicks(upper);
        long first = Round(lo), last = Round(hi);
        if (first < lo)
        {
            first += StepTicks;
        }

        if (last > hi)
        {
            last -= StepTicks;
        }

        return first > last ? null : (SecondsOfClock(first), SecondsOfClock(last));
    }

    /// <summary>The valid clock-tick range of the source type (for a DateTimeOffset, both the instant and its clock time stay valid).</summary>
    public (long Min, long Max) TypeRange => Source switch
    {
        TemporalSource.TimeSpan => (TimeSpan.MinValue.Ticks, TimeSpan.MaxValue.Ticks),
        _ when HasOffset => (Math.Max(0, Offset.Ticks), System.DateTime.MaxValue.Ticks + Math.Min(0, Offset.Ticks)),
        _ => (0, System.DateTime.MaxValue.Ticks),
    };

    /// <summary>
    /// Clock ticks of a generated value: rounded to the step, kept inside [<paramref name="min"/>, <paramref name="max"/>]
    /// (seconds, the training range; NaN for none) and inside the type's range.
    /// </summary>
    public Func<double, long> Writer(double min, double max)
    {
        var (typeMin, typeMax) = TypeRange;
        long lo = double.IsNaN(min) ? typeMin : Math.Clamp(Round(ClockTicks(min)), typeMin, typeMax);
        long hi = double.IsNaN(max) ? typeMax : Math.Clamp(Round(ClockTicks(max)), lo, typeMax);
        return seconds => Math.Clamp(Round(ClockTicks(seconds)), lo, hi);
    }

    /// <summary>Text of clock ticks in <see cref="Format"/> (invariant culture).</summary>
    public string FormatText(long clockTicks) => HasOffset
        ? new DateTimeOffset(clockTicks, Offset).ToString(Format, CultureInfo.InvariantCulture)
        : new DateTime(clockTicks).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The coarsest step of <see cref="Steps"/> that divides every one of <paramref name="clockTicks"/>.</summary>
    public static long CoarsestStep(IEnumerable<long> clockTicks)
    {
        int at = 0;
        foreach (long t in clockTicks)
        {
            while (t % Steps[at] != 0)
            {
                at++;
            }

            if (at == Steps.Length - 1)
            {
                break;
            }
        }

        return Steps[at];
    }

    /// <summary>The same encoding with what was learned from data set: the step and the offset.</summary>
    public TemporalEncoding Learned(long stepTicks, TimeSpan offset) => this with { StepTicks = stepTicks, Offset = offset };

    /// <summary>A date and time value for messages: ISO 8601 on the column's clock (a duration in TimeSpan's constant format).</summary>
    public string Describe(double seconds)
    {
        if (double.IsNaN(seconds))
        {
            return "missing";
        }

        var (typeMin, typeMax) = TypeRange;
        long ticks = Math.Clamp(ClockTicks(seconds), typeMin, typeMax);
        return Source == TemporalSource.TimeSpan ? new TimeSpan(ticks).ToString("c", CultureInfo.InvariantCulture)
            : HasOffset ? new DateTimeOffset(ticks, Offset).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)
            : new DateTime(ticks).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    }
}
