namespace Microsoft.ML.Synthetic.Privacy.Ledger;

/// <summary>
/// One differentially private step that touched the training data: what ran, on what, and what it spent.
/// </summary>
/// <param name="Step">The step, e.g. <c>AddLaplaceNoise(age)</c>.</param>
/// <param name="Mechanism">The mechanism and its noise parameters, e.g. <c>discrete Laplace on grid 2^-3, scale 146</c>.</param>
/// <param name="Epsilon">ε spent (ε-DP, or (ε, δ)-DP with <paramref name="Delta"/>).</param>
/// <param name="Delta">δ spent (0 for pure ε-DP).</param>
/// <param name="Rho">ρ when the step is also ρ-zCDP (e.g. Gaussian noise); null when unknown.</param>
public sealed record PrivacyLedgerEntry(string Step, string Mechanism, double Epsilon, double Delta, double? Rho = null);

/// <summary>
/// Implemented by every fitted stage or model that spent privacy budget on its training data (noise steps,
/// DP-SGD-trained synthesizers, and stages that wrap them). <see cref="PrivacyLedger"/> collects the entries of
/// every such stage in a fitted chain.
/// </summary>
public interface IPrivacyLedgerSource
{
    /// <summary>The steps this component recorded, in the order they ran.</summary>
    IReadOnlyList<PrivacyLedgerEntry> PrivacyLedgerEntries { get; }
}
