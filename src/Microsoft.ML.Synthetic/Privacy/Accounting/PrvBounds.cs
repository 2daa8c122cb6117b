namespace Microsoft.ML.Synthetic.Privacy.Accounting;

/// <summary>
/// A privacy parameter computed by the <see cref="PrvAccountant"/>, with the bounds its discretisation error
/// guarantees (Gopi, Lee &amp; Wutschitz 2021, Section 5): the true value lies in [<see cref="Lower"/>,
/// <see cref="Upper"/>], and <see cref="Estimate"/> is the discretised composition's own value. Report
/// <see cref="Upper"/> as the guarantee, as Opacus does.
/// </summary>
/// <param name="Lower">A lower bound on the true value.</param>
/// <param name="Estimate">The value of the discretised composition (not a bound).</param>
/// <param name="Upper">An upper bound on the true value: the guarantee.</param>
internal readonly record struct PrvBounds(double Lower, double Estimate, double Upper);
