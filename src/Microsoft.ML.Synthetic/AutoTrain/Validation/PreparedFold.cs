using System.Diagnostics;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.AutoTrain.Validation;

/// <summary>
/// One fold with the prefix refitted on its training rows only: the rows the trainer is fitted on (after every
/// prefix stage, train-only stages included) and the real held-out rows passed through the fitted prefix (where
/// train-only stages are the identity). Both are cached and reduced to the label and feature columns, so every
/// trial of the search reuses the same per-fold prefix fit.
/// </summary>
internal sealed class PreparedFold
{
    private PreparedFold(IDataView training, IDataView heldOut, long trainingRows, long heldOutRows, double prefixSeconds, bool[] trainOnlyStages,
        IReadOnlyList<PrivacyLedgerEntry> privacy)
    {
        Privacy = privacy;
        TrainOnlyStages = trainOnlyStages;
        Training = training;
        HeldOut = heldOut;
        TrainingRows = trainingRows;
        HeldOutRows = heldOutRows;
        PrefixSeconds = prefixSeconds;
    }

    /// <summary>The rows the trainer is fitted on.</summary>
    public IDataView Training { get; }

    /// <summary>The real held-out rows after the fitted prefix.</summary>
    public IDataView HeldOut { get; }

    /// <summary>Rows in <see cref="Training"/> (after train-only stages).</summary>
    public long TrainingRows { get; }

    /// <summary>Rows in <see cref="HeldOut"/>.</summary>
    public long HeldOutRows { get; }

    /// <summary>For each prefix stage, whether its fitted transformer is a train-only stage.</summary>
    public bool[] TrainOnlyStages { get; }

    /// <summary>The DP releases of this fold's prefix fit (the ledger entries of its fitted stages).</summary>
    public IReadOnlyList<PrivacyLedgerEntry> Privacy { get; }

    /// <summary>Seconds spent fitting the prefix and caching both parts.</summary>
    public double PrefixSeconds { get; }

    /// <summary>Refits the prefix on the training rows of a fold and prepares both parts.</summary>
    public static PreparedFold Prepare(MLContext ml, IReadOnlyList<(IEstimator<ITransformer> Estimator, TransformerScope Scope)> stages,
        IDataView data, bool[] trainingMask, bool[] heldOutMask, string[] keepColumns, Action<DataViewSchema> validate, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        var trainPart = new RowSubsetDataView(data, trainingMask);
        var heldPart = new RowSubsetDataView(data, heldOutMask);
        var (transformers, trainOut) = FlatPipeline.Fit(stages, trainPart, cancellationToken);
        validate(trainOut.Schema);
        var heldOut = FlatPipeline.TransformForTesting(transformers, stages, heldPart);

        var training = Materialize(ml, trainOut, keepColumns, out long trainingRows);
        var held = Materialize(ml, heldOut, keepColumns, out long heldRows);
        return new PreparedFold(training, held, trainingRows, heldRows, Stopwatch.GetElapsedTime(start).TotalSeconds,
            transformers.Select(t => t is TrainOnly.ITrainOnlyTransformer).ToArray(),
            PrivacyLedger.FromModel(FlatPipeline.ToChain(transformers, stages.Select(s => s.Scope).ToArray())).Entries);
    }

    /// <summary>Keeps the named columns, caches them in memory, and counts the rows (one pass fills the cache).</summary>
    private static IDataView Materialize(MLContext ml, IDataView view, string[] columns, out long rows)
    {
        var selected = ml.Transforms.SelectColumns(columns).Fit(view).Transform(view);
        var cached = ml.Data.Cache(selected);
        rows = 0;
        using (var cursor = cached.GetRowCursor(cached.Schema))
        {
            while (cursor.MoveNext()) rows++;
        }

        return cached;
    }
}
