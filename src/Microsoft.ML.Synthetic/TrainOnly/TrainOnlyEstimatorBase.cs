using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic;

/// <summary>Base of the estimators of train-only stages: the output schema is the input schema.</summary>
/// <typeparam name="TTransformer">The fitted stage.</typeparam>
/// <remarks>
/// A fit of a stage that spends privacy budget (a DP noise step, or a stage whose generator is trained with DP) is one
/// release: it is recorded by every open <see cref="PrivacyReleaseRecorder"/> of the calling flow. Inside ML.NET's
/// <c>CrossValidate</c>, which refits the pipeline once per fold and returns no ledger, such a fit throws unless a
/// recorder is open to count the folds' releases.
/// </remarks>
public abstract class TrainOnlyEstimatorBase<TTransformer> : IEstimator<TTransformer>
    where TTransformer : TrainOnlyTransformerBase
{
    /// <summary>Only this library's stages derive from this base.</summary>
    private protected TrainOnlyEstimatorBase()
    {
    }

    /// <summary>Fits the stage on <paramref name="input"/>; see <see cref="TrainOnlyTransformerBase"/> for which calls get its training rows.</summary>
    /// <exception cref="InvalidOperationException">A DP stage is refitted by ML.NET's <c>CrossValidate</c> with no <see cref="PrivacyReleaseRecorder"/> open.</exception>
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = FitCore(input);
        if (transformer is IPrivacyLedgerSource { PrivacyLedgerEntries.Count: > 0 } source)
        {
            if (!PrivacyReleaseRecorder.IsRecording && ChainFitFrames.InsideMlNetCrossValidation())
            {
                transformer.EndTraining();
                throw new InvalidOperationException(
                    $"{transformer.StageName} is a differentially private step, and ML.NET's CrossValidate refits it in every fold: each fold " +
                    "releases another noisy view of overlapping rows, and CrossValidate's results carry no ledger of them. Open a recorder " +
                    "around the call — using var releases = mlContext.Synthetic().Privacy.RecordReleases(); — and report releases.Ledger() " +
                    "(every fold's release plus your final fit), or search with AutoTrain and AutoTrainOptions.SpendPrivacyBudgetInEveryFold, " +
                    "which reports the whole search's total.");
            }

            PrivacyReleaseRecorder.Record(source.PrivacyLedgerEntries);
        }

        return transformer;
    }

    /// <summary>The input schema, unchanged: a train-only stage never changes columns.</summary>
    public virtual SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return inputSchema;
    }

    /// <summary>Fits the stage. Implementations validate the input schema and throw errors naming the column.</summary>
    private protected abstract TTransformer FitCore(IDataView input);
}
