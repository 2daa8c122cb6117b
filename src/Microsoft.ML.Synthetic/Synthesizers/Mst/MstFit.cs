using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.Accounting;
using Microsoft.ML.Synthetic.Privacy.DpTvae;
using Microsoft.ML.Synthetic.Privacy.Marginals;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;

namespace Microsoft.ML.Synthetic.Synthesizers.Mst;

/// <summary>
/// MST (McKenna, Miklau &amp; Sheldon, "Winning the NIST Contest: A scalable and general approach to differentially
/// private synthetic data", JPC 2021, Algorithm 1, as in the reference mechanisms/mst.py): ρ is the largest zCDP
/// budget whose conversion gives (ε, δ) (Canonne, Kamath &amp; Steinke 2020, as cdp2adp), σ = √(3/(2ρ)); a third of
/// ρ measures every one-way marginal (each with noise σ√p, p columns), a third selects a spanning tree of two-way
/// marginals, a third measures the p − 1 chosen two-way marginals (each with noise σ√(p − 1)); Private-PGM then fits
/// the tree-structured model to all measurements. Noise is the discrete Gaussian on the integer counts (ρ = 1/(2s²)
/// for scale s and sensitivity 1, as the continuous one), drawn from <see cref="NoiseSource"/>.
/// </summary>
internal static class MstFit
{
    public sealed record Fitted(TabularSchema Schema, ColumnCells[] Cells, DomainCompression[] Maps, ForestModel Model, double[][] Marginals, PrivacyLedgerEntry[] Ledger);

    /// <summary>Fits on a table already read: counts its marginals (<see cref="Count"/>), then fits from the counts.</summary>
    public static Fitted Run(TabularData table, MstOptions options) =>
        Run(Count([table], options, metadata: null), options);

    /// <summary>
    /// The counts MST needs of <paramref name="blocks"/>: every one-way and two-way marginal on the columns' public
    /// cells. One pass suffices: the two-way counts on the compressed domains chosen later from the noisy one-way
    /// counts are sums of these (<see cref="Compress"/>).
    /// </summary>
    public static MarginalStatistics Count(IEnumerable<TabularData> blocks, MstOptions options, TableMetadata? metadata) =>
        MarginalCounter.Count(blocks, options, metadata, "MST", nameof(MstOptions), Query(options), options.CancellationToken);

    /// <summary>The marginals MST counts, for the restated schema and cells (checks the size cap first).</summary>
    public static Func<TabularSchema, ColumnCells[], int[][]> Query(MstOptions options) => (schema, cells) =>
    {
        if (schema.Columns.Count < 2)
        {
            throw new ArgumentException("MST needs at least two columns: it models the data by two-way marginals along a tree of columns.", nameof(schema));
        }

        CheckCap(schema, cells, options.MaxCliqueCells);
        return MarginalCounter.SinglesAndPairs(schema.Columns.Count);
    };

    /// <summary>Fits from exact marginal counts; all noise and selection happen here, once.</summary>
    public static Fitted Run(MarginalStatistics statistics, MstOptions options)
    {
        var schema = statistics.Schema;
        int p = schema.Columns.Count;
        var cells = statistics.Cells;
        Query(options)(schema, cells);
        var source = NoiseSource.For(options.NonPrivateReproducibleSeed);
        double rho = ZeroConcentratedDp.Rho(options.Epsilon, options.Delta);
        double sigma = Math.Sqrt(3 / (2 * rho));

        // One-way marginals, then compression of each column's domain (post-processing of them).
        double sigma1 = sigma * Math.Sqrt(p);
        var maps = new DomainCompression[p];
        var measurements = new List<MarginalMeasurement>();
        for (int c = 0; c < p; c++)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            var (map, measurement) = DomainCompression.Compress(c, MarginalNoise.Add(statistics.CountsOf([c]), sigma1, source), sigma1);
            maps[c] = map;
            measurements.Add(measurement);
        }

        var sizes = maps.Select(m => m.Size).ToArray();
        var pairs = new Dictionary<(int, int), double[]>();
        for (int a = 0; a < p; a++)
        {
            for (int b = a + 1; b < p; b++)
            {
                pairs[(a, b)] = Compress(statistics.CountsOf([a, b]), maps[a], maps[b]);
            }
        }

        var tree = TreeSelection.Select(pairs, sizes, measurements, rho / 3, options.SelectionIterations, source, options.CancellationToken);

        double sigma2 = sigma * Math.Sqrt(p - 1);
        foreach (var (a, b) in tree)
        {
            var (x, y) = a < b ? (a, b) : (b, a);
            measurements.Add(new MarginalMeasurement([x, y], MarginalNoise.Add(pairs[(x, y)], sigma2, source), sigma2));
        }

        var model = new ForestModel(sizes, tree);
        var fit = MirrorDescent.Estimate(model, measurements, options.Iterations, cancellation: options.CancellationToken);
        return new Fitted(schema, cells, maps, model, fit.Marginals, Ledger(rho, options, p, source));
    }

    /// <summary>The two-way counts on the compressed domains: each original cell's count added to its compressed cell's (exact sums of whole numbers).</summary>
    private static double[] Compress(double[] counts, DomainCompression a, DomainCompression b)
    {
        var result = new double[a.Size * b.Size];
        int width = b.ToCompressed.Length;
        for (int i = 0; i < counts.Length; i++)
        {
            result[(a.ToCompressed[i / width] * b.Size) + b.ToCompressed[i % width]] += counts[i];
        }

        return result;
    }

    private static PrivacyLedgerEntry[] Ledger(double rho, MstOptions options, int p, NoiseSource source)
    {
        double third = rho / 3, delta = options.Delta / 3;
        double gaussianEpsilon = ZeroConcentratedDp.Epsilon(third, delta);
        double round = TreeSelection.EpsilonPerRound(third, p);
        return
        [
            new("Mst one-way marginals", $"discrete Gaussian on {p} one-way marginals (ρ = {third:G6})", gaussianEpsilon, delta, third) { NotPrivateReason = source.NotPrivateReason },
            new("Mst tree selection", $"exponential mechanism, {p - 1} rounds at ε = {round:G6} each (ρ = {third:G6})", round * (p - 1), 0, third) { NotPrivateReason = source.NotPrivateReason },
            new("Mst two-way marginals", $"discrete Gaussian on {p - 1} two-way marginals (ρ = {third:G6})", gaussianEpsilon, delta, third) { NotPrivateReason = source.NotPrivateReason },
        ];
    }

    private static void CheckCap(TabularSchema schema, ColumnCells[] cells, int cap)
    {
        for (int a = 0; a < cells.Length; a++)
        {
            for (int b = a + 1; b < cells.Length; b++)
            {
                long size = (long)cells[a].Count * cells[b].Count;
                if (size > cap)
                {
                    throw new ArgumentException(
                        $"The two-way marginal of columns '{schema.Columns[a].Name}' ({cells[a].Count} cells) and '{schema.Columns[b].Name}' ({cells[b].Count} cells) would hold {size} cells, above {nameof(MstOptions)}.{nameof(MstOptions.MaxCliqueCells)} = {cap}. Declare fewer bins or categories for them, or raise the cap.",
                        nameof(cells));
                }
            }
        }
    }
}
