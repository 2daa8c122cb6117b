using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

/// <summary>
/// The empirical distribution by interpolated quantiles: knots x_i = Q((i)/(K − 1)) of the training values (sample
/// quantiles with linear interpolation, Hyndman and Fan's type 7), and linear interpolation between them. Ties in the
/// data become flat runs of equal knots, so point masses (Adult's capital-gain = 0) are reproduced.
/// </summary>
internal sealed class EmpiricalMarginal : Marginal
{
    private readonly double[] _knots;

    public EmpiricalMarginal(double[] knots)
        : base(knots[0], knots[^1])
    {
        _knots = knots;
    }

    public override MarginalKind Kind => MarginalKind.Empirical;

    public override double[] Parameters => _knots;

    /// <summary>Whether every value is the same.</summary>
    public bool IsConstant => Min == Max;

    /// <summary>Knots from sorted values: all of them when there are at most <paramref name="maxKnots"/>.</summary>
    public static EmpiricalMarginal Fit(ReadOnlySpan<double> sorted, int maxKnots) => Fit(WeightedSample.FromSorted(sorted), maxKnots);

    /// <summary>Knots from a weighted sample (its order statistics): every value, repeated, when there are at most <paramref name="maxKnots"/>.</summary>
    public static EmpiricalMarginal Fit(WeightedSample sample, int maxKnots)
    {
        long n = sample.Count;
        if (n <= maxKnots)
        {
            var all = new double[n];
            for (long r = 0; r < n; r++)
            {
                all[r] = sample.OrderStatistic(r);
            }

            return new EmpiricalMarginal(all);
        }

        var knots = new double[maxKnots];
        for (int i = 0; i < maxKnots; i++)
        {
            double position = (double)i * (n - 1) / (maxKnots - 1);
            long lo = (long)Math.Floor(position);
            long hi = Math.Min(lo + 1, n - 1);
            double low = sample.OrderStatistic(lo), high = sample.OrderStatistic(hi);
            knots[i] = low + ((position - lo) * (high - low));
        }

        return new EmpiricalMarginal(knots);
    }

    /// <summary>The interpolated quantile function.</summary>
    public double Quantile(double u)
    {
        if (_knots.Length == 1)
        {
            return _knots[0];
        }

        double position = Math.Clamp(u, 0, 1) * (_knots.Length - 1);
        int lo = Math.Min((int)position, _knots.Length - 2);
        return _knots[lo] + ((position - lo) * (_knots[lo + 1] - _knots[lo]));
    }

    public override double Cdf(double x)
    {
        if (x < Min)
        {
            return 0;
        }

        if (x >= Max)
        {
            return 1;
        }

        // The largest u with Q(u) ≤ x.
        int hi = Array.FindLastIndex(_knots, k => k <= x);
        if (hi == _knots.Length - 1)
        {
            return 1;
        }

        double span = _knots[hi + 1] - _knots[hi];
        double t = span > 0 ? (x - _knots[hi]) / span : 0;
        return (hi + t) / (_knots.Length - 1);
    }

    public override double[] BuildTable()
    {
        var table = new double[GridSize];
        for (int g = 0; g < GridSize; g++)
        {
            table[g] = Quantile(StandardNormal.Cdf(GridZ(g)));
        }

        return table;
    }

    public override string Describe() => IsConstant
        ? $"constant {F(Min)}"
        : $"empirical ({_knots.Length} quantiles) on [{F(Min)}, {F(Max)}]";
}
