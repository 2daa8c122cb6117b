using System.Reflection;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Onnx.Protocol;
using DataType = Microsoft.ML.Synthetic.Onnx.Protocol.TensorProto.Types.DataType;

namespace Microsoft.ML.Synthetic.Onnx.Synthesizers;

/// <summary>
/// The parts every synthesizer sampler graph shares: input names that avoid the column names, column slices,
/// interval counting by binary lifting, rounding and clamping of continuous blocks, NaN for missing values, string
/// outputs for categories, and the outputs named and typed as the training columns.
/// </summary>
internal static class SamplerGraph
{
    /// <summary>A graph builder with the column names reserved for the outputs.</summary>
    public static OnnxGraphBuilder NewGraph(TabularSchema schema)
    {
        var graph = new OnnxGraphBuilder();
        graph.ReserveOutputNames(schema.Columns.Select(c => c.Name));
        return graph;
    }

    /// <summary><paramref name="name"/>, with underscores appended while a column of <paramref name="schema"/> has it.</summary>
    public static string FreeName(TabularSchema schema, string name)
    {
        while (schema.Columns.Any(c => c.Name == name))
        {
            name += "_";
        }

        return name;
    }

    /// <summary>Column <paramref name="index"/> of a <c>[N, k]</c> value, shaped <c>[N, 1]</c>.</summary>
    public static string Column(OnnxGraphBuilder graph, string value, int index, string hint) =>
        graph.Node("Gather", [value, graph.Constant(hint + "_index", new long[] { index }, 1)], hint, ("axis", 1L));

    /// <summary>Columns <paramref name="indexes"/> of a <c>[N, k]</c> value, shaped <c>[N, indexes.Length]</c>.</summary>
    public static string Columns(OnnxGraphBuilder graph, string value, IEnumerable<long> indexes, string hint)
    {
        var at = indexes.ToArray();
        return graph.Node("Gather", [value, graph.Constant(hint + "_indexes", at, at.Length)], hint, ("axis", 1L));
    }

    /// <summary>A double scalar constant.</summary>
    public static string Scalar(OnnxGraphBuilder graph, string hint, double value) => graph.Constant(hint, [value]);

