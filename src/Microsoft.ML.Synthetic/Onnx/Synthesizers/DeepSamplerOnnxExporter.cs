using Microsoft.ML.Synthetic.Transforms;
using System.Globalization;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Onnx.Protocol;
using TorchSharp;
using static TorchSharp.torch;
using DataType = Microsoft.ML.Synthetic.Onnx.Protocol.TensorProto.Types.DataType;
using Microsoft.ML.Synthetic.Synthesizers.Ctgan;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Onnx.Synthesizers;

/// <summary>
/// The sampler graphs of fitted TVAE and CTGAN models (Xu et al. 2019). Inputs: <c>noise</c>, standard-normal floats
/// <c>[N, NoiseWidth]</c>, and <c>uniform</c>, U(0, 1) floats <c>[N, UniformWidth]</c>, laid out as
/// <see cref="SamplerNoise"/> describes. The graph runs the generator in single precision as TorchSharp does (TVAE:
/// the decoder's Linear–ReLU layers on z; CTGAN: residual blocks Linear → BatchNormalization with the running
/// statistics → ReLU, concatenated with their input, then a linear layer, on z concatenated with a conditional
/// vector chosen by the uniforms: a column ⌊u·C⌋, its category by counting the stored cumulative training
/// frequencies ≤ u′), then samples as <c>SpanOperations.SampleActivate</c> does: tanh on every α (plus σ·noise for
/// TVAE), each one-hot span perturbed by Gumbel noise −log(−log(u·(1 − 2·10⁻⁶) + 10⁻⁶)) and its largest slot taken
/// (<c>ArgMax</c> over the spans padded to one width). Decoding follows <see cref="TabularEncoder"/>: x =
/// μ + (4·clip(α, −1, 1))·σ of the chosen mode in double precision, clamped to [min, max], rounded for whole-number
/// columns, NaN when the missing slot wins; a category's name (the missing text for the missing slot, a member of
/// the rare-category group drawn by its cumulative frequencies with its own uniform).
/// </summary>
internal static class DeepSamplerOnnxExporter
{
    /// <summary>The name of the normal input (with underscores appended if a column has it).</summary>
    public const string NoiseInput = "noise";

    /// <summary>The name of the uniform input (with underscores appended if a column has it).</summary>
    public const string UniformInput = "uniform";

    public static ModelProto Export(TvaeModel model)
    {
        var layout = new SamplerNoise(model.Encoder, model.Network.EmbeddingDim, alphaNoise: true, conditionalVector: false);
        var sigma = model.Sigma.Select(s => s > 0 ? s : 0f).ToArray();
        return Export(model.TableSchema, model.Encoder, layout, TvaeModel.Format, "TvaeSampler", sigma, (graph, noise, uniform) =>
        {
            string z = SamplerGraph.Columns(graph, noise, Enumerable.Range(0, layout.LatentDimension).Select(i => (long)i), "z");
            return Layers(graph, model.Network.Decoder, z, "decoder");
        });
    }

    public static ModelProto Export(CtganModel model)
    {
        var sampler = model.Sampler;
        var layout = new SamplerNoise(model.Encoder, model.EmbeddingDim, alphaNoise: false, conditionalVector: sampler.Width > 0);
        return Export(model.TableSchema, model.Encoder, layout, CtganModel.Format, "CtganSampler", null, (graph, noise, uniform) =>
        {
            string input = noise;
            if (layout.HasCondition)
            {
                input = graph.Node("Concat", [noise, ConditionalVector(graph, uniform, sampler, layout)], "generator_input", ("axis", 1L));
            }

            var body = model.Network.named_children().Single().module;
            foreach (var (name, layer) in body.named_children())
            {
                switch (layer)
                {
                    case ResidualBlock block:
                        var parts = block.named_children().Select(c => c.module).ToArray();
                        string h = Linear(graph, parts.OfType<TorchSharp.Modules.Linear>().Single(), input, name + "_linear");
                        h = BatchNorm(graph, parts.OfType<TorchSharp.Modules.BatchNorm1d>().Single(), h, name + "_norm");
                        input = graph.Node("Concat", [graph.Node("Relu", [h], name + "_relu"), input], name, ("axis", 1L));
                        break;
                    case TorchSharp.Modules.Linear linear:
                        input = Linear(graph, linear, input, name);
                        break;
                    default:
                        throw new NotSupportedException($"The CTGAN generator layer '{name}' ({layer.GetType().Name}) has no ONNX converter.");
                }
            }

            return input;
        });
    }

