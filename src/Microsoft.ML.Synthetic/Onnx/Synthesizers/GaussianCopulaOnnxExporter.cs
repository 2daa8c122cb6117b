using System.Reflection;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Onnx.Protocol;
using DataType = Microsoft.ML.Synthetic.Onnx.Protocol.TensorProto.Types.DataType;

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
        var graph = new OnnxGraphBuilder();
        var schema = model.TableSchema;
        string input = NoiseInput;
        while (schema.Columns.Any(c => c.Name == input))
        {
            input += "_";
        }

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

        for (int c = 0; c < columns.Count; c++)
        {
            graph.AddOutput(schema.Columns[c].Name, outputs[c].Value, outputs[c].Type, 1);
        }

        string version = typeof(GaussianCopulaOnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        return graph.Build(graphName, version,
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

    /// <summary>Column <paramref name="index"/> of a <c>[N, k]</c> value, shaped <c>[N, 1]</c>.</summary>
    private static string Column(OnnxGraphBuilder graph, string value, int index, string hint) =>
        graph.Node("Gather", [value, graph.Constant(hint + "_index", new long[] { index }, 1)], hint, ("axis", 1L));

    /// <summary>
    /// The interval index <c>[N, k]</c> (int64) of scores <c>[N, k]</c> under k interval encodings: how many of an
    /// encoding's interval upper bounds, all but the last, are ≤ z, as <see cref="IntervalEncoding.LevelIndexOf"/>
    /// finds the first interval whose upper bound exceeds z. The bounds of each encoding are padded with +∞ to
    /// P − 1 (P a power of two) and the count found by binary lifting: log₂P steps of one <c>Gather</c> of a bound,
    /// one comparison and one <c>Where</c>, on the whole <c>[N, k]</c> block at once.
    /// </summary>
    private static string IntervalIndex(OnnxGraphBuilder graph, string scores, IntervalEncoding[] encodings, string hint)
    {
        int k = encodings.Length;
        int levels = encodings.Max(e => e.UpperZ.Count);
        int p = 2;   // at least one step, so the index takes the scores' shape
        while (p < levels)
        {
            p *= 2;
        }

        var bounds = new double[k * (p - 1)];
        Array.Fill(bounds, double.PositiveInfinity);
        for (int c = 0; c < k; c++)
        {
            var upper = encodings[c].UpperZ;
            for (int j = 0; j < upper.Count - 1; j++)
            {
                bounds[(c * (p - 1)) + j] = upper[j];
            }
        }

        string index = graph.Constant(hint + "_interval0", new long[k], 1, k);
        string table = graph.Constant(hint + "_bounds", bounds, bounds.Length);
        for (int step = p / 2; step >= 1; step /= 2)
        {
            // Bound number (index + step − 1) of column c sits at c·(P − 1) + index + step − 1 in the flat table.
            var shift = Enumerable.Range(0, k).Select(c => (long)((c * (p - 1)) + step - 1)).ToArray();
            string at = graph.Node("Add", [index, graph.Constant(hint + "_shift", shift, 1, k)], hint + "_at");
            string bound = graph.Node("Gather", [table, at], hint + "_bound", ("axis", 0L));
            string above = graph.Node("GreaterOrEqual", [scores, bound], hint + "_above");
            string candidate = graph.Node("Add", [index, graph.Constant(hint + "_step", new long[] { step })], hint + "_candidate");
            index = graph.Node("Where", [above, candidate, index], hint + "_interval");
        }

        return index;
    }

    private static void AddCategorical(OnnxGraphBuilder graph, Latent z, CategoricalCopulaColumn[] columns, TableColumnInfo[] infos, int[] positions,
        (string Value, DataType Type)[] outputs)
    {
        string scores = Coordinates(graph, z, [.. columns.Select(c => c.Coordinate)], "categorical");
        string index = IntervalIndex(graph, scores, [.. columns.Select(c => c.Encoding)], "categorical");
        for (int i = 0; i < columns.Length; i++)
        {
            var encoding = columns[i].Encoding;
            string missing = infos[i].MissingText ?? string.Empty;
            var labels = encoding.Order.Select(l => encoding.Levels[l] is var code && code < 0 ? missing : infos[i].Categories[code]).ToArray();
            var table = new TensorProto { Name = graph.UniqueName(columns[i].Name + "_categories"), DataType = (int)DataType.String };
            table.Dims.Add(labels.Length);
            table.StringData.AddRange(labels.Select(Google.Protobuf.ByteString.CopyFromUtf8));
            string own = Column(graph, index, i, columns[i].Name + "_interval");
            outputs[positions[i]] = (graph.Node("Gather", [graph.Constant(table), own], columns[i].Name + "_text", ("axis", 0L)), DataType.String);
        }
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
        if (columns.Any(c => c.Whole))
        {
            var whole = new TensorProto { Name = graph.UniqueName("whole"), DataType = (int)DataType.Bool };
            whole.Dims.AddRange([1, k]);
            whole.Int32Data.AddRange(columns.Select(c => c.Whole ? 1 : 0));
            x = graph.Node("Where", [graph.Constant(whole), graph.Node("Round", [x], "rounded"), x], "x_whole");
        }

        x = graph.Node("Min", [graph.Node("Max", [x, graph.Constant("min", [.. columns.Select(c => c.Marginal.Min)], 1, k)], "above_min"),
            graph.Constant("max", [.. columns.Select(c => c.Marginal.Max)], 1, k)], "clamped");
        var withMissing = Enumerable.Range(0, k).Where(c => columns[c].Missing is not null).ToArray();
        if (withMissing.Length > 0)
        {
            var encodings = withMissing.Select(c => columns[c].Missing!).ToArray();
            string missingScores = Coordinates(graph, z, [.. withMissing.Select(c => columns[c].MissingCoordinate)], "missing");
            string index = IntervalIndex(graph, missingScores, encodings, "missing");

            // Flags of each encoding's intervals, at offset j·2 (an indicator encoding has at most two levels).
            var flags = new TensorProto { Name = graph.UniqueName("missing_flags"), DataType = (int)DataType.Bool };
            flags.Dims.Add(2 * encodings.Length);
            foreach (var e in encodings)
            {
                flags.Int32Data.AddRange(Enumerable.Range(0, 2).Select(j => j < e.Order.Length && e.Levels[e.Order[j]] == 1 ? 1 : 0));
            }

            string gone = graph.Node("Gather", [graph.Constant(flags), graph.Node("Add", [index,
                graph.Constant("missing_offsets", Enumerable.Range(0, encodings.Length).Select(j => 2L * j).ToArray(), 1, encodings.Length)], "missing_at")], "is_missing", ("axis", 0L));

            // Spread the flags of the columns with missing values over all k columns (false elsewhere).
            var spread = new long[k];
            var has = new TensorProto { Name = graph.UniqueName("has_missing"), DataType = (int)DataType.Bool };
            has.Dims.AddRange([1, k]);
            for (int c = 0; c < k; c++)
            {
                int j = Array.IndexOf(withMissing, c);
                spread[c] = Math.Max(j, 0);
                has.Int32Data.Add(j >= 0 ? 1 : 0);
            }

            string spreadFlags = graph.Node("And", [graph.Node("Gather", [gone, graph.Constant("missing_spread", spread, k)], "missing_spread", ("axis", 1L)), graph.Constant(has)], "missing_all");
            x = graph.Node("Where", [spreadFlags, Scalar(graph, "nan", double.NaN), x], "x_missing");
        }

        for (int c = 0; c < k; c++)
        {
            string value = Column(graph, x, c, columns[c].Name + "_value");
            outputs[positions[c]] = infos[c].OriginalType.RawType == typeof(float)
                ? (graph.Node("Cast", [value], columns[c].Name + "_single", ("to", (long)DataType.Float)), DataType.Float)
                : (value, DataType.Double);
        }
    }

    /// <summary>The noise input and the lower Cholesky factor L (row-major d×d) of the latent correlation.</summary>
    private sealed record Latent(string Noise, double[] Lower, int Dimension);

    private static string Scalar(OnnxGraphBuilder graph, string hint, double value) => graph.Constant(hint, [value]);
}
