using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Onnx.Protocol;

namespace Microsoft.ML.Synthetic.Onnx;

/// <summary>
/// Where an ML.NET column lives in the ONNX graph: the value that holds it (shape <c>[N, width]</c>) and its
/// ML.NET type. Key columns are held as int64 key values (1…count, 0 = missing), as ML.NET numbers them.
/// </summary>
/// <param name="Tensor">The ONNX value name; null when the column cannot be an ONNX value.</param>
/// <param name="Type">The ML.NET column type.</param>
internal sealed record OnnxColumn(string? Tensor, DataViewType Type)
{
    /// <summary>The item type: the type itself for scalars, the item type for vectors.</summary>
    public DataViewType ItemType => Type is VectorDataViewType v ? v.ItemType : Type;

    /// <summary>Values per row: 1 for scalars, the vector size for fixed-size vectors, 0 for variable size.</summary>
    public int Width => Type is VectorDataViewType v ? v.Size : 1;

    /// <summary>Whether the column is an ML.NET key.</summary>
    public bool IsKey => ItemType is KeyDataViewType;

    /// <summary>The ONNX element type that holds this column in the graph.</summary>
    public TensorProto.Types.DataType ElementType => OnnxTypes.GraphElementType(ItemType)
        ?? throw new NotSupportedException($"ML.NET type {ItemType} has no ONNX element type.");
}

/// <summary>The ONNX element types of ML.NET column types.</summary>
internal static class OnnxTypes
{
    /// <summary>The element type a column of this item type is held in inside the graph (keys: int64), or null.</summary>
    public static TensorProto.Types.DataType? GraphElementType(DataViewType itemType) => itemType switch
    {
        KeyDataViewType => TensorProto.Types.DataType.Int64,
        _ => ExternalElementType(itemType),
    };

    /// <summary>The element type of a graph input or output of this item type (keys: uint32 as ML.NET stores them), or null.</summary>
    public static TensorProto.Types.DataType? ExternalElementType(DataViewType itemType)
    {
        if (itemType is KeyDataViewType key)
        {
            return key.RawType == typeof(uint) ? TensorProto.Types.DataType.Uint32 : null;
        }

        if (itemType is TextDataViewType) return TensorProto.Types.DataType.String;
        if (itemType is BooleanDataViewType) return TensorProto.Types.DataType.Bool;
        if (itemType == NumberDataViewType.Single) return TensorProto.Types.DataType.Float;
        if (itemType == NumberDataViewType.Double) return TensorProto.Types.DataType.Double;
        if (itemType == NumberDataViewType.Int32) return TensorProto.Types.DataType.Int32;
        if (itemType == NumberDataViewType.Int64) return TensorProto.Types.DataType.Int64;
        if (itemType == NumberDataViewType.UInt32) return TensorProto.Types.DataType.Uint32;
        if (itemType == NumberDataViewType.Int16) return TensorProto.Types.DataType.Int16;
        if (itemType == NumberDataViewType.Byte) return TensorProto.Types.DataType.Uint8;
        return null;
    }
}
