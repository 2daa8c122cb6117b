using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Arf;

/// <summary>Tables of known distribution for the ARF tests.</summary>
internal static class ArfTestData
{
    public sealed class PairRow
    {
        public double X { get; set; }

        public double Y { get; set; }
    }

    public sealed class GroupRow
    {
        public string Group { get; set; } = "";

        public double Value { get; set; }

        public int Count { get; set; }
    }

    /// <summary>Standard normals X, Y with correlation <paramref name="rho"/>.</summary>
    public static IDataView CorrelatedGaussians(MLContext ml, int rows, double rho, int seed)
    {
        var random = new Random(seed);
        var data = new PairRow[rows];
        for (int i = 0; i < rows; i++)
        {
            double a = Normal(random), b = Normal(random);
            data[i] = new PairRow { X = a, Y = (rho * a) + (Math.Sqrt(1 - (rho * rho)) * b) };
        }

        return ml.Data.LoadFromEnumerable(data);
    }

    /// <summary>Group a/b/c with shares 0.5/0.3/0.2; Value ~ N(0, 1), N(5, 1), N(−5, 1) by group; Count ~ 1 + Poisson-ish small integers, larger in c.</summary>
    public static IDataView Groups(MLContext ml, int rows, int seed)
    {
        var random = new Random(seed);
        var data = new GroupRow[rows];
        for (int i = 0; i < rows; i++)
        {
            double u = random.NextDouble();
            var (group, mean) = u < 0.5 ? ("a", 0.0) : u < 0.8 ? ("b", 5.0) : ("c", -5.0);
            data[i] = new GroupRow { Group = group, Value = mean + Normal(random), Count = random.Next(0, group == "c" ? 10 : 4) };
        }

        return ml.Data.LoadFromEnumerable(data);
    }

    public static double Normal(Random random) => TabularEncoder.StandardNormal(random);

    public static double[] Values(TabularData table, string column) => ((ContinuousColumn)table[column]).Values;

    public static string[] Labels(TabularData table, string column)
    {
        var c = (CategoricalColumn)table[column];
        return c.Codes.Select(code => code < 0 ? "(missing)" : c.Categories[code]).ToArray();
    }
}
