using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Evaluation.Tests;

/// <summary>Adult split 80/20 with a fixed seed, read once and shared by the tests (tables are never modified).</summary>
internal static class AdultFixture
{
    private static readonly Lazy<(TabularData Train, TabularData Test)> Split = new(() =>
    {
        var ml = new MLContext(seed: 42);
        var split = ml.Data.TrainTestSplit(TestData.LoadAdult(ml), testFraction: 0.2, seed: 42);
        return (TabularData.FromDataView(split.TrainSet), TabularData.FromDataView(split.TestSet));
    });

    /// <summary>About 80 % of Adult.</summary>
    public static TabularData Train => Split.Value.Train;

    /// <summary>The other 20 %: real rows a synthesizer trained on <see cref="Train"/> never saw.</summary>
    public static TabularData Test => Split.Value.Test;

    /// <summary>Rows drawn independently per column: every marginal kept, every dependence between columns broken.</summary>
    public static TabularData ShuffleColumns(TabularData table, int seed)
    {
        var random = new Random(seed);
        var columns = table.Columns.Select(c =>
        {
            var rows = Enumerable.Range(0, table.RowCount).ToArray();
            random.Shuffle(rows);
            return c.SelectRows(rows);
        }).ToArray();
        return new TabularData(table.Schema, columns);
    }

    /// <summary>The table with one column replaced.</summary>
    public static TabularData Replace(TabularData table, TableColumn column) =>
        new(table.Schema, table.Columns.Select(c => c.Name == column.Name ? column : c).ToArray());
}
