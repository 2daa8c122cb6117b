using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Benchmarks.Leaderboard;

/// <summary>What an entry's factory gets for one fit: the table, the seed, the threads and the epochs to use.</summary>
/// <param name="Epochs">Epochs of every deep entry under <c>--quick</c>; null keeps the defaults.</param>
/// <param name="NonPrivateEpochs">Epochs of the non-private deep entries (<c>SYNTHML_LEADERBOARD_EPOCHS</c>); null keeps each default (CTGAN and TVAE 300, diffusion 600).</param>
internal sealed record LeaderboardFitSettings(MLContext Ml, LeaderboardTable Table, int Seed, int Threads, int? Epochs, int? NonPrivateEpochs);

/// <summary>The estimator an entry builds for one fit, and the epochs it trains for (null for models without epochs).</summary>
internal sealed record LeaderboardFit(IEstimator<ISynthesizerModel> Estimator, int? Epochs);

/// <summary>One row of the leaderboard: a name (the <c>&lt;synth&gt;</c> of <c>leaderboard.&lt;synth&gt;.&lt;metric&gt;.&lt;table&gt;</c>) and how to build its estimator.</summary>
/// <param name="Name">Lower case, no dots (<c>dptvae_eps1</c>).</param>
/// <param name="Deep">Trained by gradient descent: three seeds, median reported with the spread; otherwise one seed.</param>
/// <param name="Create">The estimator for one fit.</param>
internal sealed record LeaderboardEntry(string Name, bool Deep, Func<LeaderboardFitSettings, LeaderboardFit> Create);