    /// <summary>A Boolean constant of the given shape.</summary>
    public static string Flags(OnnxGraphBuilder graph, string hint, IEnumerable<bool> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = graph.UniqueName(hint), DataType = (int)DataType.Bool };
        tensor.Dims.AddRange(dims);
        tensor.Int32Data.AddRange(values.Select(v => v ? 1 : 0));
        return graph.Constant(tensor);
    }

    /// <summary>
    /// How many of each column's sorted <paramref name="bounds"/> lie below the scores <c>[N, k]</c> (double), as an
    /// int64 <c>[N, k]</c>: bounds ≤ score when <paramref name="inclusive"/>, bounds &lt; score otherwise. The bounds
    /// of each column are padded with +∞ to P − 1 (P a power of two) and the count found by binary lifting: log₂P
    /// steps of one <c>Gather</c> of a bound, one comparison and one <c>Where</c>, on the whole block at once.
    /// </summary>
    public static string CountBelow(OnnxGraphBuilder graph, string scores, IReadOnlyList<IReadOnlyList<double>> bounds, bool inclusive, string hint)
    {
        int k = bounds.Count;
        int levels = bounds.Max(b => b.Count) + 1;
        int p = 2;   // at least one step, so the count takes the scores' shape
        while (p < levels)
        {
            p *= 2;
        }

        var flat = new double[k * (p - 1)];
        Array.Fill(flat, double.PositiveInfinity);
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < bounds[c].Count; j++)
            {
                flat[(c * (p - 1)) + j] = bounds[c][j];
            }
        }

        string index = graph.Constant(hint + "_count0", new long[k], 1, k);
        string table = graph.Constant(hint + "_bounds", flat, flat.Length);
        for (int step = p / 2; step >= 1; step /= 2)
        {
            // Bound number (index + step − 1) of column c sits at c·(P − 1) + index + step − 1 in the flat table.
            var shift = Enumerable.Range(0, k).Select(c => (long)((c * (p - 1)) + step - 1)).ToArray();
            string at = graph.Node("Add", [index, graph.Constant(hint + "_shift", shift, 1, k)], hint + "_at");
            string bound = graph.Node("Gather", [table, at], hint + "_bound", ("axis", 0L));
            string above = graph.Node(inclusive ? "GreaterOrEqual" : "Greater", [scores, bound], hint + "_above");
            string candidate = graph.Node("Add", [index, graph.Constant(hint + "_step", new long[] { step })], hint + "_candidate");
            index = graph.Node("Where", [above, candidate, index], hint + "_count");
        }

        return index;
    }

    /// <summary>Rounds (half to even, as <see cref="Math.Round(double)"/>) the columns of a double <c>[N, k]</c> block flagged <paramref name="whole"/>.</summary>
    public static string RoundWhole(OnnxGraphBuilder graph, string x, bool[] whole) =>
        whole.Any(w => w)
            ? graph.Node("Where", [Flags(graph, "whole", whole, 1, whole.Length), graph.Node("Round", [x], "rounded"), x], "x_whole")
            : x;

    /// <summary>Clamps each column of a double <c>[N, k]</c> block to its [min, max].</summary>
    public static string Clamp(OnnxGraphBuilder graph, string x, double[] min, double[] max) =>
        graph.Node("Min", [graph.Node("Max", [x, graph.Constant("min", min, 1, min.Length)], "above_min"), graph.Constant("max", max, 1, max.Length)], "clamped");

    /// <summary>
    /// NaN in a double <c>[N, k]</c> block where <paramref name="missing"/> (Boolean <c>[N, m]</c>, one column per
    /// entry of <paramref name="columns"/>, the block columns that can be missing) is true.
    /// </summary>
    public static string MissingToNaN(OnnxGraphBuilder graph, string x, string missing, int[] columns, int k)
    {
        // Spread the flags of the columns with missing values over all k columns (false elsewhere).
        var spread = new long[k];
        var has = new bool[k];
        for (int c = 0; c < k; c++)
        {
            int j = Array.IndexOf(columns, c);
            spread[c] = Math.Max(j, 0);
            has[c] = j >= 0;
        }

        string all = graph.Node("And", [graph.Node("Gather", [missing, graph.Constant("missing_spread", spread, k)], "missing_spread", ("axis", 1L)), Flags(graph, "has_missing", has, 1, k)], "missing_all");
        return graph.Node("Where", [all, Scalar(graph, "nan", double.NaN), x], "x_missing");
    }

    /// <summary>Each column of a double <c>[N, k]</c> block as the output of its column: float for Single columns, double otherwise.</summary>
    public static void ContinuousOutputs(OnnxGraphBuilder graph, string x, TableColumnInfo[] infos, int[] positions, (string Value, DataType Type)[] outputs)
    {
        for (int c = 0; c < infos.Length; c++)
        {
            string value = Column(graph, x, c, infos[c].Name + "_value");
            outputs[positions[c]] = infos[c].OriginalType.RawType == typeof(float)
                ? (graph.Node("Cast", [value], infos[c].Name + "_single", ("to", (long)DataType.Float)), DataType.Float)
                : (value, DataType.Double);
        }
    }

    /// <summary>
    /// Each column of an int64 <c>[N, k]</c> block of label indexes as a string output: column c's index j becomes
    /// <c>labels[c][j]</c> (one <c>Gather</c> from the labels of all columns laid end to end).
    /// </summary>
    public static void CategoryOutputs(OnnxGraphBuilder graph, string index, string[][] labels, TableColumnInfo[] infos, int[] positions,
        (string Value, DataType Type)[] outputs)
    {
        var offsets = new long[labels.Length];
        for (int c = 1; c < labels.Length; c++)
        {
            offsets[c] = offsets[c - 1] + labels[c - 1].Length;
        }

        var table = new TensorProto { Name = graph.UniqueName("categories"), DataType = (int)DataType.String };
        table.Dims.Add(labels.Sum(l => l.Length));
        table.StringData.AddRange(labels.SelectMany(l => l).Select(Google.Protobuf.ByteString.CopyFromUtf8));
        string at = graph.Node("Add", [index, graph.Constant("label_offsets", offsets, 1, offsets.Length)], "label_at");
        string text = graph.Node("Gather", [graph.Constant(table), at], "text", ("axis", 0L));
        for (int c = 0; c < labels.Length; c++)
        {
            outputs[positions[c]] = (Column(graph, text, c, infos[c].Name + "_text"), DataType.String);
        }
    }

    /// <summary>The label of a category code: its name, or the column's missing text (empty when it has none) for a negative code.</summary>
    public static string Label(TableColumnInfo info, int code) => code < 0 ? info.MissingText ?? string.Empty : info.Categories[code];

    /// <summary>Declares one <c>[N, 1]</c> output per training column, named as it, and builds the model.</summary>
    public static ModelProto Build(OnnxGraphBuilder graph, TabularSchema schema, (string Value, DataType Type)[] outputs, string graphName,
        IEnumerable<KeyValuePair<string, string>> metadata)
    {
        for (int c = 0; c < schema.Columns.Count; c++)
        {
            graph.AddOutput(schema.Columns[c].Name, outputs[c].Value, outputs[c].Type, 1);
        }

        string version = typeof(SamplerGraph).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        return graph.Build(graphName, version, metadata);
    }
}
