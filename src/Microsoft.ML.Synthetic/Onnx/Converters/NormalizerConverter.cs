using System.Collections.Immutable;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using static Microsoft.ML.Transforms.NormalizingTransformer;

namespace Microsoft.ML.Synthetic.Onnx.Converters;

/// <summary>
/// The normalizers, from their public fitted parameters: affine (min-max, mean-variance, robust scaling:
/// <c>(x - offset) * scale</c>), binning (<c>index / (bounds - 1) - offset</c>, index = the number of bin
/// upper bounds below x) and CDF (<c>Φ((x - mean) / sd)</c> as ML.NET approximates it, of <c>log x</c> when the normalizer
/// uses logs).
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
                BinNormalizerModelParameters<float> b => Bin(g, x, to, [[.. b.UpperBounds]], [b.Offset]),
                BinNormalizerModelParameters<ImmutableArray<float>> b => Bin(g, x, to, [.. b.UpperBounds.Select(u => u.ToArray())], Slots(b.Offset, w)),
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

    private static string Bin(OnnxGraphBuilder g, string x, string to, float[][] upperBounds, float[] offset)
    {
        // ML.NET: value = index / max(1, bounds - 1) - offset, index = the number of upper bounds below x (the
        // last bound is +∞). Bounds as a [slots, bins] matrix padded with +∞ (never below x), compared with x
        // as [N, slots, 1].
        int bins = upperBounds.Max(u => u.Length);
        var matrix = new float[upperBounds.Length * bins];
        for (int s = 0; s < upperBounds.Length; s++)
        {
            for (int b = 0; b < bins; b++)
            {
                matrix[s * bins + b] = b < upperBounds[s].Length ? upperBounds[s][b] : float.PositiveInfinity;
            }
        }

        var denominators = upperBounds.Select(u => (float)Math.Max(1, u.Length - 1)).ToArray();
        string bounds = g.Constant(to + "_upper_bounds", matrix, upperBounds.Length, bins);
        string column = g.Node("Unsqueeze", [x, g.Constant(to + "_axis", new long[] { 2 }, 1)], to + "_column");
        string below = g.Node("Less", [bounds, column], to + "_below");
        string counts = g.Node("Cast", [below], to + "_below_float", ("to", CastTargets.Float));
        string index = g.Node("ReduceSum", [counts, g.Constant(to + "_sum_axis", new long[] { 2 }, 1)], to + "_bin", ("keepdims", 0L));
        string scaled = g.Node("Div", [index, g.Constant(to + "_bins", denominators, denominators.Length)], to + "_scaled");
        string value = g.Node("Sub", [scaled, g.Constant(to + "_offset", offset, offset.Length)], to + "_binned");
        // ML.NET keeps NaN as NaN.
        string isNan = g.Node("IsNaN", [x], to + "_is_nan");
        return g.Node("Where", [isNan, x, value], to);
    }

    /// <summary>
    /// ML.NET's CDF normalizer: Φ(z) with z = (v - mean) / sd and v = x or log x, by Winitzki's approximation of
    /// erf (S. Winitzki, "A handy approximation for the error function and its inverse", 2008; a = 0.147), which
    /// ML.NET uses: Φ = 1/2 + 1/2·sign(z)·sqrt(1 - exp(-h·(4/π + a·h) / (1 + a·h))), h = z²/2. A value whose v is
    /// not finite gives 0, and so does every value of a slot whose sd is 0 or less than Single.Epsilon.
    /// </summary>
    private static string Cdf(OnnxGraphBuilder g, string x, string to, float[] mean, float[] sd, bool useLog)
    {
        var usable = sd.Select(s => s > float.Epsilon ? 1f : 0f).ToArray();
        var safeSd = sd.Select(s => s > float.Epsilon ? s : 1f).ToArray();
        string v = useLog ? g.Node("Log", [x], to + "_log") : x;
        string centered = g.Node("Sub", [v, g.Constant(to + "_mean", mean, mean.Length)], to + "_centered");
        string z = g.Node("Div", [centered, g.Constant(to + "_sd", safeSd, safeSd.Length)], to + "_z");
        string h = g.Node("Mul", [g.Node("Mul", [z, z], to + "_z2"), g.Constant(to + "_half", [0.5f], 1)], to + "_h");
        string ah = g.Node("Mul", [h, g.Constant(to + "_a", [0.147f], 1)], to + "_ah");
        string numerator = g.Node("Mul", [h, g.Node("Add", [ah, g.Constant(to + "_4_over_pi", [(float)(4 / Math.PI)], 1)], to + "_k")], to + "_num");
        string denominator = g.Node("Add", [ah, g.Constant(to + "_one", [1f], 1)], to + "_den");
        string exponent = g.Node("Neg", [g.Node("Div", [numerator, denominator], to + "_ratio")], to + "_exponent");
        string root = g.Node("Sqrt", [g.Node("Sub", [g.Constant(to + "_one_", [1f], 1), g.Node("Exp", [exponent], to + "_exp")], to + "_1me")], to + "_root");
        string halfSigned = g.Node("Mul", [g.Node("Sign", [z], to + "_sign"), g.Constant(to + "_half_", [0.5f], 1)], to + "_half_sign");
        string phi = g.Node("Add", [g.Node("Mul", [halfSigned, root], to + "_half_erf"), g.Constant(to + "_half__", [0.5f], 1)], to + "_phi");
        string finite = g.Node("Not", [g.Node("Or", [g.Node("IsNaN", [v], to + "_nan"), g.Node("IsInf", [v], to + "_inf")], to + "_bad")], to + "_finite");
        string kept = g.Node("Where", [finite, phi, g.Constant(to + "_zero", [0f], 1)], to + "_kept");
        return g.Node("Mul", [kept, g.Constant(to + "_usable", usable, usable.Length)], to);
    }
}
