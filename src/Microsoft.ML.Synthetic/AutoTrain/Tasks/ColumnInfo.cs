using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.AutoTrain.Tasks;

/// <summary>What the search needs to know of a column after the prefix: scalar or known-size vector, item type, key.</summary>
internal readonly record struct ColumnInfo(bool Scalar, bool KnownSizeVector, DataViewType ItemType, bool IsKey)
{
    /// <summary>A readable description for error messages.</summary>
    public string Describe() => (IsKey ? "a key of " : "") + (Scalar ? "a scalar " : KnownSizeVector ? "a vector of " : "a variable-size vector of ") + ItemType;
}
