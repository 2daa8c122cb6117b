using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Deep;
using Microsoft.ML.Synthetic.Preprocessing;
using Microsoft.ML.Synthetic.Privacy.DpSgd;
using Microsoft.ML.Synthetic.Privacy.DpTvae;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// What a deep synthesizer trains on, prepared alike for every model: without differential privacy, the encoding
/// fitted to the data and the seed of the options or the context; with it, the encoding built from the declared public
/// metadata (the rows restated against it) and a secret seed unless the user asked for a not-private reproducible run
/// (<see cref="DifferentialPrivacyOptions.NonPrivateReproducibleSeed"/>). Also applies the thread setting and
/// resolves the device.
/// </summary>
internal sealed class TrainingInput
{
    private TrainingInput(TabularEncoder encoder, TabularData rows, float[] data, Random random, int seed, Device device)
    {
        Encoder = encoder;
        Rows = rows;
        Data = data;
        Random = random;
        Seed = seed;
        Device = device;
    }

    public TabularEncoder Encoder { get; }

    /// <summary>The training rows (under DP: restated against the declared metadata).</summary>
    public TabularData Rows { get; }

    /// <summary>The encoded rows, row-major.</summary>
    public float[] Data { get; }

    /// <summary>The seeded generator of draws outside LibTorch (it drew the encoding's random parts first).</summary>
    public Random Random { get; }

    /// <summary>The seed of training's draws.</summary>
    public int Seed { get; }

    public Device Device { get; }

    /// <param name="table">The training data.</param>
    /// <param name="options">The synthesizer's options.</param>
    /// <param name="seed">The seed of non-private training (the options' or the context's).</param>
    /// <param name="monitor">Told the encoder's and the device's warnings.</param>
    /// <param name="dpModel">The synthesizer's name in errors about missing declared metadata.</param>
    public static TrainingInput Prepare(TabularData table, DeepSynthesizerOptions options, int seed, TrainingMonitor monitor, string dpModel)
    {
        var privacy = options.DifferentialPrivacy;
        if (privacy is not null)
        {
            seed = DpTrainingRandomness.TrainingSeed(privacy.NonPrivateReproducibleSeed);
        }

        var (encoder, rows) = privacy is null
            ? (TabularEncoder.Fit(table, options.Encoding, monitor.Warn, options.Threads), table)
            : PublicMetadataEncoder.Build(table, privacy, dpModel);
        var random = new Random(seed);
        var data = encoder.Encode(rows, random);
        TorchHelpers.ApplyThreads(options.Threads);
        return new TrainingInput(encoder, rows, data, random, seed, TorchDevices.Resolve(options.Device, monitor.Warn));
    }
}
