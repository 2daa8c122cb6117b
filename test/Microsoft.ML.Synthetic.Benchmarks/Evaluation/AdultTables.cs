using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Benchmarks.Evaluation;

/// <summary>
/// Adult for the evaluation benchmarks: a seeded 80/20 split (26,048 real rows, 6,513 holdout rows) and a
/// 32,561-row stand-in for synthetic data (all of Adult with every column shuffled independently: same marginals,
/// no dependence), all held in memory so the timings leave text parsing out.
/// </summary>
internal sealed class AdultTables
{
    private static readonly string[] Continuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];

    private AdultTables(TabularData real, TabularData holdout, TabularData synthetic)
    {
        Real = real;
        Holdout = holdout;
        Synthetic = synthetic;
    }

    public TabularData Real { get; }

    public TabularData Holdout { get; }

    public TabularData Synthetic { get; }

    public static AdultTables Load(bool quick)
    {
        var ml = new MLContext(seed: 42);
        string[] order = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];
        var columns = order.Select((name, i) => new TextLoader.Column(name, Continuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
        var all = TabularData.FromDataView(ml.Data.LoadFromTextFile(BenchmarkContext.AdultPath, columns, separatorChar: ',', hasHeader: true));
        if (quick) all = all.SelectRows(Enumerable.Range(0, 3000).ToArray());
        var random = new Random(42);
        var rows = Enumerable.Range(0, all.RowCount).ToArray();
        random.Shuffle(rows);
        int realCount = (int)(all.RowCount * 0.8);   // 26,048 of 32,561
        var real = all.SelectRows(rows[..realCount]);
        var holdout = all.SelectRows(rows[realCount..]);
        var shuffled = all.Columns.Select(c =>
        {
            var order = Enumerable.Range(0, all.RowCount).ToArray();
            random.Shuffle(order);
            return c.SelectRows(order);
        }).ToArray();
        return new AdultTables(real, holdout, new TabularData(all.Schema, shuffled));
    }
}
