using Microsoft.ML.Synthetic.Transforms;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Onnx.Protocol;
using DataType = Microsoft.ML.Synthetic.Onnx.Protocol.TensorProto.Types.DataType;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

namespace Microsoft.ML.Synthetic.Onnx.Synthesizers;

/// <summary>
/// The sampler graph of a fitted Gaussian copula: standard-normal noise ε <c>[N, d]</c> in, one output per training
/// column out. It computes what <see cref="GaussianCopulaModel.DecodeNoise"/> computes, in double precision:
/// z = ε·Lᵀ (<c>MatMul</c>), then per column
/// <list type="bullet">
/// <item>continuous: the marginal's own sampling table x = F⁻¹(Φ(z)) on 4,097 normal scores in [−8, 8], linearly
/// interpolated (<c>Floor</c>, two <c>Gather</c>s), rounded half to even when whole (<c>Round</c>, as
/// <see cref="Math.Round(double)"/>), clamped to the observed [min, max]; NaN where the missing-indicator coordinate
/// falls in the "missing" interval; cast to float for Single columns;</item>
/// <item>categorical: the interval index = how many interval upper bounds (in z) are ≤ z (binary lifting over the
/// bounds), then <c>Gather</c> of the category strings (the column's missing text for "missing").</item>
/// </list>
/// All continuous columns are decoded together as one <c>[N, k]</c> block (their tables concatenated), and so are all
/// categorical columns, so the graph has a few dozen nodes whatever the column count.
/// Both sides decode in z through the same tables and thresholds, so Φ and F⁻¹ never need evaluating in the graph
/// and every marginal family (uniform, normal, truncated normal, beta, gamma, empirical) is exported exactly.
/// </summary>
internal static class GaussianCopulaOnnxExporter
{
    /// <summary>The name of the noise input (or <c>noise_</c> when a column is named <c>noise</c>).</summary>
    public const string NoiseInput = "noise";

