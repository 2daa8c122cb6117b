using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Benchmarks.TorchSharp;

/// <summary>Raw TorchSharp training speed on this machine: the floor under every deep synthesizer.</summary>
public static class TorchSharpBenchmarks
{
    /// <summary>
    /// <c>torch.mlp.step</c>: seconds per Adam step (forward, backward, update) of a 64→256→256→1 MLP on a
    /// batch of 500 rows, median over runs of 20 steps.
    /// </summary>
    [Benchmark("torch")]
    public static void MlpStep(BenchmarkContext ctx)
    {
        const int batch = 500, inputs = 64, hidden = 256;
        int steps = ctx.Quick ? 5 : 20;
        torch.set_num_threads(ctx.Threads);
        manual_seed(1);
        using var model = nn.Sequential(
            ("l1", nn.Linear(inputs, hidden)), ("a1", nn.ReLU()),
            ("l2", nn.Linear(hidden, hidden)), ("a2", nn.ReLU()),
            ("l3", nn.Linear(hidden, 1)));
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        using Tensor x = randn(batch, inputs);
        using Tensor y = randn(batch, 1);
        float firstLoss = float.NaN, lastLoss = float.NaN;

        void Train()
        {
            for (int s = 0; s < steps; s++)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                Tensor loss = nn.functional.mse_loss(model.forward(x), y);
                loss.backward();
                optimizer.step();
                lastLoss = loss.item<float>();
                if (float.IsNaN(firstLoss)) firstLoss = lastLoss;
            }
        }

        Train();   // warm-up: first-call allocations and kernel selection
        double seconds = ctx.Median(ctx.Quick ? 1 : 5, Train);
        if (!(lastLoss < firstLoss)) throw new InvalidOperationException($"the MLP did not learn: loss {firstLoss} → {lastLoss}");
        ctx.Report("torch.mlp.step", seconds / steps, "s", new() { ["rows"] = batch, ["steps"] = steps, ["layers"] = "64-256-256-1" });
        ctx.ReportPeakMemory("torch.peak_memory");
    }
}
