using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles;

/// <summary>
/// Every parameter of every marginal family set to extreme values in a saved copula: each file must be rejected at
/// Load or load and sample valid rows quickly (the special functions behind the beta and gamma distribution
/// functions must neither throw their own exceptions nor run away).
/// </summary>
[TestClass]
public sealed class CopulaMarginalParameterTests
{
    private static readonly double[] Extremes = [double.NaN, double.PositiveInfinity, 0, -1, 1e-320, 1e-300, 1e300, -1e300, 1e15, Marginal.MaxShape];

    private sealed class Row
    {
        public double Beta { get; set; }
        public double Gamma { get; set; }
        public double Normal { get; set; }
        public double Truncated { get; set; }
        public double Uniform { get; set; }
        public float Single { get; set; }
    }

    [TestMethod]
    public void Load_ExtremeMarginalParameters_RejectOrSampleValidRowsQuickly()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300).Select(_ => new Row
        {
            Beta = Math.Pow(random.NextDouble(), 2),
            Gamma = -Math.Log(1 - random.NextDouble()) * 3,
            Normal = random.NextDouble() + random.NextDouble() + random.NextDouble(),
            Truncated = random.NextDouble() + random.NextDouble(),
            Uniform = random.NextDouble(),
            Single = (float)(random.NextDouble() + random.NextDouble()),
        }).ToList();
        var options = new GaussianCopulaOptions
        {
            ColumnMarginals =
            {
                ["Beta"] = MarginalKind.Beta, ["Gamma"] = MarginalKind.Gamma, ["Normal"] = MarginalKind.Normal,
                ["Truncated"] = MarginalKind.TruncatedNormal, ["Uniform"] = MarginalKind.Uniform, ["Single"] = MarginalKind.Normal,
            },
        };
        var model = ml.Synthetic().Synthesizers.GaussianCopula(options).Fit(ml.Data.LoadFromEnumerable(rows));
        using var stream = new MemoryStream();
        model.Save(stream);
        var (format, version, body) = ModelFileBytes.Split(stream.ToArray());

        int rejected = 0, loaded = 0;
        foreach (var column in model.CopulaColumns.Cast<ContinuousCopulaColumn>())
        {
            var marginal = column.Marginal;
            double[] fields = [marginal.Min, marginal.Max, .. marginal.Parameters];
            foreach (var field in fields)
            {
                int at = body.AsSpan().IndexOf(BitConverter.GetBytes(field));
                Assert.IsGreaterThanOrEqualTo(0, at, $"{column.Name}: {field} not found");
                foreach (var value in Extremes)
                {
                    var patched = (byte[])body.Clone();
                    BinaryPrimitives.WriteDoubleLittleEndian(patched.AsSpan(at), value);
                    var clock = Stopwatch.StartNew();
                    try
                    {
                        var loadedModel = ml.Synthetic().Synthesizers.Load(new MemoryStream(ModelFileBytes.Build(format, version, patched)));
                        var sample = loadedModel.SampleTable(20, null, 1);
                        foreach (var c in sample.Columns.Cast<ContinuousColumn>())
                        {
                            Assert.IsTrue(c.Values.All(double.IsFinite), $"{column.Name} field {field} = {value}: column {c.Name} sampled a non-finite value");
                        }

                        var streamed = loadedModel.Sample(20, seed: 1).GetColumn<float>("Single").ToArray();
                        Assert.IsTrue(streamed.All(float.IsFinite), $"{column.Name} field {field} = {value}: the Single column streamed a non-finite value");

                        loaded++;
                    }
                    catch (InvalidDataException)
                    {
                        rejected++;
                    }

                    Assert.IsLessThan(5, clock.Elapsed.TotalSeconds, $"{column.Name} field {field} = {value}");
                }
            }
        }

        Console.WriteLine($"extreme marginal parameters: {rejected} rejected, {loaded} loaded and sampled finite rows");
        Assert.IsGreaterThan(0, rejected);
        Assert.IsGreaterThan(0, loaded);
    }
}
