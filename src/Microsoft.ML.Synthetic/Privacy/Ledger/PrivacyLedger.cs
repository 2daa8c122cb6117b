using System.Globalization;
using System.Text;
using Microsoft.ML.Synthetic.Privacy.Accounting;
using Microsoft.ML.Synthetic.Privacy;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The privacy budget a fitted chain spent on its training data: every DP step with its parameters, and the
/// total under a stated composition rule. Reached with <c>mlContext.Synthetic().Privacy.Ledger(model)</c>.
/// </summary>
/// <remarks>
/// Noise steps perturb each row independently, so each is ε-DP (or (ε, δ)-DP) for the individual behind a row,
/// and steps on different columns of the same rows compose sequentially, as the total does.
/// The ledger covers the DP steps only. Columns that reach later stages without passing a DP step are not
/// protected by it, and a model loaded from a file keeps no ledger (train-only stages are saved as identity).
/// A fitted chain reports its own fit; refits are counted by whoever makes them: an AutoTrain model reports every
/// fold's release and the final fit's, and <see cref="PrivacyReleaseRecorder"/> counts the folds of ML.NET's
/// <c>CrossValidate</c> or any other refits.
/// </remarks>
public sealed class PrivacyLedger
{
    /// <summary>Composes <paramref name="entries"/> under <paramref name="rule"/>.</summary>
    /// <param name="entries">The recorded steps.</param>
    /// <param name="rule">The composition rule.</param>
    /// <param name="delta">For <see cref="CompositionRule.ZeroConcentrated"/> and <see cref="CompositionRule.Renyi"/>: the δ at which the total ρ or RDP is converted to ε.</param>
    public PrivacyLedger(IEnumerable<PrivacyLedgerEntry> entries, CompositionRule rule = CompositionRule.Basic, double? delta = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries.ToArray();
        Rule = rule;
        if (rule == CompositionRule.Basic)
        {
            (TotalEpsilon, TotalDelta) = Composition.Basic(Entries.Select(e => (e.Epsilon, e.Delta)));
            return;
        }

        if (delta is not double d)
        {
            throw new ArgumentNullException(nameof(delta), $"{rule} composition converts the total to (ε, δ) at a δ you state: pass delta.");
        }

        PrivacyParameters.ThrowIfBadDelta(d, nameof(delta));
        if (rule == CompositionRule.Renyi)
        {
            var orders = SampledGaussianRdp.OpacusDefaultOrders;
            var total = new double[orders.Count];
            foreach (var e in Entries)
            {
                for (int i = 0; i < orders.Count; i++)
                {
                    total[i] += e.RdpAt(orders[i])
                        ?? throw new InvalidOperationException(e.Renyi is null
                            ? $"Step {e.Step} is ({e.Epsilon}, {e.Delta})-DP and records neither a zCDP ρ nor an RDP curve, so it cannot be composed under RDP; use {nameof(CompositionRule)}.{nameof(CompositionRule.Basic)}."
                            : $"Step {e.Step} records its RDP at other orders than Opacus' defaults (no value at α = {orders[i]}), so it cannot be composed with them; use {nameof(CompositionRule)}.{nameof(CompositionRule.Basic)}.");
                }
            }

            TotalRdp = total;
            (TotalEpsilon, TotalRdpOrder) = RdpConversion.ToEpsilon(orders, total, d);
            TotalDelta = d;
            return;
        }

        double rho = 0;
        foreach (var e in Entries)
        {
            rho += e.Rho ?? (e.Delta == 0 ? ZeroConcentratedDp.RhoOfPureDp(e.Epsilon)
                : throw new InvalidOperationException(e.Renyi is null
                    ? $"Step {e.Step} is ({e.Epsilon}, {e.Delta})-DP and records no zCDP ρ, so it cannot be composed under zCDP; use {nameof(CompositionRule)}.{nameof(CompositionRule.Basic)}."
                    : $"Step {e.Step} is a subsampled Gaussian (DP-SGD), whose only valid zCDP ρ is the unsubsampled Gaussian's T/(2σ²) (its RDP per order approaches 1/(2σ²) at high orders), which discards the amplification by subsampling, so it is not composed under zCDP; use {nameof(CompositionRule)}.{nameof(CompositionRule.Renyi)} (its exact RDP curve is recorded) or {nameof(CompositionRule)}.{nameof(CompositionRule.Basic)}."));
        }

        TotalRho = rho;
        TotalEpsilon = ZeroConcentratedDp.Epsilon(rho, d);
        TotalDelta = d;
    }

