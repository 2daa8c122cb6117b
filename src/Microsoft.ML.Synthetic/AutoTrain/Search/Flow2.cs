namespace Microsoft.ML.Synthetic.AutoTrain.Search;

/// <summary>
/// FLOW2, the randomized direct search of CFO (Wu, Wang &amp; Huang, "Frugal Optimization for Cost-related
/// Hyperparameters", AAAI 2021), minimizing a loss over the unit cube [0, 1]^d. It starts at a low-cost point;
/// each iteration draws a direction u uniformly on the unit sphere and evaluates x + δu, then (if that did not
/// improve) x − δu, moving to the first that improves. As in CFO, the step δ shrinks after a run of
/// directions without improvement (2^(d−1) of them, at most 32) and, once it falls below a lower bound, the search
/// restarts from a random perturbation of the best point found. Constants (δ₀ = 0.1·√d, halving, bound
/// 0.002·√d) are this implementation's choice.
/// </summary>
internal sealed class Flow2
{
    private readonly Random _random;
    private double[] _start;
    private readonly double _initialStep;
    private readonly double _stepLowerBound;
    private readonly int _directionsBeforeShrink;
    private double[]? _incumbent;
    private double[]? _direction;
    private bool _triedPlus;
    private int _directionsWithoutImprovement;
    private double[]? _pending;

    /// <summary>Creates the search at the low-cost <paramref name="initial"/> point of the unit cube.</summary>
    public Flow2(double[] initial, int seed)
    {
        ArgumentNullException.ThrowIfNull(initial);
        if (initial.Length == 0) throw new ArgumentException("FLOW2 needs at least one dimension.", nameof(initial));
        _start = (double[])initial.Clone();
        _random = new Random(seed);
        Dimension = initial.Length;
        _initialStep = 0.1 * Math.Sqrt(Dimension);
        _stepLowerBound = 0.002 * Math.Sqrt(Dimension);
        _directionsBeforeShrink = 1 << Math.Min(Dimension - 1, 5);
        Step = _initialStep;
    }

    /// <summary>The number of searched hyperparameters.</summary>
    public int Dimension { get; }

    /// <summary>The current step size δ.</summary>
    public double Step { get; private set; }

    /// <summary>The best point found so far (null before the first report).</summary>
    public IReadOnlyList<double>? Best => _bestPoint;

    /// <summary>The loss of <see cref="Best"/> (+∞ before the first report).</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>How many times the search restarted after its step fell below the lower bound.</summary>
    public int Restarts { get; private set; }

    private double[]? _bestPoint;
    private double _incumbentLoss = double.PositiveInfinity;

    /// <summary>The next point to evaluate. Call <see cref="Report"/> with its loss before asking again.</summary>
    public double[] Propose()
    {
        if (_pending != null) throw new InvalidOperationException("Report the loss of the last proposed point first.");
        if (_incumbent == null)
        {
            _pending = (double[])_start.Clone();
            return (double[])_pending.Clone();
        }

        if (!_triedPlus)
        {
            _direction = RandomUnitVector();
            _pending = Move(_incumbent, _direction, +Step);
        }
        else
        {
            _pending = Move(_incumbent, _direction!, -Step);
        }

        return (double[])_pending.Clone();
    }

    /// <summary>Reports the loss of the point <see cref="Propose"/> returned (NaN counts as no improvement).</summary>
    public void Report(double loss)
    {
        var point = _pending ?? throw new InvalidOperationException("Propose a point before reporting a loss.");
        _pending = null;
        if (loss < BestLoss)
        {
            BestLoss = loss;
            _bestPoint = (double[])point.Clone();
        }

        if (_incumbent == null)
        {
            _incumbent = point;
            _incumbentLoss = double.IsNaN(loss) ? double.PositiveInfinity : loss;
            _triedPlus = false;
            return;
        }

        if (loss < _incumbentLoss)
        {
            _incumbent = point;
            _incumbentLoss = loss;
            _triedPlus = false;
            _directionsWithoutImprovement = 0;
            return;
        }

        if (!_triedPlus)
        {
            _triedPlus = true;   // next: the opposite direction
            return;
        }

        _triedPlus = false;
        if (++_directionsWithoutImprovement < _directionsBeforeShrink) return;
        _directionsWithoutImprovement = 0;
        Step /= 2;
        if (Step >= _stepLowerBound) return;

        // CFO's restart: converged here, continue from a random perturbation of the best point.
        Restarts++;
        Step = _initialStep;
        _start = Move(_bestPoint ?? _incumbent, RandomUnitVector(), _initialStep * (0.5 + _random.NextDouble()));
        _incumbent = null;
        _incumbentLoss = double.PositiveInfinity;
    }

    private double[] Move(double[] from, double[] direction, double step)
    {
        var x = new double[Dimension];
        for (int i = 0; i < Dimension; i++) x[i] = Math.Clamp(from[i] + step * direction[i], 0, 1);
        return x;
    }

    /// <summary>A direction drawn uniformly on the unit sphere: normalized standard normal draws (Box–Muller).</summary>
    private double[] RandomUnitVector()
    {
        var u = new double[Dimension];
        double norm;
        do
        {
            norm = 0;
            for (int i = 0; i < Dimension; i++)
            {
                double a = 1 - _random.NextDouble(), b = _random.NextDouble();
                u[i] = Math.Sqrt(-2 * Math.Log(a)) * Math.Cos(2 * Math.PI * b);
                norm += u[i] * u[i];
            }
        }
        while (norm < 1e-12);

        norm = Math.Sqrt(norm);
        for (int i = 0; i < Dimension; i++) u[i] /= norm;
        return u;
    }
}