    private static ModelProto Export(TabularSchema schema, TabularEncoder encoder, SamplerNoise layout, string format, string graphName, float[]? sigma,
        Func<OnnxGraphBuilder, string, string, string> network)
    {
        var graph = SamplerGraph.NewGraph(schema);
        string noise = SamplerGraph.FreeName(schema, NoiseInput);
        string uniform = SamplerGraph.FreeName(schema, UniformInput);
        graph.AddInput(noise, DataType.Float, layout.NoiseWidth);
        graph.AddInput(uniform, DataType.Float, layout.UniformWidth);
        string raw = network(graph, noise, uniform);

        // One-hot spans: raw logits + Gumbel noise, padded to [N, spans, widest] (pads far below any logit), ArgMax.
        var spans = encoder.Spans.Where(s => s.Activation == SpanActivation.Softmax).ToList();
        int widest = spans.Max(s => s.Width);
        var slotPositions = spans.SelectMany(s => Enumerable.Range(s.Start, s.Width)).Select(p => (long)p).ToArray();
        string u = SamplerGraph.Columns(graph, uniform, Enumerable.Range(0, layout.SlotCount).Select(i => (long)i), "slot_uniform");
        u = graph.Node("Add", [graph.Node("Mul", [u, FloatScalar(graph, "gumbel_scale", 1 - 2e-6)], "u_scaled"), FloatScalar(graph, "gumbel_shift", 1e-6)], "u_shifted");
        string gumbel = graph.Node("Neg", [graph.Node("Log", [graph.Node("Neg", [graph.Node("Log", [u], "log_u")], "neg_log_u")], "log_neg_log_u")], "gumbel");
        string perturbed = graph.Node("Add", [SamplerGraph.Columns(graph, raw, slotPositions, "logits"), gumbel], "perturbed");
        var padIndex = new long[spans.Count * widest];
        var padBias = new float[spans.Count * widest];
        for (int s = 0, slot = 0; s < spans.Count; s++)
        {
            for (int w = 0; w < widest; w++)
            {
                padIndex[(s * widest) + w] = w < spans[s].Width ? slot + w : 0;
                padBias[(s * widest) + w] = w < spans[s].Width ? 0 : -1e30f;
            }

            slot += spans[s].Width;
        }

        string padded = graph.Node("Add", [SamplerGraph.Columns(graph, perturbed, padIndex, "padded"), graph.Constant("pad_bias", padBias, 1, padBias.Length)], "padded_logits");
        padded = graph.Node("Reshape", [padded, graph.Constant("span_shape", new long[] { -1, spans.Count, widest }, 3)], "span_logits");
        string chosen = graph.Node("ArgMax", [padded], "chosen_slot", ("axis", 2L), ("keepdims", 0L));
        int SpanNumber(OutputSpan span) => spans.IndexOf(span);

        var outputs = new (string Value, DataType Type)[schema.Columns.Count];
        var continuous = encoder.Columns.Where(c => c.Normalizer is not null).ToArray();
        var categorical = encoder.Columns.Where(c => c.Categorical is not null).ToArray();
        if (continuous.Length > 0)
        {
            AddContinuous(graph, raw, chosen, continuous, SpanNumber, sigma is null ? null : (noise, layout, sigma), schema, outputs);
        }

        if (categorical.Length > 0)
        {
            AddCategorical(graph, uniform, chosen, categorical, SpanNumber, layout, schema, outputs);
        }

        string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
        return SamplerGraph.Build(graph, schema, outputs, graphName,
        [
            new("synthesizer", format),
            new("noise_input", noise),
            new("noise_dimension", Count(layout.NoiseWidth)),
            new("noise_layout", layout.NoiseLayout),
            new("latent_dimension", Count(layout.LatentDimension)),
            new("uniform_input", uniform),
            new("uniform_dimension", Count(layout.UniformWidth)),
            new("uniform_layout", layout.UniformLayout),
        ]);
    }

