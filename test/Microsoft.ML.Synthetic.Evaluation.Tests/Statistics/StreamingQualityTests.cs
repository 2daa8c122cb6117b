using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Statistics;

/// <summary>EvaluateQualityStreaming over Parquet and CSV files gives the in-memory report's fidelity.</summary>
[TestClass]
public sealed class StreamingQualityTests
{
    [TestMethod]
    [DataRow("parquet")]
    [DataRow("csv")]
    public void StreamingFromAFile_EqualsTheInMemoryReport(string format)
    {
        var ml = new MLContext(1);
        var real = AdultFixture.Train.SelectRows(Enumerable.Range(0, 4000).ToArray());
        var synthetic = AdultFixture.ShuffleColumns(AdultFixture.Test, 5).SelectRows(Enumerable.Range(0, 3000).ToArray());
        string dir = Path.Combine(Path.GetTempPath(), "quality-stream-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            IDataView Write(TabularData table, string name)
            {
                string path = Path.Combine(dir, $"{name}.{format}");
                if (format == "parquet")
                {
                    ml.Synthetic().Data.WriteParquet(table.ToDataView(), path, new ParquetWriteOptions { RowGroupSize = 1000 });
                    return ml.Synthetic().Data.ReadParquet(path);
                }

                ml.Synthetic().Data.WriteCsv(table.ToDataView(), path);
                return ml.Synthetic().Data.ReadCsv(path);
            }

            var realView = Write(real, "real");
            var syntheticView = Write(synthetic, "synthetic");
            var fidelity = new FidelityOptions { KernelMetrics = false };
            var options = EvaluationOptions.QualityOnly(1);
            options.Fidelity = fidelity;
            var expected = ml.Synthetic().Evaluate(realView, syntheticView, options: options).Fidelity;
            var reported = new List<long>();
            var actual = ml.Synthetic().Evaluation.EvaluateQualityStreaming(realView, syntheticView, fidelity,
                new QualityStatisticsOptions { BlockRows = 777, Progress = new Recorder(reported) });
            Assert.AreEqual(real.RowCount, reported.Max(), "progress counts the rows read");
            Assert.AreEqual(2 * (6 + 4), reported.Count, "progress after every block (777 rows) of both passes of both tables: 6 + 4 blocks per pass");
            Console.WriteLine($"{format}: overall in memory {expected.Overall:R}, streamed {actual.Overall:R}");
            QualityStatisticsTests.AssertSame(expected, actual, 1e-12);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class Recorder(List<long> values) : IProgress<long>
    {
        public void Report(long value)
        {
            lock (values) values.Add(value);
        }
    }
}
