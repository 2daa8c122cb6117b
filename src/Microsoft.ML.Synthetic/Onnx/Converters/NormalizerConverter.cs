using System.Collections.Immutable;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using static Microsoft.ML.Transforms.NormalizingTransformer;

namespace Microsoft.ML.Synthetic.Onnx.Converters;

/// <summary>
/// The normalizers, from their public fitted parameters: affine (min-max, mean-variance, robust scaling:
/// <c>(x - offset) * scale</c>), binning (<c>index * density - offset</c>, index = the number of bin upper
/// bounds below x) and CDF (<c>Φ((x - mean) / sd)</c>, of <c>log x</c> when the normalizer uses logs).
/// </summary>
internal sealed class NormalizerConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage) => stage is NormalizingTransformer;

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        var normalizer = (NormalizingTransformer)stage;
        var pairs = MlNetInternals.ColumnPairs(normalizer);
        for (int i = 0; i < pairs.Length; i++)
        {
            var (to, from) = pairs[i];
            var source = context.Column(from, stage);
            if (source.ItemType != NumberDataViewType.Single || source.Width == 0)
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"column '{from}' is {source.Type}; only Single columns of known size are exported");
            }

            var g = context.Graph;
            string x = source.Tensor!;
            int w = source.Width;
            string result = normalizer.GetNormalizerModelParameters(i) switch
            {
                AffineNormalizerModelParameters<float> a => Affine(g, x, to, [a.Offset], [a.Scale]),
                AffineNormalizerModelParameters<ImmutableArray<float>> a => Affine(g, x, to, Slots(a.Offset, w), Slots(a.Scale, w)),
                BinNormalizerModelParameters<float> b => Bin(g, x, to, [[.. b.UpperBounds]], [b.Density], [b.Offset]),
                BinNormalizerModelParameters<ImmutableArray<float>> b => Bin(g, x, to, [.. b.UpperBounds.Select(u => u.ToArray())], Slots(b.Density, w), Slots(b.Offset, w)),
                CdfNormalizerModelParameters<float> c => Cdf(g, x, to, [c.Mean], [c.StandardDeviation], c.UseLog),
                CdfNormalizerModelParameters<ImmutableArray<float>> c => Cdf(g, x, to, Slots(c.Mean, w), Slots(c.StandardDeviation, w), c.UseLog),
                var other => throw OnnxExporter.Unsupported(stage, input, output, $"the normalizer of '{from}' is a {other.GetType().Name}"),
            };
            context.SetColumn(to, result, output[to].Type);
        }
    }

    /// <summary>One value per slot; an empty array (ML.NET leaves offsets out when they are all zero) gives zeros.</summary>
    private static float[] Slots(ImmutableArray<float> values, int width) =>
        values.IsDefaultOrEmpty ? new float[width] : [.. values];

    private static string Affine(OnnxGraphBuilder g, string x, string to, float[] offset, float[] scale)
    {
        string shifted = offset.All(o => o == 0)
            ? x
            : g.Node("Sub", [x, g.Constant(to + "_offset", offset, offset.Length)], to + "_shifted");
        return g.Node("Mul", [shifted, g.Constant(to + "_scale", scale, scale.Length)], to);
    }

    private static string Bin(OnnxGraphBuilder g, string x, string to, float[][] upperBounds, float[] density, float[] offset)
    {
        // Bounds as a [slots, bins] matrix padded with +∞ (never below x), compared with x as [N, slots, 1].
        int bins = upperBounds.Max(u => u.Length);
        var matrix = new float[upperBounds.Length * bins];
        for (int s = 0; s < upperBounds.Length; s++)
        {
            for (int b = 0; b < bins; b++)
            {
                matrix[s * bins + b] = b < upperBounds[s].Length ? upperBounds[s][b] : float.PositiveInfinity;
            }
        }

        string bounds = g.Constant(to + "_upper_bounds", matrix, upperBounds.Length, bins);
        string column = g.Node("Unsqueeze", [x, g.Constant(to + "_axis", new long[] { 2 }, 1)], to + "_column");
        string below = g.Node("Less", [bounds, column], to + "_below");
        string counts = g.Node("Cast", [below], to + "_below_float", ("to", CastTargets.Float));
        string index = g.Node("ReduceSum", [counts, g.Constant(to + "_sum_axis", new long[] { 2 }, 1)], to + "_bin", ("keepdims", 0L));
        string scaled = g.Node("Mul", [index, g.Constant(to + "_density", density, density.Length)], to + "_scaled");
        string value = g.Node("Sub", [scaled, g.Constant(to + "_offset", offset, offset.Length)], to + "_binned");
        // ML.NET keeps NaN as NaN.
        string isNan = g.Node("IsNaN", [x], to + "_is_nan");
        return g.Node("Where", [isNan, x, value], to);
    }

    private static string Cdf(OnnxGraphBuilder g, string x, string to, float[] mean, float[] sd, bool useLog)
    {
        string source = useLog ? g.Node("Log", [x], to + "_log") : x;
        string centered = g.Node("Sub", [source, g.Constant(to + "_mean", mean, mean.Length)], to + "_centered");
        var denominators = sd.Select(s => (float)(s * Math.Sqrt(2))).ToArray();
        string z = g.Node("Div", [centered, g.Constant(to + "_sd_sqrt2", denominators, denominators.Length)], to + "_z");
        string erf = g.Node("Erf", [z], to + "_erf");
        string plusOne = g.Node("Add", [erf, g.Constant(to + "_one", [1f], 1)], to + "_plus_one");
        return g.Node("Mul", [plusOne, g.Constant(to + "_half", [0.5f], 1)], to);
    }
}
