namespace Microsoft.ML.Synthetic;

/// <summary>Which accountant turns DP-SGD's steps into (ε, δ).</summary>
public enum PrivacyAccountant
{
    /// <summary>
    /// Rényi DP of the subsampled Gaussian (Mironov, Talwar &amp; Zhang 2019) at Opacus' orders, converted with
    /// Balle et al. 2020 (<c>RdpAccountant</c>): an upper bound, exact to machine precision, a
    /// few milliseconds per evaluation, but loose — it overstates ε.
    /// </summary>
    Rdp,

    /// <summary>
    /// Numerical composition of the privacy loss random variable (Gopi, Lee &amp; Wutschitz 2021;
    /// the PRV accountant in Privacy/Accounting): ε within a stated error of the tight value, reported as its upper bound
    /// (ε estimate + 0.01 at δ − δ/1000), lower than RDP's for the same run; tens to hundreds of milliseconds per
    /// evaluation.
    /// </summary>
    Prv,
}