    public static ModelProto Export(GaussianCopulaModel model, string graphName)
    {
        var schema = model.TableSchema;
        var graph = SamplerGraph.NewGraph(schema);
        string input = SamplerGraph.FreeName(schema, NoiseInput);
        int d = model.Dimension;
        graph.AddInput(input, DataType.Double, d);

        // z = ε·Lᵀ (row n of z is L·εₙ), computed per block of columns: ε times the block's columns of Lᵀ.
        var z = new Latent(input, model.Cholesky, d);
        var columns = model.CopulaColumns;
        var continuous = Enumerable.Range(0, columns.Count).Where(c => columns[c] is ContinuousCopulaColumn).ToArray();
        var categorical = Enumerable.Range(0, columns.Count).Where(c => columns[c] is CategoricalCopulaColumn).ToArray();
        var outputs = new (string Value, DataType Type)[columns.Count];
        if (continuous.Length > 0)
        {
            AddContinuous(graph, z, [.. continuous.Select(c => (ContinuousCopulaColumn)columns[c])], [.. continuous.Select(c => schema.Columns[c])], continuous, outputs);
        }

        if (categorical.Length > 0)
        {
            AddCategorical(graph, z, [.. categorical.Select(c => (CategoricalCopulaColumn)columns[c])], [.. categorical.Select(c => schema.Columns[c])], categorical, outputs);
        }

        return SamplerGraph.Build(graph, schema, outputs, graphName,
        [
            new("synthesizer", GaussianCopulaModel.Format),
            new("noise_input", input),
            new("noise_dimension", d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("latent_names", string.Join("\t", model.LatentNames)),
        ]);
    }

    /// <summary>Coordinates <paramref name="coordinates"/> of z = ε·Lᵀ, shaped <c>[N, count]</c>: one <c>MatMul</c> of the noise with those columns of Lᵀ.</summary>
    private static string Coordinates(OnnxGraphBuilder graph, Latent z, int[] coordinates, string hint)
    {
        int d = z.Dimension, k = coordinates.Length;
        var columns = new double[d * k];
        for (int j = 0; j < d; j++)
        {
            for (int c = 0; c < k; c++)
            {
                columns[(j * k) + c] = z.Lower[(coordinates[c] * d) + j];
            }
        }

        return graph.Node("MatMul", [z.Noise, graph.Constant(hint + "_cholesky_rows", columns, d, k)], hint + "_z");
    }

    /// <summary>
    /// The interval index <c>[N, k]</c> (int64) of scores <c>[N, k]</c> under k interval encodings: how many of an
    /// encoding's interval upper bounds, all but the last, are ≤ z, as <see cref="IntervalEncoding.LevelIndexOf"/>
    /// finds the first interval whose upper bound exceeds z.
    /// </summary>
    private static string IntervalIndex(OnnxGraphBuilder graph, string scores, IntervalEncoding[] encodings, string hint) =>
        SamplerGraph.CountBelow(graph, scores, [.. encodings.Select(e => e.UpperZ.Take(e.UpperZ.Count - 1).ToArray())], inclusive: true, hint);

    private static void AddCategorical(OnnxGraphBuilder graph, Latent z, CategoricalCopulaColumn[] columns, TableColumnInfo[] infos, int[] positions,
        (string Value, DataType Type)[] outputs)
    {
        string scores = Coordinates(graph, z, [.. columns.Select(c => c.Coordinate)], "categorical");
        string index = IntervalIndex(graph, scores, [.. columns.Select(c => c.Encoding)], "categorical");
        var labels = columns.Select((c, i) => c.Encoding.Order.Select(l => SamplerGraph.Label(infos[i], c.Encoding.Levels[l])).ToArray()).ToArray();
        SamplerGraph.CategoryOutputs(graph, index, labels, infos, positions, outputs);
    }

    private static void AddContinuous(OnnxGraphBuilder graph, Latent z, ContinuousCopulaColumn[] columns, TableColumnInfo[] infos, int[] positions,
        (string Value, DataType Type)[] outputs)
    {
        int k = columns.Length;
        int size = columns[0].Table.Count;
        int last = size - 1;
        double scale = last / (2 * Marginal.ZMax);
        var tables = columns.SelectMany(c => c.Table).ToArray();

        // position = (z + ZMax)·scale within [0, last]; cell = min(floor(position), last − 1); t = position − cell;
        // x = table[cell] + t·(table[cell + 1] − table[cell]), column c's table at offset c·size of the flat table.
        string scores = Coordinates(graph, z, [.. columns.Select(c => c.ValueCoordinate)], "continuous");
        string position = graph.Node("Mul", [graph.Node("Add", [scores, Scalar(graph, "zmax", Marginal.ZMax)], "shifted"), Scalar(graph, "grid_scale", scale)], "position");
        position = graph.Node("Min", [graph.Node("Max", [position, Scalar(graph, "zero", 0)], "position_low"), Scalar(graph, "last", last)], "position_clamped");
        string cell = graph.Node("Min", [graph.Node("Floor", [position], "floor"), Scalar(graph, "last_cell", last - 1)], "cell");
        string t = graph.Node("Sub", [position, cell], "t");
        string at = graph.Node("Add", [graph.Node("Cast", [cell], "cell_index", ("to", (long)DataType.Int64)),
            graph.Constant("table_offsets", Enumerable.Range(0, k).Select(c => (long)c * size).ToArray(), 1, k)], "table_index");
        string table = graph.Constant("tables", tables, tables.Length);
        string low = graph.Node("Gather", [table, at], "low", ("axis", 0L));
        string high = graph.Node("Gather", [table, graph.Node("Add", [at, graph.Constant("one", new long[] { 1 })], "next")], "high", ("axis", 0L));
        string x = graph.Node("Add", [low, graph.Node("Mul", [t, graph.Node("Sub", [high, low], "step")], "offset")], "x");
        x = SamplerGraph.RoundWhole(graph, x, [.. columns.Select(c => c.Whole)]);
        x = SamplerGraph.Clamp(graph, x, [.. columns.Select(c => c.Marginal.Min)], [.. columns.Select(c => c.Marginal.Max)]);
        var withMissing = Enumerable.Range(0, k).Where(c => columns[c].Missing is not null).ToArray();
        if (withMissing.Length > 0)
        {
            var encodings = withMissing.Select(c => columns[c].Missing!).ToArray();
            string missingScores = Coordinates(graph, z, [.. withMissing.Select(c => columns[c].MissingCoordinate)], "missing");
            string index = IntervalIndex(graph, missingScores, encodings, "missing");

            // Flags of each encoding's intervals, at offset j·2 (an indicator encoding has at most two levels).
            string flags = SamplerGraph.Flags(graph, "missing_flags",
                encodings.SelectMany(e => Enumerable.Range(0, 2).Select(j => j < e.Order.Length && e.Levels[e.Order[j]] == 1)), 2 * encodings.Length);
            string gone = graph.Node("Gather", [flags, graph.Node("Add", [index,
                graph.Constant("missing_offsets", Enumerable.Range(0, encodings.Length).Select(j => 2L * j).ToArray(), 1, encodings.Length)], "missing_at")], "is_missing", ("axis", 0L));

            x = SamplerGraph.MissingToNaN(graph, x, gone, withMissing, k);
        }

        SamplerGraph.ContinuousOutputs(graph, x, infos, positions, outputs);
    }

    /// <summary>The noise input and the lower Cholesky factor L (row-major d×d) of the latent correlation.</summary>
    private sealed record Latent(string Noise, double[] Lower, int Dimension);

    private static string Scalar(OnnxGraphBuilder graph, string hint, double value) => SamplerGraph.Scalar(graph, hint, value);
}
