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
/// <item>categorical: the interval index = how many interval upper bounds (in z) are ≤ z (<c>GreaterOrEqual</c>,
/// <c>ReduceSum</c>), then <c>Gather</c> of the category strings (the column's missing text for "missing").</item>
/// </list>
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

        // z = ε·Lᵀ: row n of z is L·εₙ.
        var lower = model.Cholesky;
        var transposed = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                transposed[(j * d) + i] = lower[(i * d) + j];
            }
        }

        string z = graph.Node("MatMul", [input, graph.Constant("cholesky_t", transposed, d, d)], "z");
        var columns = model.CopulaColumns;
        for (int c = 0; c < columns.Count; c++)
        {
            var info = schema.Columns[c];
            switch (columns[c])
            {
                case ContinuousCopulaColumn column:
                    AddContinuous(graph, z, column, info);
                    break;
                case CategoricalCopulaColumn column:
                    AddCategorical(graph, z, column, info);
                    break;
            }
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

    /// <summary>Column <paramref name="coordinate"/> of z, shaped <c>[N, 1]</c>.</summary>
    private static string Coordinate(OnnxGraphBuilder graph, string z, int coordinate, string hint) =>
        graph.Node("Gather", [z, graph.Constant(hint + "_coordinate", new long[] { coordinate }, 1)], hint + "_z", ("axis", 1L));

    /// <summary>
    /// The interval index <c>[N, 1]</c> (int64) of each score: how many interval upper bounds, all but the last, are
    /// ≤ z; as <see cref="IntervalEncoding.LevelIndexOf"/> finds the first interval whose upper bound exceeds z.
    /// A +∞ bound is appended so that a single-interval encoding still has a bound to compare with.
    /// </summary>
    private static string IntervalIndex(OnnxGraphBuilder graph, string score, IntervalEncoding encoding, string hint)
    {
        var bounds = encoding.UpperZ.Take(encoding.UpperZ.Count - 1).Append(double.PositiveInfinity).ToArray();
        string above = graph.Node("GreaterOrEqual", [score, graph.Constant(hint + "_bounds", bounds, 1, bounds.Length)], hint + "_above");
        string counts = graph.Node("Cast", [above], hint + "_above_count", ("to", (long)DataType.Int64));
        return graph.Node("ReduceSum", [counts, graph.Constant(hint + "_axis", new long[] { 1 }, 1)], hint + "_interval", ("keepdims", 1L));
    }

    private static void AddCategorical(OnnxGraphBuilder graph, string z, CategoricalCopulaColumn column, TableColumnInfo info)
    {
        var encoding = column.Encoding;
        string missing = info.MissingText ?? string.Empty;
        var labels = encoding.Order.Select(i => encoding.Levels[i] is var code && code < 0 ? missing : info.Categories[code]).ToArray();
        string score = Coordinate(graph, z, column.Coordinate, column.Name);
        string index = IntervalIndex(graph, score, encoding, column.Name);
        var table = new TensorProto { Name = graph.UniqueName(column.Name + "_categories"), DataType = (int)DataType.String };
        table.Dims.Add(labels.Length);
        table.StringData.AddRange(labels.Select(Google.Protobuf.ByteString.CopyFromUtf8));
        string text = graph.Node("Gather", [graph.Constant(table), index], column.Name + "_text", ("axis", 0L));
        graph.AddOutput(column.Name, text, DataType.String, 1);
    }

    private static void AddContinuous(OnnxGraphBuilder graph, string z, ContinuousCopulaColumn column, TableColumnInfo info)
    {
        string name = column.Name;
        var table = column.Table.ToArray();
        int last = table.Length - 1;
        double scale = last / (2 * Marginal.ZMax);

        // position = (z + ZMax)·scale within [0, last]; i = min(floor(position), last − 1); t = position − i.
        string score = Coordinate(graph, z, column.ValueCoordinate, name);
        string position = graph.Node("Mul", [graph.Node("Add", [score, Scalar(graph, name + "_zmax", Marginal.ZMax)], name + "_shifted"), Scalar(graph, name + "_scale", scale)], name + "_position");
        position = graph.Node("Min", [graph.Node("Max", [position, Scalar(graph, name + "_zero", 0)], name + "_position_low"), Scalar(graph, name + "_last", last)], name + "_position_clamped");
        string floor = graph.Node("Min", [graph.Node("Floor", [position], name + "_floor"), Scalar(graph, name + "_last_cell", last - 1)], name + "_cell");
        string t = graph.Node("Sub", [position, floor], name + "_t");
        string cell = graph.Node("Cast", [floor], name + "_cell_index", ("to", (long)DataType.Int64));
        string tableName = graph.Constant(name + "_table", table, table.Length);
        string low = graph.Node("Gather", [tableName, cell], name + "_low", ("axis", 0L));
        string high = graph.Node("Gather", [tableName, graph.Node("Add", [cell, graph.Constant(name + "_one", new long[] { 1 })], name + "_next")], name + "_high", ("axis", 0L));
        string x = graph.Node("Add", [low, graph.Node("Mul", [t, graph.Node("Sub", [high, low], name + "_step")], name + "_offset")], name + "_x");
        if (column.Whole)
        {
            x = graph.Node("Round", [x], name + "_rounded");
        }

        x = graph.Node("Min", [graph.Node("Max", [x, Scalar(graph, name + "_min", column.Marginal.Min)], name + "_above_min"), Scalar(graph, name + "_max", column.Marginal.Max)], name + "_clamped");
        if (column.Missing is { } missing)
        {
            var isMissing = missing.Order.Select(i => missing.Levels[i] == 1).ToArray();
            string index = IntervalIndex(graph, Coordinate(graph, z, column.MissingCoordinate, name + "_missing"), missing, name + "_missing");
            var flags = new TensorProto { Name = graph.UniqueName(name + "_missing_flags"), DataType = (int)DataType.Bool };
            flags.Dims.Add(isMissing.Length);
            flags.Int32Data.AddRange(isMissing.Select(b => b ? 1 : 0));
            string gone = graph.Node("Gather", [graph.Constant(flags), index], name + "_is_missing", ("axis", 0L));
            x = graph.Node("Where", [gone, Scalar(graph, name + "_nan", double.NaN), x], name + "_with_missing");
        }

        if (info.OriginalType.RawType == typeof(float))
        {
            x = graph.Node("Cast", [x], name + "_single", ("to", (long)DataType.Float));
            graph.AddOutput(name, x, DataType.Float, 1);
        }
        else
        {
            graph.AddOutput(name, x, DataType.Double, 1);
        }
    }

    private static string Scalar(OnnxGraphBuilder graph, string hint, double value) => graph.Constant(hint, [value]);
}
