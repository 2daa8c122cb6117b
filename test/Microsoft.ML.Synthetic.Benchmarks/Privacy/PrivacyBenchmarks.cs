using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Privacy.DpSgd;
using Microsoft.ML.Synthetic.Privacy.NoiseSteps;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Benchmarks.Privacy;

/// <summary>The cost of differential privacy: DP-SGD steps and noise steps.</summary>
public static class PrivacyBenchmarks
{
    /// <summary>
    /// <c>dpsgd.step.mlp.linear</c> / <c>dpsgd.step.mlp.loop</c>: seconds per DP-SGD step (per-example clipping,
    /// noise, Adam update) of the 64→256→256→1 MLP of <c>torch.mlp.step</c> on an expected batch of 500 rows,
    /// with the one-backward-pass Linear clipping and with one backward pass per example (the loop variant uses
    /// an expected batch of 50 under <c>--quick</c>: it costs about one backward pass per row).
    /// </summary>
    [Benchmark("dpsgd")]
    public static void DpSgdStep(BenchmarkContext ctx)
    {
        const int n = 5000, inputs = 64, hidden = 256;
        torch.set_num_threads(ctx.Threads);
        foreach (bool linearPath in new[] { true, false })
        {
            int batchSize = ctx.Quick && !linearPath ? 50 : 500;
            int steps = ctx.Quick ? 2 : (linearPath ? 20 : 3);
            manual_seed(1);
            using var model = nn.Sequential(
                ("l1", nn.Linear(inputs, hidden)), ("a1", nn.ReLU()),
                ("l2", nn.Linear(hidden, hidden)), ("a2", nn.ReLU()),
                ("l3", nn.Linear(hidden, 1)));
            using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
            using Tensor x = randn(n, inputs);
            using Tensor y = randn(n, 1);
            var options = new DpSgdOptions { BatchSize = batchSize, NoiseMultiplier = 1.0, MaxGradNorm = 1.0 };
            using var dp = linearPath ? new DpSgdEngine(model, n, options) : new DpSgdEngine(model.parameters(), n, options);

            void Train()
            {
                for (int s = 0; s < steps; s++)
                {
                    using var scope = NewDisposeScope();
                    dp.ComputeGradients(dp.SampleBatch(), idx => (model.forward(x[idx]) - y[idx]).pow(2).sum(1));
                    optimizer.step();
                }
            }

            Train();
            double seconds = ctx.Median(ctx.Quick ? 1 : 3, Train);
            if (dp.LastStepUsedLinearPath != linearPath)
            {
                throw new InvalidOperationException("The DP-SGD engine did not take the clipping path under test.");
            }

            ctx.Report(linearPath ? "dpsgd.step.mlp.linear" : "dpsgd.step.mlp.loop", seconds / steps, "s",
                new() { ["rows"] = batchSize, ["steps"] = steps, ["layers"] = "64-256-256-1" });
        }
    }

    /// <summary><c>privacy.laplace_noise.adult</c>: rows per second of AddLaplaceNoise on Adult's age column (secure noise source).</summary>
    [Benchmark("privacy")]
    public static void LaplaceNoise(BenchmarkContext ctx)
    {
        var ml = new MLContext(seed: 1);
        var columns = new[] { new TextLoader.Column("age", DataKind.Single, 0) };
        var adult = ml.Data.LoadFromTextFile(BenchmarkContext.AdultPath, columns, separatorChar: ',', hasHeader: true);
        var cached = ml.Data.Cache(adult);
        long rows = cached.GetColumn<float>("age").LongCount();
        var stage = ml.Synthetic().Privacy.AddLaplaceNoise("age", epsilon: 1, lower: 17, upper: 90);
        double seconds = ctx.Median(ctx.Quick ? 1 : 5, () =>
        {
            var noisy = stage.Fit(cached).Transform(cached);
            _ = noisy.GetColumn<float>("age").Sum();
        });
        ctx.Report("privacy.laplace_noise.adult", rows / seconds, "rows/s", new() { ["rows"] = rows, ["threads"] = 1 });   // one cursor
    }
}
