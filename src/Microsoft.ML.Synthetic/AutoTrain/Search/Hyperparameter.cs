namespace Microsoft.ML.Synthetic.AutoTrain.Search;

/// <summary>
/// One searched hyperparameter: a range, a scale and the low-cost starting value. The search works in the
/// unit cube; <see cref="ToUnit"/> and <see cref="FromUnit"/> map between the cube and the trainer's value.
/// </summary>
internal sealed record Hyperparameter(string Name, double Lower, double Upper, double Initial, bool LogScale, bool IsInteger)
{
    /// <summary>The position of <paramref name="value"/> in [0, 1] (log-scaled when <see cref="LogScale"/>).</summary>
    public double ToUnit(double value)
    {
        double v = Math.Clamp(value, Lower, Upper);
        return Upper == Lower ? 0
            : LogScale ? (Math.Log(v) - Math.Log(Lower)) / (Math.Log(Upper) - Math.Log(Lower))
            : (v - Lower) / (Upper - Lower);
    }

    /// <summary>The trainer's value at unit position <paramref name="unit"/> (clipped to [0, 1], integers rounded).</summary>
    public double FromUnit(double unit)
    {
        double u = Math.Clamp(unit, 0, 1);
        double v = LogScale ? Math.Exp(Math.Log(Lower) + u * (Math.Log(Upper) - Math.Log(Lower))) : Lower + u * (Upper - Lower);
        v = Math.Clamp(v, Lower, Upper);
        return IsInteger ? Math.Round(v, MidpointRounding.AwayFromZero) : v;
    }
}
