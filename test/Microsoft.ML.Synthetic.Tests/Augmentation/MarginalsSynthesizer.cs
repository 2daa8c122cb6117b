using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers;

namespace Microsoft.ML.Synthetic.Tests.Augmentation;

/// <summary>
/// A test-only synthesizer on the library's synthesizer base classes: every column is drawn independently from the
/// training rows that satisfy the conditions (class-conditional independent marginals). Small, but a real
/// conditional sampler, so the generator path of the train-only stages can be tested without a concrete synthesizer.
/// </summary>
internal sealed class MarginalsSynthesizerEstimator(SyntheticCatalog catalog, bool ignoreConditions = false, TabularDataOptions? options = null)
    : SynthesizerEstimatorBase<MarginalsSynthesizerModel>(catalog, options, seed: null)
{
    /// <summary>How many rows each fit saw.</summary>
    public List<int> FittedRowCounts { get; } = [];

    private protected override MarginalsSynthesizerModel FitTable(TabularData table)
    {
        lock (FittedRowCounts)
        {
            FittedRowCounts.Add(table.RowCount);
        }

        return new MarginalsSynthesizerModel(table, ignoreConditions);
    }
}

internal sealed class MarginalsSynthesizerModel(TabularData table, bool ignoreConditions) : SynthesizerModelBase(table.Schema)
{
    private protected override string FormatName => "test.marginals";

    private protected override TabularData GenerateBlock(int rowCount, ResolvedConditions? conditions, Random random)
    {
        var matching = Enumerable.Range(0, table.RowCount).Where(r => ignoreConditions || conditions is null || conditions.Items.All(c =>
            table.Columns[c.ColumnIndex] switch
            {
                CategoricalColumn cat => c.IsSatisfiedBy(cat.Codes[r]),
                ContinuousColumn num => c.IsSatisfiedBy(num.Values[r]),
                _ => false,
            })).ToArray();
        if (matching.Length == 0)
        {
            throw new ArgumentException("No training row satisfies the conditions.");
        }

        var columns = table.Columns.Select<TableColumn, TableColumn>(column =>
        {
            var picks = Enumerable.Range(0, rowCount).Select(_ => matching[random.Next(matching.Length)]).ToArray();
            return column.SelectRows(picks);
        }).ToArray();
        return new TabularData(table.Schema, columns);
    }

    private protected override void SaveContents(BinaryWriter writer) =>
        throw new NotSupportedException("The test synthesizer is not saved.");
}
