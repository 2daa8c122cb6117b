using System.Globalization;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.DpSgd;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Tvae;

namespace Microsoft.ML.Synthetic.Privacy.DpTvae;

/// <summary>
/// DP-TVAE: TVAE (Xu et al. 2019) trained with DP-SGD (Abadi et al. 2016, "Deep Learning with Differential
/// Privacy"): Poisson-sampled batches, each row's gradient of its own loss (reconstruction + KL, the TVAE loss per
/// row) clipped per layer (each of the K parameter tensors to C/√K, McMahan et al. 2018, so the whole row gradient
/// to C), the output σ held fixed at the public <see cref="TvaeOptions.InitialSigma"/>, Gaussian noise N(0, σ²C²) on the sum,
/// and the RDP accountant. The noise multiplier is searched so that the planned Epochs·N/B steps spend at most
/// the target ε at δ; training stops before a step that would exceed it. The encoding comes from declared public
/// metadata (<see cref="PublicMetadataEncoder"/>) and spends nothing; the ledger records both.
/// </summary>
internal static class DpTvaeTrainer
{
    public static TvaeModel Fit(MLContext context, TabularData privateTable, TvaeOptions options)
    {
        using var monitor = new TrainingMonitor(context, "DP-TVAE", options);
        int seed = DpTrainingRandomness.TrainingSeed(options.NonPrivateReproducibleSeed);
        var (encoder, table) = PublicMetadataEncoder.Build(privateTable, options);
        var random = new Random(seed);
        var data = encoder.Encode(table, random);
        TorchHelpers.ApplyThreads(options.Threads);
        using var flush = DenormalFlush.Enter();   // see DenormalFlush: confident softmaxes reach denormal floats

        var generator = TorchHelpers.CreateGenerator(seed);
        var network = new TvaeNetwork(encoder.Width, options.CompressDims, options.EmbeddingDim, options.DecompressDims, options.InitialSigma);
        TorchHelpers.InitializeLinearLayers(network, generator);
        // σ is held fixed (a public constant, not trained): see the Privacy README, "Why σ is fixed under DP".
        network.Sigma.requires_grad_(false);
        network.train();
        using var optimizer = new AdamOptimizer(network.parameters().Where(p => p.requires_grad), lr: options.LearningRate, weight_decay: options.WeightDecay);
        using var loss = new TvaeLoss(encoder, options.LossFactor);

        int n = table.RowCount;
        int batchSize = Math.Min(options.BatchSize, n);
        long stepsPerEpoch = Math.Max(1, n / batchSize);
        long planned = options.Epochs * stepsPerEpoch;
        using var dp = new DpSgdEngine(network, n, new DpSgdOptions
        {
            BatchSize = batchSize,
            MaxGradNorm = options.MaxGradNorm,
            Clipping = DpSgdClipping.PerLayer,   // see the Privacy README, "Why per-layer clipping"
            TargetEpsilon = options.Epsilon,
            Delta = options.Delta!.Value,
            PlannedSteps = planned,
            NonPrivateReproducibleSeed = options.NonPrivateReproducibleSeed,
        }, "Tvae (DP-SGD)");
        bool linearPath = false;
        monitor.Info(string.Create(CultureInfo.InvariantCulture, $"DP-SGD: noise multiplier {dp.NoiseMultiplier:G6} for {planned} planned steps at q = {dp.SampleRate:G6}, target ε = {options.Epsilon}, δ = {options.Delta}."));

        using var rows = tensor(data, [n, encoder.Width]);
        int epoch = 0;
        double lossSum = 0, recSum = 0, klSum = 0, normMedianSum = 0, clippedSum = 0;
        int stepsInEpoch = 0;
        long allowed = dp.StepsWithinTarget();
        while (dp.StepsTaken < allowed)
        {
            monitor.ThrowIfCancelled();
            using var scope = NewDisposeScope();
            var batch = dp.SampleBatch();
            double batchLoss = 0, batchRec = 0, batchKl = 0;
            dp.ComputeGradients(batch, indices =>
            {
                var x = rows.index_select(0, indices);
                var (mean, logVariance) = network.Encode(x);
                var z = (randn(mean.shape, generator: generator) * (logVariance * TorchHelpers.Constant(0.5)).exp()).Plus(mean);
                var raw = network.Decode(z);
                var (reconstruction, kl) = loss.PerRow(raw, x, network.Sigma, mean, logVariance);
                var perRow = reconstruction.Plus(kl);
                batchLoss = perRow.numel() == 0 ? 0 : perRow.mean().item<float>();
                batchRec = perRow.numel() == 0 ? 0 : reconstruction.mean().item<float>();
                batchKl = perRow.numel() == 0 ? 0 : kl.mean().item<float>();
                return perRow;
            });
            linearPath = dp.LastStepUsedLinearPath;
            optimizer.step();

            lossSum += batchLoss;
            recSum += batchRec;
            klSum += batchKl;
            var norms = dp.LastGradientNorms.Order().ToArray();
            if (norms.Length > 0)
            {
                normMedianSum += norms[norms.Length / 2];
                clippedSum += norms.Count(v => v > options.MaxGradNorm) / (double)norms.Length;
            }

            if (++stepsInEpoch == stepsPerEpoch)
            {
                monitor.EpochDone(++epoch, new Dictionary<string, double>
                {
                    ["loss"] = lossSum / stepsInEpoch,
                    ["reconstruction"] = recSum / stepsInEpoch,
                    ["kl"] = klSum / stepsInEpoch,
                    ["grad_norm_median"] = normMedianSum / stepsInEpoch,
                    ["clipped_fraction"] = clippedSum / stepsInEpoch,
                    ["epsilon"] = dp.Epsilon(),
                }, DpTrainingRandomness.DiagnosticsNote, DpTrainingRandomness.IsCovered);
                lossSum = 0; recSum = 0; klSum = 0; normMedianSum = 0; clippedSum = 0;
                stepsInEpoch = 0;
            }
        }

        monitor.Info(linearPath ? "DP-SGD clipped per-row gradients with one backward pass per batch (Linear path)." : "DP-SGD clipped per-row gradients with one backward pass per row.");
        if (dp.Epsilon() > options.Epsilon!.Value)
        {
            throw new InvalidOperationException($"DP-SGD spent ε = {dp.Epsilon()}, above the target {options.Epsilon}.");
        }

        if (dp.StepsTaken < planned)
        {
            monitor.Warn($"DP-SGD stopped after {dp.StepsTaken} of {planned} planned steps: one more step would exceed ε = {options.Epsilon}.");
        }

        network.eval();
        var entries = new List<PrivacyLedgerEntry>
        {
            new("Tvae encoding", "built from declared public bounds and categories only; no private data read", 0, 0, 0),
        };
        entries.AddRange(dp.PrivacyLedgerEntries);
        return new TvaeModel(table.Schema, encoder, network, options, monitor.History) { PrivacyLedgerEntries = entries };
    }
}
