using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Tvae;

/// <summary>
/// TVAE's plain step (Xu et al. 2019): the rows shuffled once per epoch and taken in consecutive batches, Adam on the
/// batch's mean loss, the learned σ kept in [0.01, 1].
/// </summary>
internal sealed class TvaeAdamStep : ShuffledBatchStep
{
    private readonly TvaeTraining _training;

    public TvaeAdamStep(TvaeTraining training, Random random)
        : base(training.RowCount, training.Options.BatchSize, random) => _training = training;

    /// <summary>The step over streamed rows: consecutive batches of each shuffle buffer's shuffled rows.</summary>
    public TvaeAdamStep(TvaeTraining training, Random random, StreamedRows rows)
        : base(rows, training.Options.BatchSize, random) => _training = training;

    protected override void OnBuffer(EncodedRows rows)
    {
        _training.Data = rows.Data;
        _training.RowCount = rows.RowCount;
    }

    protected override void RunBatch(ReadOnlySpan<int> rows)
    {
        var x = TorchHelpers.Gather(_training.Data, _training.Encoder.Width, rows).On(_training.Device);
        var (reconstruction, kl) = _training.PerRow(x);
        var reconstructionMean = reconstruction.mean();
        var klMean = kl.mean();
        _training.Optimizer.zero_grad();
        reconstructionMean.Plus(klMean).backward();
        _training.Optimizer.step();
        using (no_grad())
        {
            _training.Network.Sigma.clamp_(TorchHelpers.Constant(0.01), TorchHelpers.Constant(1.0));
        }

        Add("reconstruction", reconstructionMean.item<float>());
        Add("kl", klMean.item<float>());
    }
}
