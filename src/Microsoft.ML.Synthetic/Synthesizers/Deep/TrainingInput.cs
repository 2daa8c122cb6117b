using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;
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
/// <param name="Encoder">The encoding.</param>
/// <param name="Rows">The training rows (under DP: restated against the declared metadata).</param>
/// <param name="Data">The encoded rows, row-major.</param>
/// <param name="Random">The seeded generator of draws outside LibTorch (it drew the encoding's random parts first).</param>
/// <param name="Seed">The seed of training's draws.</param>
/// <param name="Device">Where training runs.</param>
internal sealed record TrainingInput(TabularEncoder Encoder, TabularData Rows, float[] Data, Random Random, int Seed, Device Device)
{
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
