using Microsoft.ML;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula;

[TestClass]
public sealed class GaussianCopulaCancellationTests
{
    private sealed class Row
    {
        public float A { get; set; }

        public float B { get; set; }

        public string C { get; set; } = "";
    }

    private static IDataView Rows(MLContext ml)
    {
        var random = new Random(1);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, 300).Select(_ => new Row { A = (float)random.NextDouble(), B = random.Next(9), C = random.Next(3).ToString() }).ToArray());
    }

    [TestMethod]
    public void Fit_PreCancelledToken_ThrowsOperationCanceledException()
    {
        var ml = new MLContext(1);
        var options = new GaussianCopulaOptions { CancellationToken = new CancellationToken(canceled: true) };
        Assert.ThrowsExactly<OperationCanceledException>(() => ml.Synthetic().Synthesizers.GaussianCopula(options).Fit(Rows(ml)));
    }

    [TestMethod]
    public void LatentCorrelation_PreCancelledToken_ThrowsOperationCanceledException()
    {
        var coordinate = new LatentCoordinate([-0.5, 0.5, -0.5, 0.5], [0.5], [-0.8, 0.8]);
        Assert.ThrowsExactly<OperationCanceledException>(() => LatentCorrelation.Estimate([coordinate, coordinate], new CancellationToken(canceled: true)));
    }

    [TestMethod]
    public void Fit_TokenNotCancelled_Fits()
    {
        var ml = new MLContext(1);
        using var source = new CancellationTokenSource();
        var model = ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { CancellationToken = source.Token }).Fit(Rows(ml));
        Assert.IsNotNull(model);
    }
}
