using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Diffusion;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Fits a TabDDPM-class diffusion synthesizer (Kotelnikov, Baranchuk, Rubachev and Babenko, "TabDDPM: Modelling
/// Tabular Data with Diffusion Models", ICML 2023): Gaussian diffusion on quantile-normalised continuous columns,
/// multinomial diffusion on categorical ones, one MLP denoiser, optionally conditioned on a label column. Create it
/// with <c>mlContext.Synthetic().Synthesizers.Diffusion(...)</c>.
/// </summary>
public sealed class DiffusionEstimator : SynthesizerEstimatorBase<DiffusionModel>
{
    internal DiffusionEstimator(SyntheticCatalog catalog, DiffusionOptions options)
        : base(catalog, options?.DataOptions, options?.Seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public DiffusionOptions Options { get; }

    /// <inheritdoc/>
    private protected override DiffusionModel FitTable(TabularData table)
    {
        int seed = NextSeed();
        using var monitor = new TrainingMonitor(Context, "Diffusion", Options);
        monitor.ThrowIfCancelled();
        if (Options.Device != DeepDevice.Cpu)
        {
            monitor.Warn("The diffusion synthesizer trains and samples on the CPU; the Device setting is ignored.");
        }

        var encoding = DiffusionEncoding.Fit(table, Options.LabelColumn);
        var random = new Random(seed);
        var (numeric, codes, classes) = encoding.Encode(table, random);
        TorchHelpers.ApplyThreads(Options.Threads);
        using var flush = DenormalFlush.Enter();
        using var training = new DiffusionTraining(encoding, numeric, codes, classes, table.RowCount, Options, seed, CPU);
        using (var step = new DiffusionStep(training, random))
        {
            TrainingLoop.Run(monitor, Options.Epochs, step);
        }

        training.Average.CopyTo();
        training.Network.eval();
        return new DiffusionModel(table.Schema, encoding, training.Network, Options, ClassFrequencies(classes, encoding.LabelClasses), monitor.History);
    }

    private static double[] ClassFrequencies(int[] classes, int count)
    {
        var frequencies = new double[count];
        foreach (var c in classes)
        {
            frequencies[c] += 1.0 / classes.Length;
        }

        return frequencies;
    }
}