    private static void AddContinuous(OnnxGraphBuilder graph, string raw, string chosen, ColumnLayout[] columns, Func<OutputSpan, int> spanNumber,
        (string Noise, SamplerNoise Layout, float[] Sigma)? alphaNoise, TabularSchema schema, (string Value, DataType Type)[] outputs)
    {
        int k = columns.Length;
        string alpha = graph.Node("Tanh", [SamplerGraph.Columns(graph, raw, columns.Select(c => (long)c.Spans[0].Start), "alpha_raw")], "alpha");
        if (alphaNoise is { } given)
        {
            var (noise, layout, sigma) = given;
            // α + σ·ε in single precision, as the decoding adds it (σ ≤ 0 adds nothing there, 0 here).
            string epsilon = SamplerGraph.Columns(graph, noise, columns.Select(c => (long)(layout.LatentDimension + Array.IndexOf(layout.AlphaColumns, c.ColumnIndex))), "alpha_noise");
            alpha = graph.Node("Add", [alpha, graph.Node("Mul", [epsilon, graph.Constant("sigma", [.. columns.Select(c => sigma[c.Spans[0].Start])], 1, k)], "sigma_noise")], "alpha_noisy");
        }

        string a = graph.Node("Cast", [alpha], "alpha_double", ("to", (long)DataType.Double));
        a = SamplerGraph.Clamp(graph, a, [.. Enumerable.Repeat(-1.0, k)], [.. Enumerable.Repeat(1.0, k)]);

        // Mode tables: μ and σ (at least 10⁻¹²) of every kept mode, column c's at its offset in the flat tables.
        var offsets = new long[k];
        var means = new List<double>();
        var deviations = new List<double>();
        for (int c = 0; c < k; c++)
        {
            offsets[c] = means.Count;
            foreach (var component in columns[c].Normalizer!.Modes)
            {
                means.Add(component.Mean);
                deviations.Add(Math.Max(component.StandardDeviation, 1e-12));
            }
        }

        string mode = SamplerGraph.Columns(graph, chosen, columns.Select(c => (long)spanNumber(c.Spans[1])), "mode");
        string at = graph.Node("Add", [mode, graph.Constant("mode_offsets", offsets, 1, k)], "mode_at");
        string mean = graph.Node("Gather", [graph.Constant("mode_means", [.. means], means.Count), at], "mean", ("axis", 0L));
        string deviation = graph.Node("Gather", [graph.Constant("mode_deviations", [.. deviations], deviations.Count), at], "deviation", ("axis", 0L));
        string x = graph.Node("Add", [graph.Node("Mul", [graph.Node("Mul", [a, SamplerGraph.Scalar(graph, "four", 4)], "four_alpha"), deviation], "offset"), mean], "x");
        x = SamplerGraph.Clamp(graph, x, [.. columns.Select(c => c.Normalizer!.Min)], [.. columns.Select(c => c.Normalizer!.Max)]);
        x = SamplerGraph.RoundWhole(graph, x, [.. columns.Select(c => c.IsInteger)]);
        var withMissing = Enumerable.Range(0, k).Where(c => columns[c].MissingSpan is not null).ToArray();
        if (withMissing.Length > 0)
        {
            // The decoding calls a value missing when the second slot of its observed/missing span is the larger.
            string slot = SamplerGraph.Columns(graph, chosen, withMissing.Select(c => (long)spanNumber(columns[c].MissingSpan!.Value)), "missing_slot");
            string missing = graph.Node("Equal", [slot, graph.Constant("one", new long[] { 1 })], "is_missing");
            x = SamplerGraph.MissingToNaN(graph, x, missing, withMissing, k);
        }

        SamplerGraph.ContinuousOutputs(graph, x, [.. columns.Select(c => schema.Columns[c.ColumnIndex])], [.. columns.Select(c => c.ColumnIndex)], outputs);
    }

