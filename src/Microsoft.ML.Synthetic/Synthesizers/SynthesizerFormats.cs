using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>The readers of saved synthesizers, by format name: one line per synthesizer.</summary>
internal static class SynthesizerFormats
{
    private static readonly Dictionary<string, Func<BinaryReader, TabularSchema, SynthesizerModelBase>> Readers =
        new(StringComparer.Ordinal)
        {
            [GaussianCopulaModel.Format] = GaussianCopulaModel.Read,
            [TvaeModel.Format] = TvaeModel.Read,
            [CtganModel.Format] = CtganModel.Read,
        };

    public static SynthesizerModelBase Read(string format, BinaryReader reader, TabularSchema schema) =>
        Readers.TryGetValue(format, out var read)
            ? read(reader, schema)
            : throw new InvalidDataException($"Unknown synthesizer format '{format}'. Known: {string.Join(", ", Readers.Keys)}.");
}
