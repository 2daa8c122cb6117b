using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Synthesizers;

/// <summary>The readers of saved synthesizers, by format name: one line per synthesizer, with the body version it writes.</summary>
internal static class SynthesizerFormats
{
    private static readonly Dictionary<string, Format> Readers =
        new(StringComparer.Ordinal)
        {
            [GaussianCopulaModel.Format] = new("Gaussian copula", GaussianCopulaModel.FormatVersion, GaussianCopulaModel.Read),
            [TvaeModel.Format] = new("TVAE", TvaeModel.FormatVersion, TvaeModel.Read),
            [CtganModel.Format] = new("CTGAN", CtganModel.FormatVersion, CtganModel.Read),
            [ArfModel.Format] = new("ARF", ArfModel.FormatVersion, ArfModel.Read),
            [MstModel.Format] = new("MST", MstModel.FormatVersion, MstModel.Read),
            [AimModel.Format] = new("AIM", AimModel.FormatVersion, AimModel.Read),
            [DiffusionModel.Format] = new("diffusion", DiffusionModel.FormatVersion, DiffusionModel.Read),
        };

    public static bool IsKnown(string format) => Readers.ContainsKey(format);

    /// <summary>The body version written for <paramref name="format"/>.</summary>
    public static int CurrentVersion(string format) => Readers[format].Version;

    /// <summary>The name of <paramref name="format"/> in messages ("TVAE").</summary>
    public static string DisplayName(string format) => Readers[format].DisplayName;

    public static SynthesizerModelBase Read(string format, int version, ModelReader reader, TabularSchema schema)
    {
        var known = Readers[format];
        if (version != known.Version)
        {
            throw reader.Corrupt($"format version {version} is not one this library reads (it reads {known.DisplayName} version {known.Version}); a newer SyntheticML may have written it");
        }

        return known.Read(reader, schema);
    }

    private sealed record Format(string DisplayName, int Version, Func<ModelReader, TabularSchema, SynthesizerModelBase> Read);
}
