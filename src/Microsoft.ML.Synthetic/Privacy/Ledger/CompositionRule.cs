namespace Microsoft.ML.Synthetic;

/// <summary>How a <see cref="PrivacyLedger"/> adds up its steps.</summary>
public enum CompositionRule
{
    /// <summary>
    /// Basic sequential composition: the total is (Σε, Σδ). Always valid, whatever the steps
    /// (Dwork &amp; Roth 2014, Theorem 3.16).
    /// </summary>
    Basic,

    /// <summary>
    /// zCDP composition: every step is expressed as ρ-zCDP (its own ρ, or ε²/2 for a pure ε-DP step), the ρ add
    /// up, and the total converts to (ε, δ) at a stated δ with the exact conversion of Canonne, Kamath &amp; Steinke
    /// 2020. Steps that are only (ε, δ)-DP with δ &gt; 0 and have no ρ cannot be composed this way — among them
    /// DP-SGD, whose Poisson-subsampled Gaussian is ρ-zCDP only for the unsubsampled
    /// Gaussian's ρ = T/(2σ²) (its RDP per order approaches 1/(2σ²) at high orders), which discards the amplification
    /// by subsampling; compose chains holding it with <see cref="Renyi"/>.
    /// </summary>
    ZeroConcentrated,

    /// <summary>
    /// Rényi-DP composition (Mironov 2017): every step's RDP is taken at each of Opacus' default orders — DP-SGD's
    /// recorded curve, αρ for a ρ-zCDP step, min(ε, αε²/2) for a pure ε-DP step — the values add up order by order,
    /// and the total converts to (ε, δ) at a stated δ with the conversion of Balle et al. 2020, as DP-SGD's own
    /// accountant does. Steps that are only (ε, δ)-DP with δ &gt; 0 and carry neither ρ nor an RDP curve cannot be
    /// composed this way.
    /// </summary>
    Renyi,
}
