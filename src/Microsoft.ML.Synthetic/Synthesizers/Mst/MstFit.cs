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

    public static Fitted Run(TabularData table, MstOptions options)
    {
        var restated = DeclaredMetadata.Restate(table, options.PublicBounds, options.PublicCategories, "MST", nameof(MstOptions));
        var schema = restated.Schema;
        int p = schema.Columns.Count;
        if (p < 2)
        {
            throw new ArgumentException("MST needs at least two columns: it models the data by two-way marginals along a tree of columns.", nameof(table));
        }

        var cells = schema.Columns.Select(c => ColumnCells.For(c, options.Bins, options.PublicBinEdges)).ToArray();
        CheckCap(schema, cells, options.MaxCliqueCells);
        var codes = restated.Columns.Select((c, i) => cells[i].Encode(c)).ToArray();
        var source = NoiseSource.For(options.NonPrivateReproducibleSeed);
        double rho = ZeroConcentratedDp.Rho(options.Epsilon, options.Delta);
        double sigma = Math.Sqrt(3 / (2 * rho));

        // One-way marginals, then compression of each column's domain (post-processing of them).
        double sigma1 = sigma * Math.Sqrt(p);
        var maps = new DomainCompression[p];
        var measurements = new List<MarginalMeasurement>();
        var compressed = new int[p][];
        for (int c = 0; c < p; c++)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            var counts = new double[cells[c].Count];
            foreach (var x in codes[c])
            {
                counts[x]++;
            }

            var (map, measurement) = DomainCompression.Compress(c, MarginalNoise.Add(counts, sigma1, source), sigma1);
            maps[c] = map;
            measurements.Add(measurement);
            compressed[c] = [.. codes[c].Select(x => map.ToCompressed[x])];
        }

        var sizes = maps.Select(m => m.Size).ToArray();
        var tree = TreeSelection.Select(compressed, sizes, measurements, rho / 3, options.SelectionIterations, source, options.CancellationToken);

        double sigma2 = sigma * Math.Sqrt(p - 1);
        foreach (var (a, b) in tree)
        {
            var (x, y) = a < b ? (a, b) : (b, a);
            measurements.Add(new MarginalMeasurement([x, y], MarginalNoise.Add(TreeSelection.PairCounts(compressed, sizes, x, y), sigma2, source), sigma2));
        }

        var model = new ForestModel(sizes, tree);
        var fit = MirrorDescent.Estimate(model, measurements, options.Iterations, cancellation: options.CancellationToken);
        return new Fitted(schema, cells, maps, model, fit.Marginals, Ledger(rho, options, p, source));
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
