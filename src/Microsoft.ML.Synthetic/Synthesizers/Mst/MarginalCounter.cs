using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Metadata.Generators;
using Microsoft.ML.Synthetic.Privacy.DpTvae;

namespace Microsoft.ML.Synthetic.Synthesizers.Mst;

/// <summary>
/// Counts the marginals a marginal synthesizer needs over blocks of rows, block by block, so a table never has to be
/// held whole: each block is restated against the declared public domain (<see cref="DeclaredMetadata.Restate"/>),
/// encoded into cells (<see cref="ColumnCells.Encode"/>) and added to exact integer counts. The in-memory fit, the
/// partition statistics and the streamed fit all count through here, so they give the same
/// <see cref="MarginalStatistics"/> for the same rows.
/// </summary>
internal static class MarginalCounter
{
    /// <summary>The rows read at a time from a streamed source.</summary>
    public const int BlockRows = 65_536;

    /// <summary>
    /// The statistics of the rows of <paramref name="blocks"/> (at least one block, possibly empty).
    /// <paramref name="query"/> gives the marginals to count from the restated schema and the columns' cells.
    /// </summary>
    /// <exception cref="ArgumentException">A column has no declared domain, a column is declared an identifier or personal information, or blocks disagree (the message names the column).</exception>
    public static MarginalStatistics Count(
        IEnumerable<TabularData> blocks,
        MarginalSynthesizerOptions options,
        TableMetadata? metadata,
        string model,
        string optionsName,
        Func<TabularSchema, ColumnCells[], int[][]> query,
        CancellationToken cancellation)
    {
        MarginalStatistics? first = null;
        long[][] counts = [];
        long rows = 0;
        foreach (var block in blocks)
        {
            cancellation.ThrowIfCancellationRequested();
            if (first is null)
            {
                // Declared identifier and PII columns are refused as the in-memory fit refuses them.
                GeneratedColumnsStep.Fit(block, metadata, () => 0, differentiallyPrivate: true);
            }

            var restated = DeclaredMetadata.Restate(block, options.PublicBounds, options.PublicCategories, model, optionsName);
            var cells = restated.Schema.Columns.Select(c => ColumnCells.For(c, options.Bins, options.PublicBinEdges)).ToArray();
            if (first is null)
            {
                var cliques = query(restated.Schema, cells);
                counts = [.. cliques.Select(c => new long[c.Aggregate(1, (s, v) => checked(s * cells[v].Count))])];
                first = new MarginalStatistics(restated.Schema, cells, cliques, counts, 0);
            }
            else
            {
                first.ThrowIfDifferent(new MarginalStatistics(restated.Schema, cells, first.Cliques, [], 0), $"the rows from row {rows}", "data", "the first rows");
            }

            var codes = restated.Columns.Select((c, i) => cells[i].Encode(c)).ToArray();
            for (int m = 0; m < counts.Length; m++)
            {
                Add(codes, cells, first.Cliques[m], counts[m], restated.RowCount);
            }

            rows += restated.RowCount;
        }

        return first is null
            ? throw new ArgumentException("The data gave no block of rows to count.", nameof(blocks))
            : new MarginalStatistics(first.Schema, first.Cells, first.Cliques, counts, rows);
    }

    /// <summary>The statistics of <paramref name="partition"/>, read in blocks of <see cref="BlockRows"/> and counted by <paramref name="count"/> (an estimator's <c>ComputeStatistics</c>).</summary>
    public static MarginalStatistics ComputeStatistics(IDataView partition, TabularDataOptions dataOptions, string model, Func<IEnumerable<TabularData>, TableMetadata?, MarginalStatistics> count)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ThrowIfConstraints(dataOptions, model);
        return count(TabularDataReader.ReadBlocks(partition, dataOptions, BlockRows), dataOptions.Metadata);
    }

    /// <summary>The checks of an estimator's <c>Fit(MarginalStatistics)</c>: no constraints, and statistics counted for these options (<see cref="ThrowIfNotFor"/>).</summary>
    public static void ThrowIfCannotFit(MarginalStatistics statistics, TabularDataOptions dataOptions, MarginalSynthesizerOptions options, string model, string optionsName, Func<TabularSchema, ColumnCells[], int[][]> query)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ThrowIfConstraints(dataOptions, model);
        ThrowIfNotFor(statistics, options, model, optionsName, query);
    }

    /// <summary>
    /// Fails unless <paramref name="statistics"/> were counted on the public domain and marginals that
    /// <paramref name="options"/> declare and <paramref name="query"/> asks for (by counting an empty table of the
    /// statistics' columns with these options and comparing), or when they hold no rows.
    /// </summary>
    public static void ThrowIfNotFor(MarginalStatistics statistics, MarginalSynthesizerOptions options, string model, string optionsName, Func<TabularSchema, ColumnCells[], int[][]> query)
    {
        var schema = statistics.Schema;
        var empty = new TabularData(schema, [.. schema.Columns.Select(c => c.Kind == ColumnKind.Continuous
            ? (TableColumn)new ContinuousColumn(c.Name, [], c.IsInteger)
            : new CategoricalColumn(c.Name, [], c.Categories))]);
        var expected = Count([empty], options, null, model, optionsName, query, CancellationToken.None);
        expected.ThrowIfDifferent(statistics, "the statistics", nameof(statistics), $"the domain and marginals this estimator's {optionsName} declare");
        if (statistics.RowCount == 0)
        {
            throw new ArgumentException("The statistics count no rows; a synthesizer needs at least one row to learn from.", nameof(statistics));
        }
    }

    /// <summary>Fails when <paramref name="dataOptions"/> declares constraints: fitting them needs the whole table.</summary>
    public static void ThrowIfConstraints(TabularDataOptions dataOptions, string model) =>
        WholeTableChecks.ThrowIfConstraints(dataOptions, $"{model} from marginal statistics");

    /// <summary>Every single column and every pair of columns, singles first, pairs lexicographically.</summary>
    public static int[][] SinglesAndPairs(int p) =>
        [.. Enumerable.Range(0, p).Select(v => new[] { v }), .. Enumerable.Range(0, p).SelectMany(a => Enumerable.Range(a + 1, p - a - 1).Select(b => new[] { a, b }))];

    private static void Add(int[][] codes, ColumnCells[] cells, int[] clique, long[] counts, int rows)
    {
        if (clique.Length == 1)
        {
            foreach (var x in codes[clique[0]])
            {
                counts[x]++;
            }

            return;
        }

        for (int r = 0; r < rows; r++)
        {
            int index = 0;
            foreach (var v in clique)
            {
                index = (index * cells[v].Count) + codes[v][r];
            }

            counts[index]++;
        }
    }
}
