namespace Microsoft.ML.Synthetic.AutoTrain.Search;

/// <summary>
/// Cost-aware choice of the next trainer to try, after FLAML's "estimated cost for improvement" (ECI; Wang, Wu,
/// Weimer &amp; Zhu, "FLAML: A Fast and Lightweight AutoML Library", MLSys 2021). Untried trainers are tried
/// first, in the given (cheapest-first) order. Then each trainer l gets
/// ECI₁(l) = max(K₀ − K₁, K₁ − K₂) — K₀ the cost spent on l, K₁ and K₂ the cost spent when its best and
/// second-best losses were found — and, for a trainer that is not the overall best, the cost to close the gap
/// to the best loss at its own observed speed of improvement, ECI₂(l) = (ε_l − ε*) / ((ε_l,2 − ε_l) / (K₁ − K₂));
/// ECI(l) = max(ECI₁, ECI₂), and l is drawn with probability proportional to 1 / ECI(l).
/// </summary>
internal sealed class LearnerScheduler
{
    private readonly LearnerState[] _states;
    private readonly Random _random;

    /// <summary>Creates the scheduler for <paramref name="learnerCount"/> trainers.</summary>
    public LearnerScheduler(int learnerCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(learnerCount, 1);
        _states = Enumerable.Range(0, learnerCount).Select(_ => new LearnerState()).ToArray();
        _random = new Random(seed);
    }

    /// <summary>The estimated cost for improvement of each trainer (+∞ for untried ones).</summary>
    public IReadOnlyList<double> EstimatedCostForImprovement =>
        _states.Select(s => s.Trials == 0 ? double.PositiveInfinity : Eci(s)).ToArray();

    /// <summary>The trainer to try next; <paramref name="available"/> says which may be chosen (null: all).</summary>
    public int Next(IReadOnlyList<bool>? available = null)
    {
        bool Allowed(int i) => available == null || available[i];
        for (int i = 0; i < _states.Length; i++)
        {
            if (_states[i].Trials == 0 && Allowed(i)) return i;
        }

        var weights = new double[_states.Length];
        double total = 0;
        for (int i = 0; i < _states.Length; i++)
        {
            if (!Allowed(i)) continue;
            double eci = Eci(_states[i]);
            weights[i] = eci > 0 && double.IsFinite(eci) ? 1 / eci : eci <= 0 ? 1e12 : 1e-12;
            total += weights[i];
        }

        if (total <= 0) return -1;
        double r = _random.NextDouble() * total;
        for (int i = 0; i < _states.Length; i++)
        {
            if (!Allowed(i)) continue;
            r -= weights[i];
            if (r <= 0) return i;
        }

        return Array.FindLastIndex(weights, w => w > 0);
    }

    /// <summary>Records a finished trial of trainer <paramref name="learner"/>: its loss (lower is better) and cost.</summary>
    public void Record(int learner, double loss, double cost)
    {
        var s = _states[learner];
        s.Trials++;
        s.TotalCost += Math.Max(cost, 1e-9);
        if (double.IsNaN(loss)) return;
        if (loss < s.BestLoss)
        {
            s.SecondBestLoss = s.BestLoss;
            s.CostAtSecondBest = s.CostAtBest;
            s.BestLoss = loss;
            s.CostAtBest = s.TotalCost;
        }
        else if (loss < s.SecondBestLoss)
        {
            s.SecondBestLoss = loss;
            s.CostAtSecondBest = s.TotalCost;
        }
    }

    private double Eci(LearnerState s)
    {
        double eci1 = Math.Max(s.TotalCost - s.CostAtBest, s.CostAtBest - s.CostAtSecondBest);
        double globalBest = _states.Min(x => x.BestLoss);
        if (!(s.BestLoss > globalBest)) return eci1;

        double gap = s.BestLoss - globalBest;
        double improvement = s.SecondBestLoss - s.BestLoss;
        double eci2 = double.IsFinite(improvement) && improvement > 0
            ? gap / (improvement / Math.Max(s.CostAtBest - s.CostAtSecondBest, 1e-9))
            : 2 * s.TotalCost;   // no observed improvement yet: assume it needs as much again as spent so far, twice
        return Math.Max(eci1, eci2);
    }

    private sealed class LearnerState
    {
        public int Trials;
        public double TotalCost;
        public double BestLoss = double.PositiveInfinity;
        public double SecondBestLoss = double.PositiveInfinity;
        public double CostAtBest;
        public double CostAtSecondBest;
    }
}
