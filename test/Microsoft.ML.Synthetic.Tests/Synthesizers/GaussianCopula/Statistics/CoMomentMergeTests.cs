using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula.Statistics;

/// <summary>
/// The second pass merged from blocks (Chan, Golub and LeVeque) gives the whole table's pairwise covariances to
/// rounding (1e-12; on Adult they differ by at most ~5e-15). The pair correlation inverts the Hermite series, which is
/// nearly flat for two heavily tied columns: on Adult, capital-gain × capital-loss (both mostly 0) has ρ ≈ −0.84 and
/// moves 2e-9 for a 5e-15 change of the covariance, so pair correlations are compared to 1e-6 — the estimator's own
/// conditioning, not the merge's.
/// </summary>
[TestClass]
public sealed class CoMomentMergeTests
{
    [TestMethod]
    public void CoMomentsMergedFromBlocks_GiveTheWholeTablesCovariancesAndPairCorrelations()
    {
        var ml = new MLContext(seed: 1);
        var table = TabularData.FromDataView(TestData.LoadAdult(ml));
        var columns = table.Schema.Columns.Select(i => ColumnStatistics.Create(i, int.MaxValue)).ToArray();
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c].Add(table.Columns[c], table.Schema.Columns[c]);
        }

        var layout = LatentLayout.Create(table.Schema, columns);
        int d = layout.Coordinates.Count;
        var whole = new GaussianCopulaCorrelationStatistics(d, table.RowCount);
        whole.Add(layout.Score(table), default);
        var blocks = TabularDataReader.ReadBlocks(TestData.LoadAdult(ml), new TabularDataOptions(), 4999)
            .Select(b =>
            {
                var part = new GaussianCopulaCorrelationStatistics(d, table.RowCount);
                part.Add(layout.Score(b), default);
                return part;
            }).ToArray();
        Assert.HasCount(7, blocks);
        var merged = GaussianCopulaCorrelationStatistics.Merge(blocks);
        Assert.AreEqual(whole.RowCount, merged.RowCount);
        var coefficients = layout.Coordinates.Select(LatentCorrelation.HermiteCoefficients).ToArray();
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double expected = whole.Covariance(i, j), actual = merged.Covariance(i, j);
                Assert.AreEqual(expected, actual, 1e-12, $"covariance [{i}, {j}]");
                Assert.AreEqual(
                    LatentCorrelation.Solve(coefficients[i], coefficients[j], expected),
                    LatentCorrelation.Solve(coefficients[i], coefficients[j], actual), 1e-6, $"pair correlation [{i}, {j}] (covariances {expected:R}, {actual:R}; ρ {LatentCorrelation.Solve(coefficients[i], coefficients[j], expected):R}, {LatentCorrelation.Solve(coefficients[i], coefficients[j], actual):R})");
            }
        }
    }
}
