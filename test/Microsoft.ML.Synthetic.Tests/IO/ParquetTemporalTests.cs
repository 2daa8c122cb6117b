using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Tests.Data;

namespace Microsoft.ML.Synthetic.Tests.IO;

/// <summary>Sampled dates through Parquet timestamps: the same dates and instants back; a TimeSpan column is refused by name.</summary>
[TestClass]
public sealed class ParquetTemporalTests
{
    [TestMethod]
    public void SampledDates_WriteParquetThenRead_GiveTheSameDatesAndInstants()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.GaussianCopula().Fit(DateTimeTable.Load(ml));
        var sample = model.Sample(200, seed: 4);
        var path = Path.Combine(Path.GetTempPath(), $"synthetic-dates-{Guid.NewGuid():N}.parquet");
        try
        {
            var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Data.WriteParquet(sample, path));
            StringAssert.Contains(e.Message, "'Wait'");

            var withoutDurations = ml.Transforms.DropColumns("Wait").Fit(sample).Transform(sample);
            ml.Synthetic().Data.WriteParquet(withoutDurations, path);
            var back = ml.Synthetic().Data.ReadParquet(path);

            Assert.AreEqual(DateTimeDataViewType.Instance, back.Schema["Day"].Type);
            CollectionAssert.AreEqual(DateTimeTable.Values<DateTime>(sample, "Day"), DateTimeTable.Values<DateTime>(back, "Day"));
            CollectionAssert.AreEqual(
                DateTimeTable.Values<DateTimeOffset>(sample, "Stamp").Select(s => s.UtcTicks).ToList(),
                DateTimeTable.Values<DateTimeOffset>(back, "Stamp").Select(s => s.UtcTicks).ToList(), "Parquet keeps the instant (its offset is UTC)");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
