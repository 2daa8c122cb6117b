using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Fits MST (McKenna, Miklau &amp; Sheldon, JPC 2021) under (ε, δ)-differential privacy: noisy one-way marginals, a
/// maximum spanning tree of two-way marginals chosen by the exponential mechanism, noisy two-way marginals along it,
/// and a Private-PGM graphical model fitted to them. Created by <c>mlContext.Synthetic().Synthesizers.Mst()</c>.
/// </summary>
public sealed class MstEstimator : SynthesizerEstimatorBase<MstModel>
{
    private readonly MstOptions _options;

    internal MstEstimator(SyntheticCatalog catalog, MstOptions options)
        : base(catalog, options.DataOptions, options.Seed)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>False: MST's public bounds and categories describe the declared columns, so constraints are kept by rejection alone.</summary>
    private protected override bool TransformsConstraints => false;

    /// <inheritdoc/>
    private protected override bool IsDifferentiallyPrivate => true;

    /// <inheritdoc/>
    private protected override MstModel FitTable(TabularData table)
    {
        var fit = MstFit.Run(table, _options);
        return new MstModel(fit.Schema, fit.Cells, fit.Maps, fit.Model, fit.Marginals, fit.Ledger);
    }
}
