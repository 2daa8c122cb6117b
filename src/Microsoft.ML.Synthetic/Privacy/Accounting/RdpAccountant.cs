namespace Microsoft.ML.Synthetic.Privacy.Accounting;

/// <summary>
/// A Rényi-DP accountant for (Poisson-)subsampled Gaussian steps, as in DP-SGD: it composes steps by adding
/// their RDP at each order and converts the total to (ε, δ) with <see cref="RdpConversion"/>. Orders default to
/// Opacus' (<see cref="SampledGaussianRdp.OpacusDefaultOrders"/>).
/// </summary>
internal sealed class RdpAccountant
{
    private readonly List<(double NoiseMultiplier, double SampleRate, long Steps)> _history = [];

    /// <summary>Creates an accountant over <paramref name="orders"/> (default: Opacus').</summary>
    public RdpAccountant(IReadOnlyList<double>? orders = null)
    {
        Orders = (orders ?? SampledGaussianRdp.OpacusDefaultOrders).ToArray();
        if (Orders.Count == 0 || Orders.Any(a => !(a > 1)))
        {
            throw new ArgumentException("Give at least one Rényi order, each greater than 1.", nameof(orders));
        }
    }

    /// <summary>The Rényi orders tracked.</summary>
    public IReadOnlyList<double> Orders { get; }

    /// <summary>The total RDP at each order so far: Σ over the history of steps × the per-step RDP (as Opacus sums it).</summary>
    public IReadOnlyList<double> Rdp
    {
        get
        {
            var total = new double[Orders.Count];
            foreach (var (sigma, q, steps) in _history)
            {
                var add = SampledGaussianRdp.Compute(q, sigma, steps, Orders);
                for (int i = 0; i < total.Length; i++)
                {
                    total[i] += add[i];
                }
            }

            return total;
        }
    }

    /// <summary>The steps recorded, merged where consecutive steps share (σ, q).</summary>
    public IReadOnlyList<(double NoiseMultiplier, double SampleRate, long Steps)> History => _history;

    /// <summary>The total number of steps recorded.</summary>
    public long StepCount => _history.Sum(h => h.Steps);

    /// <summary>Records <paramref name="steps"/> subsampled Gaussian steps with noise multiplier σ and sampling rate q.</summary>
    public void Step(double noiseMultiplier, double sampleRate, long steps = 1)
    {
        _ = SampledGaussianRdp.Compute(sampleRate, noiseMultiplier, steps, Orders[0]);   // validates the arguments
        if (_history.Count > 0 && _history[^1].NoiseMultiplier == noiseMultiplier && _history[^1].SampleRate == sampleRate)
        {
            _history[^1] = (noiseMultiplier, sampleRate, _history[^1].Steps + steps);
        }
        else
        {
            _history.Add((noiseMultiplier, sampleRate, steps));
        }
    }

    /// <summary>ε at <paramref name="delta"/> for everything recorded so far.</summary>
    public double GetEpsilon(double delta) => GetEpsilonAndOrder(delta).Epsilon;

    /// <summary>ε at <paramref name="delta"/>, and the Rényi order that attains it.</summary>
    public (double Epsilon, double Order) GetEpsilonAndOrder(double delta) => RdpConversion.ToEpsilon(Orders, Rdp, delta);

    /// <summary>ε of <paramref name="steps"/> steps with (σ, q), without recording them.</summary>
    public static double Epsilon(double noiseMultiplier, double sampleRate, long steps, double delta, IReadOnlyList<double>? orders = null)
    {
        var accountant = new RdpAccountant(orders);
        accountant.Step(noiseMultiplier, sampleRate, steps);
        return accountant.GetEpsilon(delta);
    }
}
