using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Benchmarks.Leaderboard;

/// <summary>
/// Every synthesizer of the library, as the leaderboard runs it. A new synthesizer is one more line of
/// <see cref="All"/>, with its options' spelling of seed, threads and epochs/iterations, honouring
/// <see cref="LeaderboardFitSettings.Epochs"/> under <c>--quick</c>.
/// </summary>
internal static class LeaderboardEntries
{
    /// <summary>The entries in leaderboard order. Defaults everywhere except the seed, the threads and the declared public metadata (DP).</summary>
    public static readonly IReadOnlyList<LeaderboardEntry> All =
    [
        new("copula", Deep: false, s => new(s.Ml.Synthetic().Synthesizers.GaussianCopula(seed: s.Seed), null)),
        new("arf", Deep: false, s => new(s.Ml.Synthetic().Synthesizers.Arf(new ArfOptions { Seed = s.Seed, Threads = s.Threads }), null)),
        new("ctgan", Deep: true, s => Ctgan(new CtganOptions { Seed = s.Seed, Threads = s.Threads }, s)),
        new("tvae", Deep: true, s => Tvae(new TvaeOptions { Seed = s.Seed, Threads = s.Threads }, s)),
        new("diffusion", Deep: true, s => Diffusion(new DiffusionOptions { Seed = s.Seed, Threads = s.Threads, LabelColumn = s.Table.Label }, s)),
        new("dptvae_eps1", Deep: true, s => Tvae(Private(new TvaeOptions { Seed = s.Seed, Threads = s.Threads, Epsilon = 1, Delta = 1e-5 }, s), s)),
        new("dptvae_eps10", Deep: true, s => Tvae(Private(new TvaeOptions { Seed = s.Seed, Threads = s.Threads, Epsilon = 10, Delta = 1e-5 }, s), s)),
        new("dpctgan_eps1", Deep: true, s => Ctgan(Private(new CtganOptions { Seed = s.Seed, Threads = s.Threads, Epsilon = 1, Delta = 1e-5 }, s), s)),
        new("dpctgan_eps10", Deep: true, s => Ctgan(Private(new CtganOptions { Seed = s.Seed, Threads = s.Threads, Epsilon = 10, Delta = 1e-5 }, s), s)),
        new("mst_eps1", Deep: false, s => new(s.Ml.Synthetic().Synthesizers.Mst(Marginal(new MstOptions { Seed = s.Seed, Epsilon = 1, Delta = 1e-5 }, s)), null)),
        new("mst_eps10", Deep: false, s => new(s.Ml.Synthetic().Synthesizers.Mst(Marginal(new MstOptions { Seed = s.Seed, Epsilon = 10, Delta = 1e-5 }, s)), null)),
        new("aim_eps1", Deep: false, s => new(s.Ml.Synthetic().Synthesizers.Aim(Marginal(new AimOptions { Seed = s.Seed, Epsilon = 1, Delta = 1e-5 }, s)), null)),
        new("aim_eps10", Deep: false, s => new(s.Ml.Synthetic().Synthesizers.Aim(Marginal(new AimOptions { Seed = s.Seed, Epsilon = 10, Delta = 1e-5 }, s)), null)),
    ];

    /// <summary>
    /// A marginal synthesizer's options with the table's declared public domain (the bounds and categories the DP deep
    /// entries get; number columns in the default equal-width bins), δ = 1e-5 as the DP deep entries, secure noise.
    /// </summary>
    private static T Marginal<T>(T options, LeaderboardFitSettings settings)
        where T : MarginalSynthesizerOptions
    {
        var declared = new DifferentialPrivacyOptions();
        settings.Table.DeclarePublicMetadata(declared);
        foreach (var (column, bounds) in declared.PublicBounds) options.PublicBounds[column] = bounds;
        foreach (var (column, categories) in declared.PublicCategories) options.PublicCategories[column] = categories;
        return options;
    }

    private static T Private<T>(T options, LeaderboardFitSettings settings)
        where T : DeepSynthesizerOptions
    {
        settings.Table.DeclarePublicMetadata(options.DifferentialPrivacy!);
        return options;
    }

    private static void SetEpochs(DeepSynthesizerOptions options, LeaderboardFitSettings settings)
    {
        options.Progress = EveryTenthEpoch.Instance;
        if ((settings.Epochs ?? (options.DifferentialPrivacy is null ? settings.NonPrivateEpochs : null)) is int epochs) options.Epochs = epochs;
    }

    private static LeaderboardFit Ctgan(CtganOptions options, LeaderboardFitSettings settings)
    {
        SetEpochs(options, settings);
        return new(settings.Ml.Synthetic().Synthesizers.Ctgan(options), options.Epochs);
    }

    private static LeaderboardFit Tvae(TvaeOptions options, LeaderboardFitSettings settings)
    {
        SetEpochs(options, settings);
        return new(settings.Ml.Synthetic().Synthesizers.Tvae(options), options.Epochs);
    }

    private static LeaderboardFit Diffusion(DiffusionOptions options, LeaderboardFitSettings settings)
    {
        SetEpochs(options, settings);
        return new(settings.Ml.Synthetic().Synthesizers.Diffusion(options), options.Epochs);
    }

    /// <summary>Training progress on standard error, every tenth epoch and the last.</summary>
    private sealed class EveryTenthEpoch : IProgress<DeepTrainingProgress>
    {
        public static readonly EveryTenthEpoch Instance = new();

        public void Report(DeepTrainingProgress value)
        {
            if (value.Epoch % 10 == 0 || value.Epoch == value.EpochCount) Console.Error.WriteLine($"  {value}");
        }
    }
}
