namespace Microsoft.ML.Synthetic;

/// <summary>One round of an AIM fit (<see cref="AimOptions.Progress"/>).</summary>
/// <param name="Round">The round, from 1.</param>
/// <param name="Marginal">The columns of the marginal the round measured.</param>
/// <param name="BudgetUsed">The share of the zCDP budget ρ spent so far, in (0, 1].</param>
/// <param name="Sigma">The Gaussian noise scale of the round's measurement.</param>
/// <param name="ModelSizeMegabytes">The graphical model's size after the round (dense clique tables, 8 bytes a cell).</param>
public sealed record AimProgress(int Round, IReadOnlyList<string> Marginal, double BudgetUsed, double Sigma, double ModelSizeMegabytes);