    /// <summary>Collects the entries of every <see cref="IPrivacyLedgerSource"/> in a fitted chain (nested chains included).</summary>
    public static PrivacyLedger FromModel(ITransformer model, CompositionRule rule = CompositionRule.Basic, double? delta = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var entries = new List<PrivacyLedgerEntry>();
        Collect(model, entries, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return new PrivacyLedger(entries, rule, delta);
    }

    /// <summary>The steps, in chain order.</summary>
    public IReadOnlyList<PrivacyLedgerEntry> Entries { get; }

    /// <summary>The composition rule of the total.</summary>
    public CompositionRule Rule { get; }

    /// <summary>The total ε.</summary>
    public double TotalEpsilon { get; }

    /// <summary>The total δ.</summary>
    public double TotalDelta { get; }

    /// <summary>The total ρ under <see cref="CompositionRule.ZeroConcentrated"/>; null otherwise.</summary>
    public double? TotalRho { get; }

    /// <summary>The total RDP at each of Opacus' default orders under <see cref="CompositionRule.Renyi"/>; null otherwise.</summary>
    public IReadOnlyList<double>? TotalRdp { get; }

    /// <summary>The Rényi order at which the total ε is attained under <see cref="CompositionRule.Renyi"/>; null otherwise.</summary>
    public double? TotalRdpOrder { get; }

    /// <summary>A table of every step and the total, with the rule named.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("Privacy ledger (training data)");
        if (Entries.Count == 0)
        {
            sb.AppendLine("  no differentially private step was recorded: the chain gives no DP guarantee");
        }

        for (int i = 0; i < Entries.Count; i++)
        {
            var e = Entries[i];
            sb.Append(c, $"  {i + 1}. {e.Step}: {e.Mechanism}; ε = {e.Epsilon:G6}, δ = {e.Delta:G3}");
            if (e.Rho is double r)
            {
                sb.Append(c, $", ρ = {r:G6}");
            }

            if (e.Accountant is PrivacyAccountant accountant)
            {
                sb.Append(c, $" ({(accountant == PrivacyAccountant.Prv ? "PRV" : "RDP")} accountant)");
            }

            sb.AppendLine();
        }

        string rule = Rule switch
        {
            CompositionRule.Basic => "basic composition (Σε, Σδ)",
            CompositionRule.Renyi => string.Create(c, $"RDP composition (Σ RDP per order, converted at δ = {TotalDelta:G3}, best order α = {TotalRdpOrder:G6})"),
            _ => string.Create(c, $"zCDP composition (Σρ = {TotalRho:G6}, converted at δ = {TotalDelta:G3})"),
        };
        sb.AppendLine(c, $"  total under {rule}: ε = {TotalEpsilon:G6}, δ = {TotalDelta:G3}");
        sb.Append("  (covers these steps only: columns that reach later stages without passing a DP step are not protected)");
        return sb.ToString();
    }

    private static void Collect(object node, List<PrivacyLedgerEntry> entries, HashSet<object> seen)
    {
        if (!seen.Add(node))
        {
            return;
        }

        if (node is IPrivacyLedgerSource source)
        {
            entries.AddRange(source.PrivacyLedgerEntries);
        }

        if (node is IEnumerable<ITransformer> chain)
        {
            foreach (var t in chain)
            {
                Collect(t, entries, seen);
            }
        }
    }
}
