using Google.Protobuf;
using Microsoft.ML.Synthetic.Onnx.Protocol;

namespace Microsoft.ML.Synthetic.Onnx;

/// <summary>
/// Builds an ONNX graph node by node: unique value names, constants as initializers, typed graph inputs and
/// outputs, and at the end a model that keeps only what the outputs need.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>The ONNX domain of the classical machine-learning operators.</summary>
    public const string MlDomain = "ai.onnx.ml";

    private readonly List<NodeProto> _nodes = [];
    private readonly List<TensorProto> _initializers = [];
    private readonly List<ValueInfoProto> _inputs = [];
    private readonly List<ValueInfoProto> _outputs = [];
    private readonly List<ValueInfoProto> _valueInfos = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reservedOutputs = new(StringComparer.Ordinal);
    private int _nodeCount;
    private int _valueCount;

    /// <summary>
    /// Reserves a name for an inner value: <paramref name="hint"/> with a running number, so inner values never
    /// take the exact names graph inputs and outputs use (the column names).
    /// </summary>
    public string UniqueName(string hint)
    {
        string name;
        do
        {
            name = $"{hint}_{_valueCount++}";
        }
        while (!_names.Add(name));
        return name;
    }

    /// <summary>Whether a value of this name exists.</summary>
    public bool IsNameUsed(string name) => _names.Contains(name);

    /// <summary>
    /// Reserves the names of graph outputs declared later with <see cref="AddOutput"/>, so that no inner value takes
    /// one of them whatever it is called (a column named like an inner value, e.g. <c>z_1</c>).
    /// </summary>
    public void ReserveOutputNames(IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            if (!_names.Add(name))
            {
                throw new InvalidOperationException($"The ONNX value name '{name}' is already used.");
            }

            _reservedOutputs.Add(name);
        }
    }

    /// <summary>Declares a graph input of shape <c>[N, width]</c>; the name must be free.</summary>
    public void AddInput(string name, TensorProto.Types.DataType type, int width)
    {
        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"The ONNX value name '{name}' is already used.");
        }

        _inputs.Add(ValueInfo(name, type, width));
    }

    /// <summary>Declares a graph output of shape <c>[N, width]</c>, an identity of <paramref name="source"/>.</summary>
    public void AddOutput(string name, string source, TensorProto.Types.DataType type, int width)
    {
        if (!_reservedOutputs.Remove(name) && !_names.Add(name))
        {
            throw new InvalidOperationException($"The ONNX value name '{name}' is already used.");
        }

        _nodes.Add(NewNode("Identity", [source], [name], "", []));
        _outputs.Add(ValueInfo(name, type, width));
    }

    /// <summary>
    /// Records the type and shape of an inner value (dimensions: null = the row count N), for operators whose
    /// output type ONNX shape inference does not derive on its own.
    /// </summary>
    public void DeclareValue(string name, TensorProto.Types.DataType type, params long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long? d in dims)
        {
            shape.Dim.Add(d is { } size ? new TensorShapeProto.Types.Dimension { DimValue = size } : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        }

        _valueInfos.Add(new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        });
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, IEnumerable<string> inputs, string outputHint, params (string Name, object Value)[] attributes) =>
        NodeIn("", opType, inputs, outputHint, attributes);

    /// <summary>Adds an <c>ai.onnx.ml</c> node with one output and returns the output's name.</summary>
    public string MlNode(string opType, IEnumerable<string> inputs, string outputHint, params (string Name, object Value)[] attributes) =>
        NodeIn(MlDomain, opType, inputs, outputHint, attributes);

    /// <summary>Adds a node of <paramref name="domain"/> with one output and returns the output's name.</summary>
    public string NodeIn(string domain, string opType, IEnumerable<string> inputs, string outputHint, params (string Name, object Value)[] attributes)
    {
        string output = UniqueName(outputHint);
        _nodes.Add(NewNode(opType, inputs, [output], domain, attributes));
        return output;
    }

    /// <summary>Adds a node with several outputs and returns their names.</summary>
    public string[] NodeWithOutputs(string domain, string opType, IEnumerable<string> inputs, IReadOnlyList<string> outputHints,
        params (string Name, object Value)[] attributes)
    {
        var outputs = outputHints.Select(UniqueName).ToArray();
        _nodes.Add(NewNode(opType, inputs, outputs, domain, attributes));
        return outputs;
    }

    /// <summary>A float constant of the given shape.</summary>
    public string Constant(string hint, float[] values, params long[] dims)
    {
        var tensor = NewTensor(hint, TensorProto.Types.DataType.Float, dims);
        tensor.FloatData.AddRange(values);
        return AddInitializer(tensor);
    }

    /// <summary>A double constant of the given shape.</summary>
    public string Constant(string hint, double[] values, params long[] dims)
    {
        var tensor = NewTensor(hint, TensorProto.Types.DataType.Double, dims);
        tensor.DoubleData.AddRange(values);
        return AddInitializer(tensor);
    }

    /// <summary>An int64 constant of the given shape.</summary>
    public string Constant(string hint, long[] values, params long[] dims)
    {
        var tensor = NewTensor(hint, TensorProto.Types.DataType.Int64, dims);
        tensor.Int64Data.AddRange(values);
        return AddInitializer(tensor);
    }

    /// <summary>A constant built by the caller (e.g. string or Boolean data); its name must come from <see cref="UniqueName"/>.</summary>
    public string Constant(TensorProto tensor) => AddInitializer(tensor);

    /// <summary>
    /// The model: opset 17 of the default domain and opset 3 of <c>ai.onnx.ml</c> (IR version 8), keeping
    /// only the nodes, initializers and inputs the outputs depend on.
    /// </summary>
    public ModelProto Build(string graphName, string producerVersion, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var needed = new HashSet<string>(_outputs.Select(o => o.Name), StringComparer.Ordinal);
        var kept = new List<NodeProto>();
        for (int i = _nodes.Count - 1; i >= 0; i--)
        {
            var node = _nodes[i];
            if (node.Output.Any(needed.Contains))
            {
                kept.Add(node);
                foreach (string input in node.Input)
                {
                    if (input.Length > 0) needed.Add(input);
                }
            }
        }

        kept.Reverse();
        var graph = new GraphProto { Name = graphName };
        graph.Node.AddRange(kept);
        graph.Initializer.AddRange(_initializers.Where(t => needed.Contains(t.Name)));
        graph.Input.AddRange(_inputs.Where(v => needed.Contains(v.Name)));
        graph.Output.AddRange(_outputs);
        graph.ValueInfo.AddRange(_valueInfos.Where(v => needed.Contains(v.Name)));

        var model = new ModelProto
        {
            IrVersion = OnnxExportOptions.IrVersion,
            ProducerName = "Microsoft.ML.Synthetic",
            ProducerVersion = producerVersion,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxExportOptions.Opset });
        if (kept.Any(n => n.Domain == MlDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = OnnxExportOptions.MlOpset });
        }

        foreach (var (key, value) in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model;
    }

    /// <summary>A double tensor for an attribute (not a graph value).</summary>
    public static TensorProto DoubleTensor(double[] values)
    {
        var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Double };
        tensor.Dims.Add(values.Length);
        tensor.DoubleData.AddRange(values);
        return tensor;
    }

    private string AddInitializer(TensorProto tensor)
    {
        _initializers.Add(tensor);
        return tensor.Name;
    }

    private TensorProto NewTensor(string hint, TensorProto.Types.DataType type, long[] dims)
    {
        var tensor = new TensorProto { Name = UniqueName(hint), DataType = (int)type };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private NodeProto NewNode(string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, string domain,
        (string Name, object Value)[] attributes)
    {
        var node = new NodeProto { OpType = opType, Domain = domain, Name = $"{opType}_{_nodeCount++}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        foreach (var (name, value) in attributes)
        {
            node.Attribute.Add(Attribute(name, value));
        }

        return node;
    }

    private static AttributeProto Attribute(string name, object value)
    {
        var a = new AttributeProto { Name = name };
        switch (value)
        {
            case float f:
                a.Type = AttributeProto.Types.AttributeType.Float;
                a.F = f;
                break;
            case double d:
                a.Type = AttributeProto.Types.AttributeType.Float;
                a.F = (float)d;
                break;
            case int i:
                a.Type = AttributeProto.Types.AttributeType.Int;
                a.I = i;
                break;
            case long l:
                a.Type = AttributeProto.Types.AttributeType.Int;
                a.I = l;
                break;
            case string s:
                a.Type = AttributeProto.Types.AttributeType.String;
                a.S = ByteString.CopyFromUtf8(s);
                break;
            case float[] fs:
                a.Type = AttributeProto.Types.AttributeType.Floats;
                a.Floats.AddRange(fs);
                break;
            case long[] ls:
                a.Type = AttributeProto.Types.AttributeType.Ints;
                a.Ints.AddRange(ls);
                break;
            case string[] ss:
                a.Type = AttributeProto.Types.AttributeType.Strings;
                a.Strings.AddRange(ss.Select(ByteString.CopyFromUtf8));
                break;
            case TensorProto t:
                a.Type = AttributeProto.Types.AttributeType.Tensor;
                a.T = t;
                break;
            default:
                throw new ArgumentException($"Attribute '{name}' has a type ONNX attributes cannot hold: {value?.GetType().Name}.", nameof(value));
        }

        return a;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
