using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// Saves and loads a <see cref="ColumnTransformer"/> of any kind: a version, the kind's tag, then the kind's own
/// bytes; loading goes through the bounded <see cref="ModelReader"/>, so every problem is an
/// <see cref="InvalidDataException"/> naming the part ("transformer of column 'age' › marginal: …").
/// </summary>
internal static class TransformerFile
{
    /// <summary>The layout version written.</summary>
    public const int Version = 1;

    /// <summary>Writes <paramref name="transformer"/> with its kind tag.</summary>
    public static void Save(BinaryWriter writer, ColumnTransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(transformer);
        writer.Write(Version);
        writer.Write((int)transformer.Kind);
        transformer.Write(writer);
    }

    /// <summary>Reads a transformer saved by <see cref="Save"/> for the schema's <paramref name="info"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated or corrupt, of another version, or a kind that does not fit the column's kind (the message names the part).</exception>
    public static ColumnTransformer Load(ModelReader reader, TableColumnInfo info)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(info);
        using var part = reader.Part($"transformer of column {ModelReader.Quote(info.Name)}");
        int version = reader.ReadInt32("transformer version");
        reader.Check(version == Version, $"transformer version {version} is not one this library reads (it reads version {Version})");
        var kind = reader.ReadEnum<TransformerKind>("transformer kind");
        bool continuous = kind is TransformerKind.Number or TransformerKind.ModeSpecific or TransformerKind.Quantile or TransformerKind.NormalScore or TransformerKind.Rank;
        reader.Check(continuous == (info.Kind == ColumnKind.Continuous), $"a {kind} transformer does not fit the {info.Kind} column");
        return kind switch
        {
            TransformerKind.Number => NumberTransformer.Read(reader, info),
            TransformerKind.CategoryCode => CategoryCodeTransformer.Read(reader, info),
            TransformerKind.OneHot => OneHotTransformer.Read(reader, info),
            TransformerKind.FrequencyInterval => FrequencyIntervalTransformer.Read(reader, info),
            TransformerKind.ModeSpecific => ModeSpecificTransformer.Read(reader, info),
            TransformerKind.Quantile => QuantileTransformer.Read(reader, info),
            TransformerKind.Rank => RankTransformer.Read(reader, info),
            _ => NormalScoreTransformer.Read(reader, info),
        };
    }
}
