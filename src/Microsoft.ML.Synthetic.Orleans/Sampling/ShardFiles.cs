using System.Globalization;

namespace Microsoft.ML.Synthetic.Orleans.Sampling;

/// <summary>Names and writes shard files: part-00000.parquet …, written to a temporary name and renamed into place.</summary>
internal static class ShardFiles
{
    /// <summary>The suffix of a shard being written; such a file is never a finished shard.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>The file name of shard <paramref name="index"/>.</summary>
    public static string NameOf(int index) => string.Create(CultureInfo.InvariantCulture, $"part-{index:D5}.parquet");

    /// <summary>The finished shard files in <paramref name="directory"/>.</summary>
    public static string[] Finished(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "part-*.parquet") : [];

    /// <summary>Shard files left half-written in <paramref name="directory"/> (by a silo that died while writing).</summary>
    public static string[] Temporary(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "part-*.parquet.*" + TemporarySuffix) : [];

    /// <summary>
    /// Samples shard <see cref="ShardRequest.ShardIndex"/> and writes it to its file: first to a temporary name unique to
    /// this attempt, then renamed (atomic on one file system), so a half-written shard never looks finished and two
    /// attempts at the same shard (which write the same bytes) cannot mix.
    /// </summary>
    public static ShardResult Write(ShardRequest request, string silo, CancellationToken cancellationToken)
    {
        var synthetic = new MLContext().Synthetic();
        var model = request.ModelBytes is { } bytes
            ? synthetic.Synthesizers.Load(new MemoryStream(bytes, writable: false))
            : synthetic.Synthesizers.Load(request.ModelPath ?? throw new ArgumentException("A shard request needs a model path or the model's bytes.", nameof(request)));
        var shard = model.SampleShard(request.RowCount, request.ShardIndex, request.ShardCount, ConditionPart.ToConditions(request.Conditions), request.Seed);
        long rows = shard.GetRowCount() ?? throw new InvalidOperationException("A sampled shard knows its row count.");

        Directory.CreateDirectory(request.OutputDirectory);
        string path = Path.Combine(request.OutputDirectory, NameOf(request.ShardIndex));
        string temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            synthetic.Data.WriteParquet(shard, temporary, cancellationToken: cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new ShardResult(request.ShardIndex, rows, path, silo);
    }
}
