namespace Microsoft.ML.Synthetic.Privacy;

/// <summary>Validation of privacy parameters, with errors that name the parameter and say what was expected.</summary>
internal static class PrivacyParameters
{
    public static void ThrowIfBadEpsilon(double epsilon, string parameterName)
    {
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(parameterName, epsilon, $"The privacy parameter {parameterName} (ε) must be a finite number greater than 0; got {epsilon}.");
        }
    }

    public static void ThrowIfBadDelta(double delta, string parameterName)
    {
        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, delta, $"The privacy parameter {parameterName} (δ) must lie strictly between 0 and 1; got {delta}.");
        }
    }

    public static void ThrowIfBadPositive(double value, string parameterName, string what)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"{what} ({parameterName}) must be a finite number greater than 0; got {value}.");
        }
    }

    public static void ThrowIfBadBounds(double lower, double upper, string column)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || !(lower < upper))
        {
            throw new ArgumentException($"Column '{column}': the declared bounds must be finite with lower < upper; got lower = {lower}, upper = {upper}.", nameof(lower));
        }
    }
}