    private static void AddCategorical(OnnxGraphBuilder graph, string uniform, string chosen, ColumnLayout[] columns, Func<OutputSpan, int> spanNumber,
        SamplerNoise layout, TabularSchema schema, (string Value, DataType Type)[] outputs)
    {
        int k = columns.Length;
        var infos = columns.Select(c => schema.Columns[c.ColumnIndex]).ToArray();
        string index = SamplerGraph.Columns(graph, chosen, columns.Select(c => (long)spanNumber(c.Spans[0])), "category_slot");

        // Labels of column c: its slots (category, missing text, or for the group slot its first member, unused),
        // then the members of its rare-category group.
        var labels = new string[k][];
        for (int c = 0; c < k; c++)
        {
            var encoding = columns[c].Categorical!;
            labels[c] = [.. encoding.SlotCodes.Select(code => code == OneHotTransformer.GroupSlot ? "" : SamplerGraph.Label(infos[c], code)),
                .. encoding.GroupCodes.Select(code => SamplerGraph.Label(infos[c], code))];
        }

        var grouped = Enumerable.Range(0, k).Where(c => columns[c].Categorical!.GroupCodes.Count > 0).ToArray();
        if (grouped.Length > 0)
        {
            // A group slot becomes member (width + j), j = how many cumulative frequencies lie below its uniform u:
            // the first member whose cumulative frequency is ≥ u, as the decoding's binary search finds it.
            var encodings = grouped.Select(c => columns[c].Categorical!).ToArray();
            string u = graph.Node("Cast", [SamplerGraph.Columns(graph, uniform, grouped.Select(c => (long)(layout.GroupOffset + Array.IndexOf(layout.GroupColumns, columns[c].ColumnIndex))), "group_uniform")],
                "group_uniform_double", ("to", (long)DataType.Double));
            string member = SamplerGraph.CountBelow(graph, u, [.. encodings.Select(e => e.GroupCumulative.Take(e.GroupCumulative.Count - 1).ToArray())], inclusive: false, "group");
            var spread = Enumerable.Range(0, k).Select(c => (long)Math.Max(Array.IndexOf(grouped, c), 0)).ToArray();
            member = graph.Node("Add", [SamplerGraph.Columns(graph, member, spread, "group_spread"),
                graph.Constant("group_base", [.. columns.Select(c => (long)c.Categorical!.Width)], 1, k)], "group_member");
            var groupSlot = columns.Select(c => (long)c.Categorical!.SlotCodes.ToList().IndexOf(OneHotTransformer.GroupSlot)).ToArray();
            string isGroup = graph.Node("Equal", [index, graph.Constant("group_slot", groupSlot, 1, k)], "is_group");
            index = graph.Node("Where", [isGroup, member, index], "category_label");
        }

        SamplerGraph.CategoryOutputs(graph, index, labels, infos, [.. columns.Select(c => c.ColumnIndex)], outputs);
    }

