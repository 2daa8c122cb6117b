using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// A column that a synthesizer does not model but regenerates after sampling (an identifier or personal information).
/// Row <c>i</c> of a sample is a pure function of the sampling seed and <c>i</c>: missing with the training missing
/// rate, else the generator's value. Blocks of any size therefore give the same rows.
/// </summary>
internal abstract class GeneratedColumn
{
    private protected GeneratedColumn(string name, DataViewType type, double missingRate, string? missingText)
    {
        Name = name;
        Type = type;
        MissingRate = missingRate;
        MissingText = missingText;
    }

    public string Name { get; }

    /// <summary>The column's type in the user's data; generated values have it.</summary>
    public DataViewType Type { get; }

    /// <summary>The share of training rows where the column was missing.</summary>
    public double MissingRate { get; }

    /// <summary>For text: the text that stood for missing values in training (written back as is).</summary>
    public string? MissingText { get; }

    /// <summary>The metadata kind this column was declared with.</summary>
    public abstract ColumnMetadata Metadata { get; }

    /// <summary>The column's values for rows <paramref name="firstRow"/> to <paramref name="firstRow"/> + <paramref name="rows"/> − 1 of a sample with <paramref name="seed"/>.</summary>
    public abstract (TableColumn Column, TableColumnInfo Info) Generate(long firstRow, int rows, int seed);

    /// <summary>Whether row <paramref name="row"/> is missing.</summary>
    private protected bool IsMissing(ulong key, long row) => MissingRate > 0 && new RowRandom(key, row, -1).NextDouble() < MissingRate;

    /// <summary>Writes the kind tag, the common part and the generator's own part.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Tag);
        writer.Write(Name);
        writer.Write(DataViewTypeCodes.Encode(Type));
        writer.Write(MissingRate);
        writer.Write(MissingText is not null);
        writer.Write(MissingText ?? string.Empty);
        WriteContents(writer);
    }

    private protected abstract byte Tag { get; }

    private protected abstract void WriteContents(BinaryWriter writer);

    public static GeneratedColumn Read(ModelReader reader)
    {
        byte tag = reader.ReadByte("generator kind");
        var name = reader.ReadString("name");
        using var part = reader.Part(ModelReader.Quote(name));
        var code = reader.ReadString("type", 64);
        reader.Check(DataViewTypeCodes.TryDecode(code, out var type) && type is TextDataViewType or NumberDataViewType, $"the type code {ModelReader.Quote(code)} is not a text or number type");
        double missingRate = reader.ReadDouble("missing rate");
        reader.Check(missingRate is >= 0 and < 1, "the missing rate is not in [0, 1)");
        bool hasMissingText = reader.ReadBoolean("missing-text flag");
        var missingText = reader.ReadString("missing text");
        string? missing = hasMissingText ? missingText : null;
        return tag switch
        {
            IntegerIdColumn.KindTag => IntegerIdColumn.ReadContents(reader, name, type, missingRate),
            TextIdColumn.KindTag => TextIdColumn.ReadContents(reader, name, type, missingRate, missing),
            PiiColumn.KindTag => PiiColumn.ReadContents(reader, name, type, missingRate, missing),
            _ => throw reader.Corrupt($"generator kind {tag} is not one this library reads"),
        };
    }
}
