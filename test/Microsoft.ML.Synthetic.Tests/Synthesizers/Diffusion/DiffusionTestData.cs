using Microsoft.ML;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Diffusion;

/// <summary>Small settings and a table with a known joint distribution for the diffusion tests.</summary>
internal static class DiffusionTestData
{
    public static DiffusionOptions Tiny(string? label = null) =>
        new() { Epochs = 2, BatchSize = 200, Steps = 10, HiddenDims = [32], TimeEmbeddingDim = 16, LabelColumn = label };

    public sealed class Row
    {
        public double X { get; set; }
        public double Y { get; set; }
        public string Group { get; set; } = "";
    }

    /// <summary>
    /// X ~ N(1, 2²) and Y ~ N(3, 1.5²) with corr(X, Y) = −0.8;
    /// Group = "a" with probability 0.8 when X &gt; 1, else with probability 0.2 (so P(a) = 0.5).
    /// </summary>
    public static IDataView Correlated(MLContext ml, int rows, int seed)
    {
        var random = new Random(seed);
        var list = new List<Row>();
        for (int i = 0; i < rows; i++)
        {
            double u = TabularEncoder.StandardNormal(random), v = TabularEncoder.StandardNormal(random);
            double x = 1 + (2 * u);
            double y = 3 + (1.5 * ((-0.8 * u) + (0.6 * v)));
            list.Add(new Row { X = x, Y = y, Group = random.NextDouble() < (x > 1 ? 0.8 : 0.2) ? "a" : "b" });
        }

        return ml.Data.LoadFromEnumerable(list);
    }
}
