using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Privacy.DpSgd;
using Microsoft.ML.Synthetic.Privacy.NoiseSteps;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Tests.Privacy;

/// <summary>DP-SGD on a small TorchSharp MLP: clipping, noise scale, sampling, accounting and the ledger.</summary>
[TestClass]
public sealed class DpSgdTests
{
    private static nn.Module<Tensor, Tensor> Mlp(int inputs = 4, int hidden = 16) =>
        nn.Sequential(("hidden", nn.Linear(inputs, hidden)), ("act", nn.Tanh()), ("out", nn.Linear(hidden, 1)));

    private static Tensor PerExampleMse(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y) =>
        (model.forward(x) - y).pow(2).sum(1);

    [TestMethod]
    public void ClipAndAccumulate_EqualsIndependentlyClippedExampleGradients_AndBoundsEachNorm()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var model = Mlp();
        var x = randn(8, 4) * 3;
        var y = randn(8, 1) * 5;
        using var dp = new DpSgdEngine(model.parameters(), 8, new DpSgdOptions { BatchSize = 8, NoiseMultiplier = 1, NonPrivateReproducibleSeed = 1 });
        var parameters = model.parameters().ToArray();
        var sums = parameters.Select(p => zeros_like(p).detach()).ToArray();
        const double c = 0.5;
        var norms = dp.ClipAndAccumulate(PerExampleMse(model, x, y), sums, c);

        var expected = parameters.Select(p => zeros_like(p).detach()).ToArray();
        int clipped = 0;
        for (int i = 0; i < 8; i++)
        {
            var g = autograd.grad([PerExampleMse(model, x[TensorIndex.Slice(i, i + 1)], y[TensorIndex.Slice(i, i + 1)]).sum()], parameters.Cast<Tensor>().ToArray());
            double norm = Math.Sqrt(g.Sum(t => t.pow(2).sum().item<float>()));
            Assert.AreEqual(norm, norms[i], 1e-4 * Math.Max(1, norm));
            double factor = Math.Min(1, c / (norm + 1e-6));
            clipped += factor < 1 ? 1 : 0;
            double clippedNorm = Math.Sqrt(g.Sum(t => (t * factor).pow(2).sum().item<float>()));
            Assert.IsTrue(clippedNorm <= c * (1 + 1e-5), $"example {i}: clipped norm {clippedNorm}");
            for (int k = 0; k < g.Count; k++)
            {
                expected[k].add_(g[k] * factor);
            }
        }

        Assert.IsTrue(clipped >= 4, "the test needs examples above the bound");
        for (int k = 0; k < sums.Length; k++)
        {
            Assert.IsTrue(allclose(sums[k], expected[k], rtol: 1e-4, atol: 1e-6), $"parameter {k}");
        }

        double total = Math.Sqrt(sums.Sum(t => t.pow(2).sum().item<float>()));
        Assert.IsTrue(total <= 8 * c * (1 + 1e-5), "the sum of 8 clipped gradients has norm at most 8C");

        // The one-backward-pass Linear path gives the same norms and the same clipped sum.
        using var fast = new DpSgdEngine(model, 8, new DpSgdOptions { BatchSize = 8, NoiseMultiplier = 1, NonPrivateReproducibleSeed = 1 });
        var fastSums = parameters.Select(p => zeros_like(p).detach()).ToArray();
        var fastNorms = fast.ClipAndAccumulate(() => PerExampleMse(model, x, y), fastSums, c);
        Assert.IsTrue(fast.LastStepUsedLinearPath);
        for (int i = 0; i < 8; i++)
        {
            Assert.AreEqual(norms[i], fastNorms[i], 1e-4 * Math.Max(1, norms[i]));
        }

