namespace Microsoft.ML.Synthetic;

/// <summary>
/// One differentially private step that touched the training data: what ran, on what, and what it spent.
/// </summary>
/// <param name="Step">The step, e.g. <c>AddLaplaceNoise(age)</c>.</param>
/// <param name="Mechanism">The mechanism and its noise parameters, e.g. <c>discrete Laplace on grid 2^-3, scale 146</c>.</param>
/// <param name="Epsilon">ε spent (ε-DP, or (ε, δ)-DP with <paramref name="Delta"/>).</param>
/// <param name="Delta">δ spent (0 for pure ε-DP).</param>
/// <param name="Rho">ρ when the step is also ρ-zCDP (e.g. Gaussian noise); null when unknown.</param>
public sealed record PrivacyLedgerEntry(string Step, string Mechanism, double Epsilon, double Delta, double? Rho = null)
{
    /// <summary>
    /// The step's Rényi-DP curve when it has one that is not implied by <see cref="Rho"/> or pure ε-DP — DP-SGD's
    /// subsampled Gaussian, whose only valid zCDP ρ would discard the amplification by subsampling; null otherwise.
    /// </summary>
    public RenyiCurve? Renyi { get; init; }

    /// <summary>
    /// The accountant that produced <see cref="Epsilon"/> for a composed run (DP-SGD: <see cref="PrivacyAccountant.Rdp"/>
    /// or <see cref="PrivacyAccountant.Prv"/>); null for a step whose ε is its mechanism's own.
    /// </summary>
    public PrivacyAccountant? Accountant { get; init; }

    /// <summary>
    /// Null when the step's randomness was secret (the default); otherwise why its ε and δ are <b>not</b> a guarantee —
    /// e.g. a DP-SGD run with <c>NonPrivateReproducibleSeed</c>, whose noise and batches anyone with the seed can replay.
    /// </summary>
    public string? NotPrivateReason { get; init; }

    /// <summary>
    /// The step's RDP at <paramref name="order"/>: from <see cref="Renyi"/>; αρ for a ρ-zCDP step (Bun &amp; Steinke
    /// 2016); min(ε, αε²/2) for a pure ε-DP step (ε-DP is (α, ε)-RDP at every α, Mironov 2017, Proposition 3, and
    /// ε²/2-zCDP, Bun &amp; Steinke 2016, Proposition 3.3); null for an (ε, δ)-DP step with δ &gt; 0 and no RDP
    /// guarantee, or a curve without that order.
    /// </summary>
    public double? RdpAt(double order)
    {
        if (Renyi is not null)
        {
            return Renyi.At(order);
        }

        if (Rho is double rho)
        {
            return order * rho;
        }

        return Delta == 0 ? Math.Min(Epsilon, order * Epsilon * Epsilon / 2) : null;
    }
}

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
