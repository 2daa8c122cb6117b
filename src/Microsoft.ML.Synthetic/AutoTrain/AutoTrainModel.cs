using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The result of an AutoTrain search: the prefix and the best trainer configuration refitted on all the training
/// data, as one ML.NET <see cref="TransformerChain{TLastTransformer}"/>, with the leaderboard of the search. It transforms, makes
/// prediction engines and saves like that chain: <c>mlContext.Model.Save</c> stores the chain itself, and
/// <c>mlContext.Model.Load</c> returns it (the leaderboard is not stored in the model file).
/// </summary>
public sealed class AutoTrainModel : ITransformer, IPrivacyLedgerSource
{
    internal AutoTrainModel(TransformerChain<ITransformer> model, AutoTrainLeaderboard leaderboard, TimeSpan elapsed, double foldPreparationSeconds, double finalFitSeconds)
    {
        Model = model;
        Leaderboard = leaderboard;
        Elapsed = elapsed;
        FoldPreparationSeconds = foldPreparationSeconds;
        FinalFitSeconds = finalFitSeconds;
    }

    /// <summary>
    /// With <see cref="AutoTrainOptions.ReportRealOnlyScore"/>: the best configuration scored on the same folds with the
    /// prefix's train-only stages left out, i.e. trained on real rows only. When the train-only stage replaces the
    /// training rows with synthetic ones, the leaderboard's scores are TSTR (train synthetic, test real) and this one is
    /// TRTR (train real, test real). Null when the option is off or the prefix has no train-only stage.
    /// </summary>
    public AutoTrainTrial? RealOnlyTrial { get; internal init; }

    /// <summary>
    /// Every privacy release of the whole search: each DP step of the prefix once per fold (labelled with the fold) and
    /// once for the final fit, in that order; empty when the prefix has no DP step (a prefix with one needs
    /// <see cref="AutoTrainOptions.SpendPrivacyBudgetInEveryFold"/>). <c>mlContext.Synthetic().Privacy.Ledger(autoTrainModel)</c>
    /// composes them; the fold training sets overlap, so every rule composes them sequentially (conservative).
    /// <c>Ledger(autoTrainModel.Model)</c> covers the final fit only.
    /// </summary>
    public IReadOnlyList<PrivacyLedgerEntry> PrivacyLedgerEntries { get; internal init; } = [];

    /// <summary>Seconds spent refitting the prefix on the training rows of every fold (once per fold, shared by all trials).</summary>
    public double FoldPreparationSeconds { get; }

    /// <summary>The fitted chain: every prefix stage followed by the best trainer (with its normalizer, for linear trainers).</summary>
    public TransformerChain<ITransformer> Model { get; }

    /// <summary>All completed trials, best first.</summary>
    public AutoTrainLeaderboard Leaderboard { get; }

    /// <summary>The configuration the final model was refitted with.</summary>
    public AutoTrainTrial BestTrial => Leaderboard.Best;

    /// <summary>Wall-clock time of the whole <c>Fit</c>.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Seconds spent refitting the prefix and the best trainer on all the training data.</summary>
    public double FinalFitSeconds { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => ((ITransformer)Model).IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Model.GetOutputSchema(inputSchema);

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => ((ITransformer)Model).GetRowToRowMapper(inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input) => Model.Transform(input);

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)Model).Save(ctx);
}
