namespace Microsoft.ML.Synthetic;

/// <summary>Progress of an adversarial random forest fit: one report per round of the adversarial loop.</summary>
/// <param name="Round">The round: 0 for the first forest (synthetic rows from the product of marginals).</param>
/// <param name="MaxRounds">The most rounds after the first (<see cref="ArfOptions.MaxIterations"/>).</param>
/// <param name="OobAccuracy">The round's forest's out-of-bag accuracy at telling real from synthetic rows (½ is chance).</param>
public sealed record ArfProgress(int Round, int MaxRounds, double OobAccuracy);
