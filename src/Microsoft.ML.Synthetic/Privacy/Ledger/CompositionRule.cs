namespace Microsoft.ML.Synthetic.Privacy.Ledger;

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
    /// 2020. Steps that are only (ε, δ)-DP with δ &gt; 0 and have no ρ cannot be composed this way.
    /// </summary>
    ZeroConcentrated,
}
