using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Arf;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Fits an adversarial random forest (Watson, Blesch, Kapar and Wright, "Adversarial random forests for density
/// estimation and generative modeling", AISTATS 2023): the ARF loop, then per-leaf densities (FORDE). Created by
/// <c>mlContext.Synthetic().Synthesizers.Arf()</c>.
/// </summary>
public sealed class ArfEstimator : SynthesizerEstimatorBase<ArfModel>
{
    private readonly ArfOptions _options;

    internal ArfEstimator(SyntheticCatalog catalog, ArfOptions options)
        : base(catalog, options.DataOptions, options.Seed)
    {
        options.Validate();
        _options = options;
    }

    /// <inheritdoc/>
    private protected override ArfModel FitTable(TabularData table)
    {
        int seed = NextSeed();
        _options.CancellationToken.ThrowIfCancellationRequested();
        var codes = FeatureCodes.Encode(table);
        var (forest, accuracies) = AdversarialLoop.Run(codes, _options, seed, _options.Progress);
        var leaves = Forde.Estimate(forest, codes, table, _options);
        return new ArfModel(table.Schema, leaves, accuracies);
    }
}
