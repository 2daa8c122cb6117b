using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Onnx.Protocol;

namespace Microsoft.ML.Synthetic.Onnx;

/// <summary>
/// The state of one export: the graph being built, and for every visible ML.NET column the ONNX value that
/// holds it after the stages converted so far.
/// </summary>
internal sealed class OnnxConversionContext
{
    private readonly Dictionary<string, OnnxColumn> _columns = new(StringComparer.Ordinal);

    /// <summary>Starts an export of a chain whose input has <paramref name="inputSchema"/>: declares one graph input per visible column.</summary>
    public OnnxConversionContext(DataViewSchema inputSchema)
    {
        foreach (var column in inputSchema.Where(c => !c.IsHidden))
        {
            var itemType = column.Type is VectorDataViewType v ? v.ItemType : column.Type;
            int width = column.Type is VectorDataViewType vv ? vv.Size : 1;
            var external = OnnxTypes.ExternalElementType(itemType);
            if (external is null || width == 0 || Graph.IsNameUsed(column.Name))
            {
                _columns[column.Name] = new OnnxColumn(null, column.Type);
                continue;
            }

            Graph.AddInput(column.Name, external.Value, width);
            string tensor = column.Name;
            if (itemType is KeyDataViewType)
            {
                tensor = Graph.Node("Cast", [tensor], column.Name + "_key", ("to", (long)TensorProto.Types.DataType.Int64));
            }

            _columns[column.Name] = new OnnxColumn(tensor, column.Type);
            InputTensors.Add(tensor);
        }
    }

    /// <summary>The graph being built.</summary>
    public OnnxGraphBuilder Graph { get; } = new();

    /// <summary>The values that hold the chain's input columns.</summary>
    public HashSet<string> InputTensors { get; } = new(StringComparer.Ordinal);

    /// <summary>The visible columns and their ONNX values.</summary>
    public IReadOnlyDictionary<string, OnnxColumn> Columns => _columns;

    /// <summary>The column <paramref name="name"/>, which must exist and have an ONNX value.</summary>
    public OnnxColumn Column(string name, ITransformer stage)
    {
        if (!_columns.TryGetValue(name, out var column))
        {
            throw new NotSupportedException($"ONNX export of {stage.GetType().Name}: input column '{name}' is not in the exported chain's schema.");
        }

        if (column.Tensor is null)
        {
            throw new NotSupportedException($"ONNX export of {stage.GetType().Name}: column '{name}' of type {column.Type} cannot be held in an ONNX tensor.");
        }

        return column;
    }

    /// <summary>Sets the ONNX value of column <paramref name="name"/>.</summary>
    public void SetColumn(string name, string tensor, DataViewType type) => _columns[name] = new OnnxColumn(tensor, type);

    /// <summary>
    /// After a stage: drops the columns the stage's output no longer shows and checks that every visible
    /// output column has a value of the type ML.NET gives it, so a converter that missed a column fails
    /// loudly instead of exporting a wrong model.
    /// </summary>
    public void SyncWith(DataViewSchema output, ITransformer stage)
    {
        var visible = new HashSet<string>(output.Where(c => !c.IsHidden).Select(c => c.Name), StringComparer.Ordinal);
        foreach (string name in _columns.Keys.Where(n => !visible.Contains(n)).ToList())
        {
            _columns.Remove(name);
        }

        foreach (var column in output.Where(c => !c.IsHidden))
        {
            if (!_columns.TryGetValue(column.Name, out var held) || !held.Type.Equals(column.Type))
            {
                throw new NotSupportedException($"ONNX export of {stage.GetType().Name}: column '{column.Name}' ({column.Type}) "
                    + $"was not converted{(held is null ? "" : $" (the graph holds {held.Type})")}.");
            }
        }
    }
}
