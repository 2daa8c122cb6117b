using Microsoft.ML;
using Microsoft.ML.Synthetic.Augmentation;

namespace Microsoft.ML.Synthetic.Tests.TrainOnly.Matrix;

/// <summary>
/// What the estimators after a stage must have been trained on, given the real rows the stage received. Computed
/// without the pipeline: from the rows themselves (order, counts per class, which column changed) and, for the seeded
/// row generators, from the stage estimator's own <c>Resample</c> of those rows, i.e. the stage fitted alone.
/// </summary>
internal sealed class MatrixExpectations(MLContext ml, MatrixStage stage, IReadOnlyDictionary<string, MatrixRow> rowsByText)
{
    public void Check(IReadOnlyList<string> real, IReadOnlyList<string> seen, string where)
    {
        Assert.IsTrue(real.Count > 0, $"{where}: no real rows reached the stage");
        switch (stage.Kind)
        {
            case StageKind.Balance:
                CollectionAssert.AreEqual(real.ToList(), seen.Take(real.Count).ToList(), $"{where}: the real rows come first, unaltered");
                var counts = LabelCounts(seen);
                int majority = LabelCounts(real).Values.Max();
                Assert.IsTrue(counts.Values.All(c => c == majority), $"{where}: every class is raised to the majority's {majority} rows; got {Show(counts)}");
                break;
            case StageKind.Grow:
                CollectionAssert.AreEqual(real.ToList(), seen.Take(real.Count).ToList(), $"{where}: the real rows come first, unaltered");
                Assert.IsTrue(seen.Count > real.Count, $"{where}: rows were added ({seen.Count} vs {real.Count})");
                break;
            case StageKind.Replace:
                Assert.AreEqual(0, seen.Intersect(real).Count(), $"{where}: no real row is passed on");
                CollectionAssert.AreEquivalent(LabelCounts(real).ToList(), LabelCounts(seen).ToList(), $"{where}: as many synthetic rows per class as real ones");
                break;
            case StageKind.Noise:
                CheckNoise(real, seen, where);
                return;
        }

        var resampled = ((SyntheticRowsEstimator)stage.Create(ml)).Resample(MatrixData.View(ml, real.Select(r => rowsByText[r]), stage.Columns));
        CollectionAssert.AreEqual(MatrixData.Read(resampled, stage.Columns), seen.ToList(), $"{where}: the rows equal the stage fitted alone on the same real rows (same seed)");
    }

    private void CheckNoise(IReadOnlyList<string> real, IReadOnlyList<string> seen, string where)
    {
        string column = stage.NoisedColumn!;
        Assert.AreEqual(real.Count, seen.Count, $"{where}: a noise step keeps the row count");
        for (int i = 0; i < real.Count; i++)
        {
            Assert.AreEqual(MatrixData.Without(real[i], column), MatrixData.Without(seen[i], column), $"{where}: row {i} changed outside '{column}'");
        }

        int changed = Enumerable.Range(0, real.Count).Count(i => MatrixData.Value(real[i], column) != MatrixData.Value(seen[i], column));
        Assert.IsTrue(changed > 0, $"{where}: the noise changed '{column}' in no row: the later stages trained on the real values");
        if (column == "Cat")
        {
            Assert.IsTrue(seen.All(r => MatrixData.Categories.Contains(MatrixData.Value(r, column))), $"{where}: randomized response reports declared categories only");
        }
    }

    private static Dictionary<string, int> LabelCounts(IEnumerable<string> rows) =>
        rows.GroupBy(r => MatrixData.Value(r, "Label")).ToDictionary(g => g.Key, g => g.Count());

    private static string Show(Dictionary<string, int> counts) => string.Join(", ", counts.Select(p => $"{p.Key}: {p.Value}"));
}
