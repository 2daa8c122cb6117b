using Microsoft.ML.Synthetic.Data;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Ctgan;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// CTGAN (Xu et al. 2019, "Modeling Tabular Data using Conditional GAN"): a Wasserstein GAN with gradient penalty
/// whose generator is conditioned on a category of one column (the conditional vector), trained by sampling so that
/// rare categories are learned, with a PacGAN critic. Create it with <c>mlContext.Synthetic().Synthesizers.Ctgan(...)</c>.
/// </summary>
public sealed class CtganEstimator : SynthesizerEstimatorBase<CtganModel>
{
    internal CtganEstimator(SyntheticCatalog catalog, CtganOptions options)
        : base(catalog, options?.DataOptions, options?.Seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public CtganOptions Options { get; }

    /// <inheritdoc/>
    private protected override CtganModel FitTable(TabularData table)
    {
        var o = Options;
        int seed = NextSeed();
        if (o is DpCtganOptions dp)
        {
            return Privacy.DpCtgan.DpCtganTrainer.Fit(Context, table, dp);   // training randomness is secret: see DpCtganOptions.NonPrivateReproducibleSeed
        }

        using var monitor = new TrainingMonitor(Context, "CTGAN", o);
        var random = new Random(seed);
        var encoder = TabularEncoder.Fit(table, o.Encoding, monitor.Warn, o.Threads);
        var data = encoder.Encode(table, random);
        int n = table.RowCount, width = encoder.Width;
        var sampler = ConditionalVectorSampler.Create(encoder, data, n, o.LogFrequency);
        int condWidth = sampler.Width;
        TorchHelpers.ApplyThreads(o.Threads);
        using var flush = DenormalFlush.Enter();   // see DenormalFlush: confident softmaxes reach denormal floats

        var generator = TorchHelpers.CreateGenerator(seed);
        var network = new CtganGenerator(o.EmbeddingDim + condWidth, o.GeneratorDims, width);
        using var critic = new CtganDiscriminator(width + condWidth, o.DiscriminatorDims, o.Pac, o.LeakySlope, o.Dropout) { DropoutGenerator = generator };
        TorchHelpers.InitializeLinearLayers(network, generator);
        TorchHelpers.InitializeLinearLayers(critic, generator);
        network.train();
        critic.train();
        using var optimizerG = new AdamOptimizer(network.parameters(), lr: o.GeneratorLearningRate, beta1: o.Beta1, beta2: o.Beta2, weight_decay: o.GeneratorDecay);
        using var optimizerD = new AdamOptimizer(critic.parameters(), lr: o.DiscriminatorLearningRate, beta1: o.Beta1, beta2: o.Beta2, weight_decay: o.DiscriminatorDecay);
        var spans = new SpanOperations(encoder.Spans, width);
        using var conditionSpans = new SpanOperations(encoder.CategoricalColumns.Select(l => l.Spans[0]).ToArray(), width);
        var criticParameters = critic.parameters().ToArray();

        int batch = o.BatchSize;
        int stepsPerEpoch = Math.Max(n / batch, 1);
        var cond = new float[batch * condWidth];
        var columnOf = new int[batch];
        var slotOf = new int[batch];
        var flatIndex = new long[batch];
        var permutation = new long[batch];
        var realRows = new int[batch];

        Tensor Conditions(bool forCritic)
        {
            sampler.SampleTraining(batch, random, cond, columnOf, slotOf);
            if (forCritic)
            {
                // The real rows are drawn for a shuffled copy of the conditions (as the reference implementation does).
                for (int i = 0; i < batch; i++)
                {
                    permutation[i] = i;
                }

                random.Shuffle(permutation);
                for (int i = 0; i < batch; i++)
                {
                    int p = (int)permutation[i];
                    realRows[i] = sampler.SampleRow(columnOf[p], slotOf[p], random);
                }
            }

            for (int i = 0; i < batch; i++)
            {
                flatIndex[i] = ((long)columnOf[i] * sampler.Widest) + slotOf[i];
            }

            return tensor(cond, [batch, condWidth]);
        }

        for (int epoch = 1; epoch <= o.Epochs; epoch++)
        {
            double lossDSum = 0, lossGSum = 0, penaltySum = 0, conditionSum = 0;
            for (int step = 0; step < stepsPerEpoch; step++)
            {
                for (int d = 0; d < o.DiscriminatorSteps; d++)
                {
                    monitor.ThrowIfCancelled();
                    using var scope = NewDisposeScope();
                    var z = randn([batch, o.EmbeddingDim], generator: generator);
                    Tensor fakeInput = z, realCat, conditionOfFake;
                    if (condWidth > 0)
                    {
                        conditionOfFake = Conditions(forCritic: true);
                        fakeInput = cat([z, conditionOfFake], 1);
                        var real = TorchHelpers.Gather(data, width, realRows);
                        realCat = cat([real, conditionOfFake.index_select(0, tensor(permutation))], 1);
                    }
                    else
                    {
                        for (int i = 0; i < batch; i++)
                        {
                            realRows[i] = random.Next(n);
                        }

                        conditionOfFake = empty(batch, 0);
                        realCat = TorchHelpers.Gather(data, width, realRows);
                    }

                    Tensor fakeCat;
                    using (no_grad())
                    {
                        var fake = spans.Activate(network.call(fakeInput), o.GumbelTau, generator);
                        fakeCat = condWidth > 0 ? cat([fake, conditionOfFake], 1) : fake;
                    }

                    var yFake = critic.call(fakeCat);
                    var yReal = critic.call(realCat);
                    var penalty = GradientPenalty.Compute(critic.call, realCat, fakeCat, o.Pac, o.GradientPenaltyWeight, generator);
                    var lossD = -(yReal.mean() - yFake.mean());
                    optimizerD.zero_grad();
                    penalty.Plus(lossD).backward();
                    optimizerD.step();
                    lossDSum += lossD.item<float>();
                    penaltySum += penalty.item<float>();
                }

                {
                    monitor.ThrowIfCancelled();
                    using var scope = NewDisposeScope();
                    var z = randn([batch, o.EmbeddingDim], generator: generator);
                    Tensor input = z, condition = empty(batch, 0);
                    if (condWidth > 0)
                    {
                        condition = Conditions(forCritic: false);
                        input = cat([z, condition], 1);
                    }

                    var raw = network.call(input);
                    var fake = spans.Activate(raw, o.GumbelTau, generator);
                    using var frozen = FrozenParameters.Freeze(criticParameters);   // the generator step must not touch the critic

                    var yFake = critic.call(condWidth > 0 ? cat([fake, condition], 1) : fake);
                    var conditionLoss = condWidth > 0
                        ? -conditionSpans.SelectedLogSoftmax(raw, tensor(flatIndex)).mean()
                        : zeros(1).sum();
                    var lossG = (-yFake.mean()).Plus(conditionLoss);
                    optimizerG.zero_grad();
                    lossG.backward();
                    optimizerG.step();

                    lossGSum += lossG.item<float>();
                    conditionSum += conditionLoss.item<float>();
                }
            }

            int dSteps = stepsPerEpoch * o.DiscriminatorSteps;
            monitor.EpochDone(epoch, new Dictionary<string, double>
            {
                ["generator"] = lossGSum / stepsPerEpoch,
                ["discriminator"] = lossDSum / dSteps,
                ["penalty"] = penaltySum / dSteps,
                ["conditional"] = conditionSum / stepsPerEpoch,
            });
        }

        network.eval();
        return new CtganModel(table.Schema, encoder, network, spans, sampler, o.EmbeddingDim, o.GeneratorDims.ToArray(), monitor.History);
    }
}
