using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Benchmarks.Deep;

/// <summary>Adult as the deep-synthesizer figures use it: the file's 15 columns, split 80/20 with seed 42.</summary>
internal static class AdultSplit
{
    public static readonly string[] Continuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];

    public static readonly string[] Order = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];

    public static DataOperationsCatalog.TrainTestData Load(MLContext ml)
    {
        var columns = Order.Select((name, i) => new TextLoader.Column(name, Continuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
        var data = ml.Data.LoadFromTextFile(BenchmarkContext.AdultPath, columns, separatorChar: ',', hasHeader: true);
        return ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 42);
    }

    /// <summary>The training rows as a table (optionally only the first <paramref name="rows"/>).</summary>
    public static TabularData TrainTable(MLContext ml, int? rows = null)
    {
        var table = TabularData.FromDataView(Load(ml).TrainSet);
        return rows is int n && n < table.RowCount ? table.SelectRows(Enumerable.Range(0, n).ToArray()) : table;
    }
}
