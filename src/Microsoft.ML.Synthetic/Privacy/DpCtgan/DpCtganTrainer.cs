using System.Globalization;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.DpSgd;
using Microsoft.ML.Synthetic.Privacy.DpTvae;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Ctgan;
using Microsoft.ML.Synthetic.Synthesizers.Deep;

namespace Microsoft.ML.Synthetic.Privacy.DpCtgan;

/// <summary>
/// DP-CTGAN (Fang, Dhami &amp; Kersting 2022; smartnoise-sdk's DPCTGAN): CTGAN's generator and critic networks with
/// the critic trained by DP-SGD (Abadi et al. 2016). Each critic step draws a Poisson batch of real rows; each real
/// row's gradient of its loss −log D(x) is clipped to C and Gaussian noise N(0, σ²C²) is added to their sum
/// (<see cref="DpSgdEngine"/>, RDP accountant). The generated rows' part of the critic loss, −log(1 − D(G(z))), is
/// clipped per row too (to keep both parts on one scale) but needs no noise: it depends only on the networks, which
/// depend on the data only through earlier noisy steps. The generator is trained through the critic alone
/// (−log D(G(z))), which is post-processing of the private critic. The encoding comes from public metadata and the
/// generator is unconditional (see <see cref="DpCtganOptions"/>).
/// </summary>
internal static class DpCtganTrainer
{
    public static CtganModel Fit(MLContext context, TabularData privateTable, DpCtganOptions o)
    {
        using var monitor = new TrainingMonitor(context, "DP-CTGAN", o);
        int seed = DpTrainingRandomness.TrainingSeed(o.NonPrivateReproducibleSeed);
        var (encoder, table) = PublicMetadataEncoder.Build(privateTable, o.PublicBounds, o.PublicCategories, "DP-CTGAN", nameof(DpCtganOptions));
        var random = new Random(seed);
        var data = encoder.Encode(table, random);
        int n = table.RowCount, width = encoder.Width;
        TorchHelpers.ApplyThreads(o.Threads);
        using var flush = DenormalFlush.Enter();   // see DenormalFlush: confident softmaxes reach denormal floats

        var generator = TorchHelpers.CreateGenerator(seed);
        var network = new CtganGenerator(o.EmbeddingDim, o.GeneratorDims, width);
        using var critic = new CtganDiscriminator(width, o.DiscriminatorDims, 1, o.LeakySlope, o.Dropout) { DropoutGenerator = generator };
        TorchHelpers.InitializeLinearLayers(network, generator);
        TorchHelpers.InitializeLinearLayers(critic, generator);
        network.train();
        critic.train();
        using var optimizerG = new AdamOptimizer(network.parameters(), lr: o.GeneratorLearningRate, beta1: o.Beta1, beta2: o.Beta2, weight_decay: o.GeneratorDecay);
        using var optimizerD = new AdamOptimizer(critic.parameters(), lr: o.DiscriminatorLearningRate, beta1: o.Beta1, beta2: o.Beta2, weight_decay: o.DiscriminatorDecay);
        var spans = new SpanOperations(encoder.Spans, width);
        var criticParameters = critic.parameters().ToArray();

        int batch = Math.Min(o.BatchSize, n);
        int stepsPerEpoch = Math.Max(n / batch, 1);
        long planned = (long)o.Epochs * stepsPerEpoch * o.DiscriminatorSteps;
        double delta = o.Delta!.Value;
        using var dp = new DpSgdEngine(critic, n, new DpSgdOptions
        {
            BatchSize = batch,
            MaxGradNorm = o.MaxGradNorm,
            TargetEpsilon = o.Epsilon,
            NoiseMultiplier = o.Epsilon is null ? o.NoiseMultiplier : null,
            Delta = delta,
            PlannedSteps = planned,
            NonPrivateReproducibleSeed = o.NonPrivateReproducibleSeed,
        }, "Ctgan critic (DP-SGD)");
        long allowed = dp.StepsWithinTarget();
        monitor.Info(string.Create(CultureInfo.InvariantCulture, $"DP-SGD on the critic: noise multiplier {dp.NoiseMultiplier:G6} for {planned} planned steps at q = {dp.SampleRate:G6}, δ = {delta}."));

        using var rows = tensor(data, [n, width]);
        int epoch = 0, generatorSteps = 0;
        double criticSum = 0, generatorSum = 0, normSum = 0;
        long criticSteps = 0;
        while (dp.StepsTaken < allowed)
        {
            for (int d = 0; d < o.DiscriminatorSteps && dp.StepsTaken < allowed; d++)
            {
                monitor.ThrowIfCancelled();
                using var scope = NewDisposeScope();
                double realLoss = 0;
                dp.ComputeGradients(dp.SampleBatch(), indices =>
                {
                    var perRow = HeldScalars.Softplus(-critic.call(rows.index_select(0, indices))).reshape(-1);   // −log D(x)
                    realLoss = perRow.numel() == 0 ? 0 : perRow.mean().item<float>();
                    return perRow;
                });
                var realNorms = dp.LastGradientNorms;
                normSum += realNorms.Count == 0 ? 0 : realNorms.Order().ElementAt(realNorms.Count / 2);

                Tensor fake;
                using (no_grad())
                {
                    fake = spans.Activate(network.call(randn([batch, o.EmbeddingDim], generator: generator)), o.GumbelTau, generator);
                }

                var fakeSums = criticParameters.Select(p => zeros_like(p).detach()).ToArray();
                double fakeLoss = 0;
                dp.ClipAndAccumulate(() =>
                {
                    var perRow = HeldScalars.Softplus(critic.call(fake)).reshape(-1);   // −log(1 − D(G(z)))
                    fakeLoss = perRow.mean().item<float>();
                    return perRow;
                }, fakeSums, o.MaxGradNorm);
                using (no_grad())
                {
                    for (int k = 0; k < criticParameters.Length; k++)
                    {
                        criticParameters[k].grad!.PlusInPlace(fakeSums[k].div(HeldScalars.Of(batch)));
                    }
                }

                optimizerD.step();
                criticSum += realLoss + fakeLoss;
                criticSteps++;
            }

            {
                monitor.ThrowIfCancelled();
                using var scope = NewDisposeScope();
                using var frozen = FrozenParameters.Freeze(criticParameters);   // the generator step must not touch the critic

                var fake = spans.Activate(network.call(randn([batch, o.EmbeddingDim], generator: generator)), o.GumbelTau, generator);
                var lossG = HeldScalars.Softplus(-critic.call(fake)).mean();   // −log D(G(z)), the non-saturating loss
                optimizerG.zero_grad();
                lossG.backward();
                optimizerG.step();

                generatorSum += lossG.item<float>();
                generatorSteps++;
            }

            if (generatorSteps == stepsPerEpoch || dp.StepsTaken >= allowed)
            {
                monitor.EpochDone(++epoch, new Dictionary<string, double>
                {
                    ["generator"] = generatorSum / Math.Max(1, generatorSteps),
                    ["discriminator"] = criticSum / Math.Max(1, criticSteps),
                    ["grad_norm_median"] = normSum / Math.Max(1, criticSteps),
                    ["epsilon"] = dp.Epsilon(),
                }, DpTrainingRandomness.DiagnosticsNote, DpTrainingRandomness.IsCovered);
                generatorSum = criticSum = normSum = 0;
                generatorSteps = 0;
                criticSteps = 0;
            }
        }

        if (o.Epsilon is double limit && dp.Epsilon() > limit)
        {
            throw new InvalidOperationException($"DP-SGD spent ε = {dp.Epsilon()}, above the target {limit}.");
        }

        if (dp.StepsTaken < planned)
        {
            monitor.Warn($"DP-SGD stopped after {dp.StepsTaken} of {planned} planned critic steps: one more step would exceed ε = {o.Epsilon}.");
        }

        network.eval();
        var entries = new List<PrivacyLedgerEntry>
        {
            new("Ctgan encoding", "built from declared public bounds and categories only; unconditional generator (no category frequencies read)", 0, 0),
        };
        entries.AddRange(dp.PrivacyLedgerEntries);
        return new CtganModel(table.Schema, encoder, network, spans, ConditionalVectorSampler.None, o.EmbeddingDim, o.GeneratorDims.ToArray(), monitor.History)
        {
            PrivacyLedgerEntries = entries,
        };
    }
}
