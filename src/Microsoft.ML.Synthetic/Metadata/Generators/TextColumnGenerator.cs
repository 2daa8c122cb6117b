using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>A generated text column: one value per row, written as a categorical column whose categories are the values of the block.</summary>
internal abstract class TextColumnGenerator : GeneratedColumn
{
    private protected TextColumnGenerator(string name, double missingRate, string? missingText)
        : base(name, TextDataViewType.Instance, missingRate, missingText)
    {
    }

    /// <summary>A per-sample state (a keyed permutation, say) that <see cref="Value"/> uses.</summary>
    private protected virtual object? Prepare(ulong key) => null;

    /// <summary>The value of row <paramref name="row"/>.</summary>
    private protected abstract string Value(ulong key, long row, object? prepared);

    public override (TableColumn Column, TableColumnInfo Info) Generate(long firstRow, int rows, int seed)
    {
        ulong key = RowRandom.ColumnKey(seed, Name);
        var prepared = Prepare(key);
        var codes = new int[rows];
        var categories = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < rows; i++)
        {
            long row = firstRow + i;
            if (IsMissing(key, row))
            {
                codes[i] = -1;
                continue;
            }

            var v = Value(key, row, prepared);
            if (!index.TryGetValue(v, out int code))
            {
                code = categories.Count;
                index.Add(v, code);
                categories.Add(v);
            }

            codes[i] = code;
        }

        var info = new TableColumnInfo(Name, ColumnKind.Categorical, Type, false, categories, double.NaN, double.NaN, MissingText, null);
        return (new CategoricalColumn(Name, codes, categories), info);
    }
}
