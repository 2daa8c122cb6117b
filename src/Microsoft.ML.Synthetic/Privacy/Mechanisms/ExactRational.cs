using System.Numerics;

namespace Microsoft.ML.Synthetic.Privacy.Mechanisms;

/// <summary>
/// A non-negative rational number num/den held exactly. Every finite double is a dyadic rational, so a
/// parameter given as a double converts without rounding; the exact samplers work on these.
/// </summary>
internal readonly record struct ExactRational
{
    /// <summary>Creates num/den in lowest terms.</summary>
    public ExactRational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign <= 0 || numerator.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "An exact rational here is non-negative with a positive denominator.");
        }

        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (g > 1)
        {
            numerator /= g;
            denominator /= g;
        }

        Numerator = numerator;
        Denominator = denominator;
    }

    /// <summary>The numerator.</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator (positive).</summary>
    public BigInteger Denominator { get; }

    /// <summary>The exact value of a finite, non-negative double.</summary>
    public static ExactRational FromDouble(double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Expected a finite, non-negative number.");
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075;
        return exponent >= 0
            ? new ExactRational(new BigInteger(mantissa) << exponent, BigInteger.One)
            : new ExactRational(mantissa, BigInteger.One << -exponent);
    }

    /// <summary>The nearest double.</summary>
    public double ToDouble() => Numerator.IsZero ? 0 : Math.Exp(BigInteger.Log(Numerator) - BigInteger.Log(Denominator));
}