    /// <summary>
    /// CTGAN's unconditional conditional vector <c>[N, width]</c> as <c>ConditionalVectorSampler.SampleOriginal</c>
    /// draws it: column c = min(⌊u·C⌋, C − 1), its category = how many of the column's cumulative training frequencies
    /// (all but the last) are ≤ u′; a one-hot at the column's offset + category.
    /// </summary>
    private static string ConditionalVector(OnnxGraphBuilder graph, string uniform, ConditionalVectorSampler sampler, SamplerNoise layout)
    {
        int columns = sampler.ColumnCount;
        string u = graph.Node("Cast", [SamplerGraph.Column(graph, uniform, layout.ConditionOffset, "condition_column_uniform")], "condition_column_double", ("to", (long)DataType.Double));
        string column = graph.Node("Min", [graph.Node("Floor", [graph.Node("Mul", [u, SamplerGraph.Scalar(graph, "column_count", columns)], "column_position")], "column_floor"),
            SamplerGraph.Scalar(graph, "last_column", columns - 1)], "column_clamped");
        column = graph.Node("Cast", [column], "condition_column", ("to", (long)DataType.Int64));
        string v = graph.Node("Cast", [SamplerGraph.Column(graph, uniform, layout.ConditionOffset + 1, "condition_category_uniform")], "condition_category_double", ("to", (long)DataType.Double));
        v = graph.Node("Add", [v, graph.Constant("condition_spread", new double[columns], 1, columns)], "condition_category_all");
        var cumulative = sampler.EmpiricalCumulative;
        string category = SamplerGraph.CountBelow(graph, v, [.. cumulative.Select(c => c.Take(c.Length - 1).ToArray())], inclusive: true, "condition");
        category = graph.Node("GatherElements", [category, column], "condition_category", ("axis", 1L));
        string offset = graph.Node("Gather", [graph.Constant("condition_offsets", [.. sampler.Offsets.Select(o => (long)o)], columns), column], "condition_offset", ("axis", 0L));
        string position = graph.Node("Add", [offset, category], "condition_position");
        string hot = graph.Node("Equal", [position, graph.Constant("condition_slots", [.. Enumerable.Range(0, sampler.Width).Select(i => (long)i)], 1, sampler.Width)], "condition_hot");
        return graph.Node("Cast", [hot], "condition_vector", ("to", (long)DataType.Float));
    }

    /// <summary>A sequence of Linear and ReLU layers (TVAE's decoder).</summary>
    private static string Layers(OnnxGraphBuilder graph, nn.Module module, string input, string hint)
    {
        foreach (var (name, layer) in module.named_children())
        {
            input = layer switch
            {
                TorchSharp.Modules.Linear linear => Linear(graph, linear, input, hint + "_" + name),
                TorchSharp.Modules.ReLU => graph.Node("Relu", [input], hint + "_" + name),
                _ => throw new NotSupportedException($"The layer '{name}' ({layer.GetType().Name}) has no ONNX converter."),
            };
        }

        return input;
    }

    /// <summary>y = x·Wᵀ + b (<c>Gemm</c> with transB), the weights as TorchSharp holds them.</summary>
    private static string Linear(OnnxGraphBuilder graph, TorchSharp.Modules.Linear linear, string input, string hint)
    {
        var weight = linear.weight!;
        long outputs = weight.shape[0], inputs = weight.shape[1];
        string w = graph.Constant(hint + "_weight", Values(weight), outputs, inputs);
        string b = graph.Constant(hint + "_bias", linear.bias is { } bias ? Values(bias) : new float[outputs], outputs);
        return graph.Node("Gemm", [input, w, b], hint, ("transB", 1L));
    }

    /// <summary>Evaluation-mode batch normalization with the running statistics (<c>BatchNormalization</c>).</summary>
    private static string BatchNorm(OnnxGraphBuilder graph, TorchSharp.Modules.BatchNorm1d norm, string input, string hint)
    {
        if (norm.running_mean is null || norm.running_var is null || norm.weight is null || norm.bias is null)
        {
            throw new NotSupportedException($"The batch normalization '{hint}' has no running statistics or no affine parameters; it cannot be exported.");
        }

        long width = norm.running_mean.shape[0];
        return graph.Node("BatchNormalization",
        [
            input,
            graph.Constant(hint + "_scale", Values(norm.weight), width),
            graph.Constant(hint + "_shift", Values(norm.bias), width),
            graph.Constant(hint + "_mean", Values(norm.running_mean), width),
            graph.Constant(hint + "_variance", Values(norm.running_var), width),
        ], hint, ("epsilon", (float)norm.eps));
    }

    private static float[] Values(Tensor tensor)
    {
        using var noGrad = no_grad();
        using var cpu = tensor.detach().cpu().contiguous();
        return cpu.data<float>().ToArray();
    }

    private static string FloatScalar(OnnxGraphBuilder graph, string hint, double value) => graph.Constant(hint, [(float)value]);
}
