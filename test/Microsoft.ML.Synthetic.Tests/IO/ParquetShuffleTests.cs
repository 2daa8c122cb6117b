using Microsoft.ML;
using Microsoft.ML.Data;
using static Microsoft.ML.Synthetic.Tests.IO.ParquetRoundTripTests;

namespace Microsoft.ML.Synthetic.Tests.IO;

/// <summary>A Parquet view can shuffle (<see cref="IDataView.CanShuffle"/>): asked with a random, a cursor visits the row groups in an order drawn from it.</summary>
[TestClass]
public sealed class ParquetShuffleTests
{
    [TestMethod]
    public void ReadParquet_CursorWithARandom_VisitsEveryRowGroupOnceInASeededOrder()
    {
        var ml = new MLContext(seed: 1);
        var path = TempParquet();
        try
        {
            ml.Synthetic().Data.WriteParquet(ml.Data.LoadFromEnumerable(Enumerable.Range(0, 1000).Select(i => new IdRow { Id = i })), path, new ParquetWriteOptions { RowGroupSize = 100 });
            var view = ml.Synthetic().Data.ReadParquet(path);
            Assert.IsTrue(view.CanShuffle);

            var inOrder = Ids(view, null);
            CollectionAssert.AreEqual(Enumerable.Range(0, 1000).ToArray(), inOrder);

            var shuffled = Ids(view, new Random(3));
            CollectionAssert.AreEqual(Enumerable.Range(0, 1000).ToArray(), shuffled.Order().ToArray(), "every row once");
            CollectionAssert.AreNotEqual(inOrder, shuffled);
            var groups = shuffled.Chunk(100).Select(g => g[0] / 100).ToArray();
            foreach (var g in shuffled.Chunk(100))
            {
                CollectionAssert.AreEqual(Enumerable.Range(g[0], 100).ToArray(), g, "a row group keeps its rows in order");
            }

            CollectionAssert.AreEqual(groups, Ids(view, new Random(3)).Chunk(100).Select(g => g[0] / 100).ToArray(), "same seed, same order");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int[] Ids(IDataView view, Random? random)
    {
        var column = view.Schema["Id"];
        using var cursor = view.GetRowCursor([column], random);
        var getter = cursor.GetGetter<int>(column);
        var ids = new List<int>();
        int id = 0;
        while (cursor.MoveNext())
        {
            getter(ref id);
            ids.Add(id);
        }

        return [.. ids];
    }

    private sealed class IdRow
    {
        public int Id { get; set; }
    }
}
