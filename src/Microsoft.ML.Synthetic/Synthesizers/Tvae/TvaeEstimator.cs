using TorchSharp;
using Microsoft.ML.Synthetic.Data;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;
using Microsoft.ML.Synthetic.Synthesizers.Tvae;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// TVAE (Xu et al. 2019, "Modeling Tabular Data using Conditional GAN", §5): a variational autoencoder on rows
/// encoded with mode-specific normalization, trained on the evidence lower bound with a learned σ per continuous
/// output. Create it with <c>mlContext.Synthetic().Synthesizers.Tvae(...)</c>.
/// </summary>
public sealed class TvaeEstimator : SynthesizerEstimatorBase<TvaeModel>
{
    internal TvaeEstimator(SyntheticCatalog catalog, TvaeOptions options)
        : base(catalog, options?.DataOptions, options?.Seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public TvaeOptions Options { get; }

    /// <inheritdoc/>
    private protected override TvaeModel FitTable(TabularData table)
    {
        int seed = NextSeed();
        if (Options.IsDifferentiallyPrivate)
        {
            return Privacy.DpTvae.DpTvaeTrainer.Fit(Context, table, Options);   // training randomness is secret: see TvaeOptions.NonPrivateReproducibleSeed
        }

        using var monitor = new TrainingMonitor(Context, "TVAE", Options);
        var random = new Random(seed);
        var encoder = TabularEncoder.Fit(table, Options.Encoding, monitor.Warn, Options.Threads);
        var data = encoder.Encode(table, random);
        TorchHelpers.ApplyThreads(Options.Threads);
        using var flush = DenormalFlush.Enter();   // see DenormalFlush: confident softmaxes reach denormal floats

        var generator = TorchHelpers.CreateGenerator(seed);
        var network = new TvaeNetwork(encoder.Width, Options.CompressDims, Options.EmbeddingDim, Options.DecompressDims, Options.InitialSigma);
        TorchHelpers.InitializeLinearLayers(network, generator);
        network.train();
        using var optimizer = new AdamOptimizer(network.parameters(), lr: Options.LearningRate, weight_decay: Options.WeightDecay);
        using var loss = new TvaeLoss(encoder, Options.LossFactor);

        int n = table.RowCount;
        int batchSize = Math.Min(Options.BatchSize, n);
        var order = Enumerable.Range(0, n).ToArray();
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double reconstructionSum = 0, klSum = 0;
            int steps = 0;
            for (int start = 0; start < n; start += batchSize)
            {
                monitor.ThrowIfCancelled();
                using var scope = NewDisposeScope();
                int rows = Math.Min(batchSize, n - start);
                var x = TorchHelpers.Gather(data, encoder.Width, order.AsSpan(start, rows));
                var (mean, logVariance) = network.Encode(x);
                var z = (randn(mean.shape, generator: generator) * (logVariance * TorchHelpers.Constant(0.5)).exp()).Plus(mean);
                var raw = network.Decode(z);
                var (reconstruction, kl) = loss.PerRow(raw, x, network.Sigma, mean, logVariance);
                var reconstructionMean = reconstruction.mean();
                var klMean = kl.mean();
                optimizer.zero_grad();
                reconstructionMean.Plus(klMean).backward();
                optimizer.step();
                using (no_grad())
                {
                    network.Sigma.clamp_(TorchHelpers.Constant(0.01), TorchHelpers.Constant(1.0));
                }

                reconstructionSum += reconstructionMean.item<float>();
                klSum += klMean.item<float>();
                steps++;
            }

            monitor.EpochDone(epoch, new Dictionary<string, double>
            {
                ["reconstruction"] = reconstructionSum / steps,
                ["kl"] = klSum / steps,
            });
        }

        network.eval();
        return new TvaeModel(table.Schema, encoder, network, Options, monitor.History);
    }
}
