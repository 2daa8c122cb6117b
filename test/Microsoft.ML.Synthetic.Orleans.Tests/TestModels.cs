using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Orleans.Tests;

/// <summary>A Gaussian copula fitted once on Adult, and the Parquet round trip both sides of a comparison go through.</summary>
internal static class TestModels
{
    private static readonly Lazy<ISynthesizerModel> AdultCopula = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var adult = ml.Synthetic().Data.ReadCsv(Path.Combine(AppContext.BaseDirectory, "data", "adult.csv"));
        return ml.Synthetic().Synthesizers.GaussianCopula().Fit(adult);
    });

    public static ISynthesizerModel Copula => AdultCopula.Value;

    /// <summary>The model saved to a file in <paramref name="directory"/>.</summary>
    public static string SaveCopula(string directory)
    {
        string path = Path.Combine(directory, "copula.model");
        using var stream = File.Create(path);
        Copula.Save(stream);
        return path;
    }

    /// <summary>A fresh, empty directory under the temporary folder.</summary>
    public static string TemporaryDirectory(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), $"synthml-orleans-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The CSV rows (no header) the library writes for the Parquet file at <paramref name="path"/>.</summary>
    public static string CsvRowsOf(string path)
    {
        var synthetic = new MLContext().Synthetic();
        string csv = Path.ChangeExtension(path, $".{Guid.NewGuid():N}.csv");
        try
        {
            synthetic.Data.WriteCsv(synthetic.Data.ReadParquet(path), csv);
            string text = File.ReadAllText(csv);
            return text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        }
        finally
        {
            File.Delete(csv);
        }
    }

    /// <summary>The rows of the single-process <c>Sample(rowCount, seed)</c>, written to Parquet by the same writer and read back as CSV rows.</summary>
    public static string SingleProcessRows(long rowCount, int seed, string directory)
    {
        string path = Path.Combine(directory, "single.parquet");
        new MLContext().Synthetic().Data.WriteParquet(Copula.Sample(rowCount, seed), path);
        try
        {
            return CsvRowsOf(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The shard files' CSV rows concatenated in shard order.</summary>
    public static string ClusterRows(IEnumerable<string> files) => string.Concat(files.Select(CsvRowsOf));
}