        for (int k = 0; k < sums.Length; k++)
        {
            Assert.IsTrue(allclose(fastSums[k], expected[k], rtol: 1e-4, atol: 1e-6), $"parameter {k} (Linear path) {string.Join(",", fastSums[k].flatten().data<float>().ToArray().Take(4))} vs {string.Join(",", expected[k].flatten().data<float>().ToArray().Take(4))}");
        }
    }

    [TestMethod]
    public void LinearPath_WithParameterOutsideLinearLayers_EqualsPerExampleLoop()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var model = new ScaledMlp();
        var x = randn(12, 4) * 2;
        var y = randn(12, 3) * 3;
        Tensor Losses() => (model.forward(x) - y).pow(2).sum(1);

        using var loop = new DpSgdEngine(model.parameters(), 12, new DpSgdOptions { BatchSize = 12, NoiseMultiplier = 1, NonPrivateReproducibleSeed = 1 });
        var loopSums = model.parameters().Select(p => zeros_like(p).detach()).ToArray();
        var loopNorms = loop.ClipAndAccumulate(Losses, loopSums, 1.0);
        Assert.IsFalse(loop.LastStepUsedLinearPath);

        using var fast = new DpSgdEngine(model, 12, new DpSgdOptions { BatchSize = 12, NoiseMultiplier = 1, NonPrivateReproducibleSeed = 1 });
        var fastSums = model.parameters().Select(p => zeros_like(p).detach()).ToArray();
        var fastNorms = fast.ClipAndAccumulate(Losses, fastSums, 1.0);
        Assert.IsTrue(fast.LastStepUsedLinearPath);

        for (int i = 0; i < 12; i++)
        {
            Assert.AreEqual(loopNorms[i], fastNorms[i], 1e-4 * Math.Max(1, loopNorms[i]));
        }

        Assert.IsTrue(loopNorms.Count(n => n > 1) >= 6, "the test needs clipped examples");
        for (int k = 0; k < loopSums.Length; k++)
        {
            Assert.IsTrue(allclose(fastSums[k], loopSums[k], rtol: 1e-4, atol: 1e-6), $"parameter {k}");
        }

        Assert.IsTrue(fastSums[^1].abs().sum().item<float>() > 0, "the scale parameter gets its clipped gradients");
    }

    [TestMethod]
    public void PerLayerClipping_ClipsEachTensorToCOverRootK_OnBothPaths_SoEachExampleStaysWithinC()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var model = new ScaledMlp();   // K = 5 tensors: two Linear weights and biases, and a scale outside them
        var x = randn(10, 4) * 2;
        var y = randn(10, 3) * 3;
        Tensor Losses() => (model.forward(x) - y).pow(2).sum(1);
        var parameters = model.parameters().ToArray();
        const double c = 12;
        double bound = c / Math.Sqrt(parameters.Length);

        // Independent reference: each example's gradient of each tensor, clipped to C/√K on its own.
        var expected = parameters.Select(p => zeros_like(p).detach()).ToArray();
        int clippedTensors = 0, unclippedTensors = 0;
        for (int i = 0; i < 10; i++)
        {
            var g = autograd.grad([(model.forward(x[TensorIndex.Slice(i, i + 1)]) - y[TensorIndex.Slice(i, i + 1)]).pow(2).sum()], parameters.Cast<Tensor>().ToArray());
            double exampleSquared = 0;
            for (int k = 0; k < g.Count; k++)
            {
                double norm = Math.Sqrt(g[k].pow(2).sum().item<float>());
                double factor = Math.Min(1, bound / (norm + 1e-6));
                clippedTensors += factor < 1 ? 1 : 0;
                unclippedTensors += factor < 1 ? 0 : 1;
                expected[k].add_(g[k] * factor);
                exampleSquared += (g[k] * factor).pow(2).sum().item<float>();
            }

            Assert.IsLessThanOrEqualTo(c * (1 + 1e-5), Math.Sqrt(exampleSquared), $"example {i}: the clipped gradient stays within C");
        }

        Assert.IsTrue(clippedTensors >= 5 && unclippedTensors >= 1, $"the test needs clipped and unclipped tensors ({clippedTensors}, {unclippedTensors})");
        var options = new DpSgdOptions { BatchSize = 10, NoiseMultiplier = 1, NonPrivateReproducibleSeed = 1, Clipping = DpSgdClipping.PerLayer };
        using var loop = new DpSgdEngine(model.parameters(), 10, options);
        var loopSums = parameters.Select(p => zeros_like(p).detach()).ToArray();
        loop.ClipAndAccumulate(Losses, loopSums, c);
        Assert.IsFalse(loop.LastStepUsedLinearPath);
        using var fast = new DpSgdEngine(model, 10, options);
        var fastSums = parameters.Select(p => zeros_like(p).detach()).ToArray();
        fast.ClipAndAccumulate(Losses, fastSums, c);
        Assert.IsTrue(fast.LastStepUsedLinearPath);
        for (int k = 0; k < parameters.Length; k++)
        {
            Assert.IsTrue(allclose(loopSums[k], expected[k], rtol: 1e-4, atol: 1e-6), $"parameter {k} (per-example loop)");
            Assert.IsTrue(allclose(fastSums[k], expected[k], rtol: 1e-4, atol: 1e-6), $"parameter {k} (Linear path)");
        }

        StringAssert.Contains(fast.PrivacyLedgerEntries[0].Mechanism, "per layer");
    }

    [TestMethod]
    public void LinearPath_NotUsed_WithoutLinearLayers()
    {
        using var scope = NewDisposeScope();
        var model = nn.Sequential(("emb", nn.Embedding(10, 3)));
        using var dp = new DpSgdEngine(model, 10, new DpSgdOptions { BatchSize = 5, NoiseMultiplier = 1, NonPrivateReproducibleSeed = 1 });
        var ids = tensor(new long[] { 1, 2, 3, 4, 5 });
        var sums = model.parameters().Select(p => zeros_like(p).detach()).ToArray();
        dp.ClipAndAccumulate(() => model.forward(ids).sum(1), sums, 1.0);
        Assert.IsFalse(dp.LastStepUsedLinearPath);
        Assert.IsTrue(sums[0].abs().sum().item<float>() > 0, "the embedding gets its clipped gradients");
    }

    /// <summary>An MLP whose output is multiplied by a learned vector, as TVAE's decoder output meets its learned σ.</summary>
    private sealed class ScaledMlp : nn.Module<Tensor, Tensor>
    {
        private readonly global::TorchSharp.Modules.Linear _l1 = nn.Linear(4, 8);
        private readonly global::TorchSharp.Modules.Linear _l2 = nn.Linear(8, 3);
        private readonly global::TorchSharp.Modules.Parameter _scale = nn.Parameter(tensor(new float[] { 0.5f, 1.5f, -1f }));

        public ScaledMlp()
            : base("ScaledMlp") => RegisterComponents();

        public override Tensor forward(Tensor input) => _l2.call(_l1.call(input).relu()) * _scale;
    }

    [TestMethod]
    public void ComputeGradients_NoiseHasStdSigmaCOverExpectedBatch()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var model = nn.Linear(60, 60);   // 3660 coordinates
        const double sigma = 1.3, c = 2.0;
        const int n = 1000, b = 50;
        using var dp = new DpSgdEngine(model.parameters(), n, new DpSgdOptions { BatchSize = b, NoiseMultiplier = sigma, MaxGradNorm = c, NonPrivateReproducibleSeed = 3 });
        var x = randn(n, 60);
        var batch = dp.SampleBatch();
        // A loss with zero gradient: the parameters' gradients are pure noise.
        dp.ComputeGradients(batch, idx => model.forward(x[idx]).sum(1) * 0);
        var noise = cat(model.parameters().Select(p => p.grad!.flatten()).ToList());
        double std = noise.std().item<float>();
        double expected = sigma * c / (b);   // q·N = B
        Assert.AreEqual(expected, std, 0.05 * expected);
        Assert.AreEqual(0, noise.mean().item<float>(), 4 * expected / Math.Sqrt(noise.shape[0]));
        Assert.AreEqual(1, dp.StepsTaken);
    }

    [TestMethod]
    public void SameSeed_GivesSameBatchesAndNoisyGradients()
    {
        float[] Run()
        {
            using var scope = NewDisposeScope();
            // A generator of the test's own: torch's global one is shared with the tests running in parallel.
            var generator = new Generator(9);
            var model = Mlp();
            using (no_grad())
            {
                foreach (var p in model.parameters())
                {
                    p.copy_(randn(p.shape, generator: generator).mul_(0.3));
                }
            }

            var x = randn(100, 4, generator: generator);
            var y = randn(100, 1, generator: generator);
            using var dp = new DpSgdEngine(model, 100, new DpSgdOptions { BatchSize = 10, NoiseMultiplier = 1, NonPrivateReproducibleSeed = 42 });
            dp.ComputeGradients(dp.SampleBatch(), idx => PerExampleMse(model, x[idx], y[idx]));
            return [.. model.parameters().SelectMany(p => p.grad!.flatten().data<float>().ToArray())];
        }

        CollectionAssert.AreEqual(Run(), Run());
    }

    [TestMethod]
    public void Accountant_AfterOpacusRun_MatchesOpacusPublishedEpsilon()
    {
        // Opacus' accountant test: σ = 1.5, q = 0.04, 2250 steps, δ = 1e-5 → ε = 7.32911117143. Here the steps
        // are real DP-SGD steps on a tiny MLP (N = 25, B = 1, so q = 0.04).
        using var scope = NewDisposeScope();
        manual_seed(5);
        var model = Mlp(2, 4);
        var x = randn(25, 2);
        var y = randn(25, 1);
        var optimizer = optim.SGD(model.parameters(), 0.01);
        using var dp = new DpSgdEngine(model.parameters(), 25, new DpSgdOptions { BatchSize = 1, NoiseMultiplier = 1.5, Delta = 1e-5, NonPrivateReproducibleSeed = 6 });
        Assert.AreEqual(0.04, dp.SampleRate, 1e-15);
        for (int step = 0; step < 2250; step++)
        {
            using var stepScope = NewDisposeScope();
            dp.ComputeGradients(dp.SampleBatch(), idx => PerExampleMse(model, x[idx], y[idx]));
            optimizer.step();
        }

        Assert.AreEqual(2250, dp.StepsTaken);
        Assert.AreEqual(7.32911117143, Math.Floor(dp.Epsilon() * 1e11) / 1e11, 1e-13);
    }

    [TestMethod]
    public void TargetEpsilon_SearchesNoiseMultiplier_NearOpacusValue()
    {
        // Opacus' get_noise_multiplier test: ε = 8, δ = 1e-5, q = 0.04, 90 epochs (2250 steps) → σ ≈ 1.425307617
        // (their search stops within 0.01 of the target ε).
        double sigma = NoiseMultiplierSearch.ForTargetEpsilon(8, 1e-5, 0.04, 2250);
        Assert.AreEqual(1.425307617, sigma, 0.01);
        Assert.IsTrue(Microsoft.ML.Synthetic.Privacy.Accounting.RdpAccountant.Epsilon(sigma, 0.04, 2250, 1e-5) <= 8);
        Assert.IsTrue(Microsoft.ML.Synthetic.Privacy.Accounting.RdpAccountant.Epsilon(sigma - 2e-4, 0.04, 2250, 1e-5) > 8);
        Assert.AreEqual("targetEpsilon", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => NoiseMultiplierSearch.ForTargetEpsilon(0, 1e-5, 0.04, 10)).ParamName);
    }

    [TestMethod]
    public void Training_StopsWhenBudgetSpent_LossFalls_AndLedgerRecords()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var model = Mlp();
        var x = randn(512, 4);
        var y = x.matmul(tensor(new float[] { 1.5f, -2f, 0.5f, 1f }).reshape(4, 1)).tanh();
        var optimizer = optim.Adam(model.parameters(), 0.02);
        using var dp = new DpSgdEngine(model, 512, new DpSgdOptions { BatchSize = 64, TargetEpsilon = 3, PlannedSteps = 60, MaxGradNorm = 1, NonPrivateReproducibleSeed = 8 }, "DP-SGD(test MLP)");
        float before;
        using (no_grad())
        {
            before = PerExampleMse(model, x, y).mean().item<float>();
        }

        while (!dp.WouldExceedTarget())
        {
            using var stepScope = NewDisposeScope();
            dp.ComputeGradients(dp.SampleBatch(), idx => PerExampleMse(model, x[idx], y[idx]));
            optimizer.step();
            Assert.IsTrue(dp.LastStepUsedLinearPath || dp.StepsTaken == 0);
        }

        using (no_grad())
        {
            float after = PerExampleMse(model, x, y).mean().item<float>();
            Assert.IsTrue(after < 0.7 * before, $"loss {before} → {after}");
        }

        Assert.IsTrue(dp.StepsTaken >= 60, $"{dp.StepsTaken} steps");
        Assert.IsTrue(dp.Epsilon() <= 3);
        var entry = dp.PrivacyLedgerEntries.Single();
        Assert.AreEqual("DP-SGD(test MLP)", entry.Step);
        Assert.AreEqual(dp.Epsilon(), entry.Epsilon);
        Assert.AreEqual(1e-5, entry.Delta);
        StringAssert.Contains(entry.Mechanism, "Poisson sampling");
    }

    [TestMethod]
    public void Ledger_OfChainWithTwoNoiseStepsAndDpTrainedModel_ReportsEachPartAndTotal()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 200).Select(i => new Row { A = i % 90, B = (i * 7) % 50 }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Synthetic().Privacy.AddLaplaceNoise(new LaplaceNoiseOptions { ColumnName = "A", Epsilon = 0.5, Lower = 0, Upper = 90, NonPrivateReproducibleSeed = 1 })
            .Append(ml.Synthetic().Privacy.AddGaussianNoise(new GaussianNoiseOptions { ColumnName = "B", Epsilon = 1, Delta = 1e-6, Lower = 0, Upper = 50, NonPrivateReproducibleSeed = 2 }))
            .Append(new DpRegressionEstimator())
            .Fit(data);

        var ledger = ml.Synthetic().Privacy.Ledger(model);
        Assert.HasCount(3, ledger.Entries);
        Assert.AreEqual("DP-SGD(regression)", ledger.Entries[2].Step);
        double dpEpsilon = ledger.Entries[2].Epsilon;
        Assert.IsTrue(dpEpsilon > 0 && dpEpsilon <= 2, $"{dpEpsilon}");
        Assert.AreEqual(0.5 + 1 + dpEpsilon, ledger.TotalEpsilon, 1e-12);
        Assert.AreEqual(1e-6 + 1e-5, ledger.TotalDelta, 1e-18);
        StringAssert.Contains(ledger.ToString(), "3. DP-SGD(regression)");
    }

    [TestMethod]
    public void Ledger_UnderRdp_ComposesTheWholeChainOrderByOrder_AndZcdpRefusesDpSgd()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 200).Select(i => new Row { A = i % 90, B = (i * 7) % 50 }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Synthetic().Privacy.AddLaplaceNoise(new LaplaceNoiseOptions { ColumnName = "A", Epsilon = 0.5, Lower = 0, Upper = 90, NonPrivateReproducibleSeed = 1 })
            .Append(ml.Synthetic().Privacy.AddGaussianNoise(new GaussianNoiseOptions { ColumnName = "B", Epsilon = 1, Delta = 1e-6, Lower = 0, Upper = 50, NonPrivateReproducibleSeed = 2 }))
            .Append(new DpRegressionEstimator())
            .Fit(data);
        var basic = ml.Synthetic().Privacy.Ledger(model);
        var sgd = basic.Entries[2];
        double rho = basic.Entries[1].Rho!.Value;

        // The DP-SGD entry alone under RDP is exactly its own accountant's ε.
        var alone = new PrivacyLedger([sgd], CompositionRule.Renyi, 1e-5);
        Assert.AreEqual(sgd.Epsilon, alone.TotalEpsilon, 1e-12);

        // The chain: independent sums of the three RDP curves (pure ε: min(ε, αε²/2); ρ-zCDP: αρ; the subsampled
        // Gaussian from σ, q and the step count printed in the entry), then the conversion.
        var orders = Microsoft.ML.Synthetic.Privacy.Accounting.SampledGaussianRdp.OpacusDefaultOrders;
        var mechanism = System.Text.RegularExpressions.Regex.Match(sgd.Mechanism, @"σ = ([0-9.eE+-]+), q = ([0-9.eE+-]+), ([0-9]+) steps");
        double sigma = double.Parse(mechanism.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        double q = double.Parse(mechanism.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        long steps = long.Parse(mechanism.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.AreEqual(0.1, q, 1e-12);
        var sampled = Microsoft.ML.Synthetic.Privacy.Accounting.SampledGaussianRdp.Compute(q, sigma, steps, orders);
        var expected = orders.Select((a, i) => Math.Min(0.5, a * 0.125) + (a * rho) + sampled[i]).ToArray();
        var (expectedEpsilon, _) = Microsoft.ML.Synthetic.Privacy.Accounting.RdpConversion.ToEpsilon(orders, expected, 1e-5);
        var renyi = ml.Synthetic().Privacy.Ledger(model, CompositionRule.Renyi, 1e-5);
        // σ is printed to 6 digits, so the independent curve differs from the recorded one in the 6th digit.
        Assert.AreEqual(expectedEpsilon, renyi.TotalEpsilon, 1e-4 * expectedEpsilon);
        Assert.AreEqual(1e-5, renyi.TotalDelta);
        Assert.IsGreaterThan(sgd.Epsilon, renyi.TotalEpsilon, "the chain spends more than its DP-SGD part");
        StringAssert.Contains(renyi.ToString(), "RDP composition");

        var e = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Synthetic().Privacy.Ledger(model, CompositionRule.ZeroConcentrated, 1e-5));
        StringAssert.Contains(e.Message, "DP-SGD(regression)");
        StringAssert.Contains(e.Message, "Renyi");
        var approximate = new PrivacyLedgerEntry("advanced(x)", "(ε, δ) only", 1, 1e-6);
        e = Assert.ThrowsExactly<InvalidOperationException>(() => new PrivacyLedger([sgd, approximate], CompositionRule.Renyi, 1e-5));
        StringAssert.Contains(e.Message, "advanced(x)");
    }

    private sealed class Row
    {
        public float A { get; set; }
        public float B { get; set; }
    }

    /// <summary>A DP-SGD-trained stage standing in for a DP synthesizer: it records its spend in the ledger.</summary>
    private sealed class DpRegressionEstimator : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input)
        {
            var ml = new MLContext();
            var rows = ml.Data.CreateEnumerable<Row>(input, reuseRowObject: false).ToList();
            using var scope = NewDisposeScope();
            manual_seed(3);
            var model = nn.Linear(1, 1);
            var x = tensor(rows.Select(r => r.A / 90f).ToArray()).reshape(-1, 1);
            var y = tensor(rows.Select(r => r.B / 50f).ToArray()).reshape(-1, 1);
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var dp = new DpSgdEngine(model.parameters(), rows.Count, new DpSgdOptions { BatchSize = 20, TargetEpsilon = 2, PlannedSteps = 30, NonPrivateReproducibleSeed = 4 }, "DP-SGD(regression)");
            while (!dp.WouldExceedTarget())
            {
                dp.ComputeGradients(dp.SampleBatch(), idx => (model.forward(x[idx]) - y[idx]).pow(2).sum(1));
                optimizer.step();
            }

            return new LedgerStage(ml.Transforms.CopyColumns("A2", "A").Fit(input), dp);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
    }

    private sealed class LedgerStage(ITransformer inner, IPrivacyLedgerSource source) : ITransformer, IPrivacyLedgerSource
    {
        public IReadOnlyList<PrivacyLedgerEntry> PrivacyLedgerEntries { get; } = source.PrivacyLedgerEntries;

        public bool IsRowToRowMapper => inner.IsRowToRowMapper;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inner.GetOutputSchema(inputSchema);

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => inner.GetRowToRowMapper(inputSchema);

        public IDataView Transform(IDataView input) => inner.Transform(input);

        public void Save(ModelSaveContext ctx) => inner.Save(ctx);
    }
}
