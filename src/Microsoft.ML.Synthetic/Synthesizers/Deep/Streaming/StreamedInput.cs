using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;

/// <summary>
/// What a streamed deep fit trains on (<see cref="DeepSynthesizerOptions.Streaming"/>), prepared alike for TVAE and
/// CTGAN: the first pass (<see cref="StreamSummary"/>), the encoding fitted from it (<see cref="StreamedEncoder"/>) and
/// the buffered rows (<see cref="StreamedRows"/>). When the whole table fits in one buffer its rows are read and
/// encoded here, with the same seeded draws in the same order as <see cref="TrainingInput.Prepare"/>, and training
/// runs exactly as in memory.
/// </summary>
/// <param name="Input">The encoder, seed, generator and device (rows and encoded data: the whole table when <see cref="Stream"/> is resident, else none).</param>
/// <param name="Summary">The first pass's exact counts and sample.</param>
/// <param name="Stream">The buffered rows.</param>
internal sealed record StreamedInput(TrainingInput Input, StreamSummary Summary, StreamedRows Stream)
{
    public static StreamedInput Prepare(IDataView source, TabularDataOptions dataOptions, DeepSynthesizerOptions options, int seed, TrainingMonitor monitor)
    {
        options.CheckStreaming();
        var streaming = options.Streaming!;
        var reader = new BlockReader(source, dataOptions, streaming.BlockRows);
        var summary = StreamSummary.Collect(reader, streaming.BlockRows, streaming.TransformSampleRows, seed, options.CancellationToken);
        var encoder = StreamedEncoder.Fit(summary, options.Encoding, monitor.Warn, options.Threads);
        var random = new Random(seed);
        var stream = new StreamedRows(reader, summary, encoder, streaming.BufferBlocks, random, options.CancellationToken);
        monitor.Info($"Streamed training: {summary.RowCount:N0} rows in {summary.BlockCount:N0} blocks of {streaming.BlockRows:N0}, "
            + (stream.Resident ? "all in one buffer (read and encoded once)" : $"{streaming.BufferBlocks} blocks per shuffle buffer")
            + $"; continuous modes fitted on {summary.Reservoir.RowCount:N0} sampled rows.");
        TabularData rows;
        float[] data;
        if (stream.Resident)
        {
            stream.BeginEpoch();
            var all = stream.Load(0);
            (rows, data) = (all.Rows, all.Data);
        }
        else
        {
            (rows, data) = (summary.Reservoir.SelectRows([]), []);
        }

        TorchHelpers.ApplyThreads(options.Threads);
        var input = new TrainingInput(encoder, rows, data, random, seed, TorchDevices.Resolve(options.Device, monitor.Warn));
        return new StreamedInput(input, summary, stream);
    }
}
