using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Aim;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Fits AIM (McKenna, Mullins, Sheldon &amp; Miklau, VLDB 2022) under (ε, δ)-differential privacy: noisy one-way
/// marginals, then rounds that choose the worst-estimated workload marginal by the exponential mechanism, measure it
/// with Gaussian noise and refit a Private-PGM graphical model on a junction tree. Created by
/// <c>mlContext.Synthetic().Synthesizers.Aim()</c>.
/// </summary>
public sealed class AimEstimator : SynthesizerEstimatorBase<AimModel>
{
    private readonly AimOptions _options;

    internal AimEstimator(SyntheticCatalog catalog, AimOptions options)
        : base(catalog, options.DataOptions, options.Seed)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>False: AIM's public bounds and categories describe the declared columns, so constraints are kept by rejection alone.</summary>
    private protected override bool TransformsConstraints => false;

    /// <inheritdoc/>
    private protected override bool IsDifferentiallyPrivate => true;

    /// <inheritdoc/>
    private protected override AimModel FitTable(TabularData table)
    {
        var fit = AimFit.Run(table, _options);
        return new AimModel(fit.Schema, fit.Cells, fit.Measured, fit.Theta, fit.Total, fit.Ledger);
    }
}
