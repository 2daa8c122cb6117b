namespace Microsoft.ML.Synthetic.AutoTrain.Search;

/// <summary>
/// CFO over several trainers: one <see cref="Flow2"/> per trainer, each starting at its low-cost configuration,
/// and a <see cref="LearnerScheduler"/> that picks which trainer's search takes the next step (FLAML's design).
/// Works on losses (lower is better).
/// </summary>
internal sealed class CostFrugalSearch
{
    private readonly Flow2[] _searches;
    private readonly LearnerScheduler _scheduler;
    private int _pendingLearner = -1;

    /// <summary>Creates the search over trainers whose low-cost starting points in the unit cube are <paramref name="initialPoints"/>.</summary>
    public CostFrugalSearch(IReadOnlyList<double[]> initialPoints, int seed)
    {
        ArgumentNullException.ThrowIfNull(initialPoints);
        _searches = initialPoints.Select((p, i) => new Flow2(p, Numerics.SeedSequence.Derive(seed, 1000 + i))).ToArray();
        _scheduler = new LearnerScheduler(initialPoints.Count, Numerics.SeedSequence.Derive(seed, 999));
    }

    /// <summary>The per-trainer searches.</summary>
    public IReadOnlyList<Flow2> Searches => _searches;

    /// <summary>The next (trainer, unit-cube point) to evaluate; null when no allowed trainer remains.</summary>
    public (int Learner, double[] Point)? Propose(IReadOnlyList<bool>? available = null)
    {
        if (_pendingLearner >= 0) throw new InvalidOperationException("Report the last proposal first.");
        int learner = _scheduler.Next(available);
        if (learner < 0) return null;
        _pendingLearner = learner;
        return (learner, _searches[learner].Propose());
    }

    /// <summary>Reports the loss and cost of the last proposal.</summary>
    public void Report(double loss, double cost)
    {
        if (_pendingLearner < 0) throw new InvalidOperationException("Nothing was proposed.");
        int learner = _pendingLearner;
        _pendingLearner = -1;
        _searches[learner].Report(loss);
        _scheduler.Record(learner, loss, cost);
    }

    /// <summary>
    /// Drops the last proposal without running it (it would not fit the remaining budget): the trainer's search
    /// treats it as no improvement, and the trainer's cost record is unchanged.
    /// </summary>
    public void Skip()
    {
        if (_pendingLearner < 0) throw new InvalidOperationException("Nothing was proposed.");
        _searches[_pendingLearner].Report(double.PositiveInfinity);
        _pendingLearner = -1;
    }
}
