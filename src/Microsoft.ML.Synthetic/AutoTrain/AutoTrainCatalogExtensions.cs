using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.AutoTrain;

namespace Microsoft.ML.Synthetic;

/// <summary>AutoTrain searches, reached with <c>mlContext.Synthetic().AutoTrain</c>.</summary>
public static class AutoTrainCatalogExtensions
{
    /// <summary>
    /// A budgeted search over binary-classification trainers (LightGbm, SdcaLogisticRegression,
    /// LbfgsLogisticRegression, FastTree, FastForest) and their hyperparameters. Every trial refits the whole
    /// <paramref name="prefix"/> inside each training fold and scores the real held-out rows only, so train-only
    /// stages (oversampling, augmentation, replacement, noise) never leak into a score.
    /// </summary>
    /// <remarks>
    /// The search takes the prefix as an argument rather than being appended to it: <c>prefix.Append(search)</c> would
    /// fit the prefix once on all the data and hand the search rows already oversampled, so its folds would share
    /// synthetic copies of their held-out rows. The prefix must produce a Boolean label column and a known-size vector
    /// of Single named <see cref="AutoTrainOptions.FeatureColumnName"/> ("Features").
    /// </remarks>
    /// <param name="catalog">The AutoTrain catalog.</param>
    /// <param name="prefix">The pipeline before the trainer (featurizers, train-only stages); an empty
    /// <c>new EstimatorChain&lt;ITransformer&gt;()</c> when the data is ready.</param>
    /// <param name="labelColumnName">The Boolean label column after the prefix.</param>
    /// <param name="maxSeconds">The wall-clock budget of the whole fit.</param>
    /// <param name="folds">Cross-validation folds (1: a 20 % holdout).</param>
    public static AutoTrainEstimator BinaryClassification(this AutoTrainCatalog catalog, IEstimator<ITransformer> prefix,
        string labelColumnName = "Label", double maxSeconds = 60, int folds = 5) =>
        BinaryClassification(catalog, prefix, labelColumnName, new AutoTrainOptions { MaxSeconds = maxSeconds, Folds = folds });

    /// <summary>
    /// A search over binary-classification trainers without a prefix of its own, for data whose label and features
    /// are ready — or to be appended to a pipeline, ML.NET style: <c>featurizer.Append(search)</c>. Appended that
    /// way, the stages before it are fitted once on all the data and the search only sees their output, so put
    /// train-only stages (oversampling, augmentation, replacement) in the prefix of the other overloads instead:
    /// appended behind such a stage, the folds would train on synthetic copies of their own held-out rows.
    /// </summary>
    /// <param name="catalog">The AutoTrain catalog.</param>
    /// <param name="labelColumnName">The Boolean label column.</param>
    /// <param name="options">Budget, folds, metric, seed, trainers, progress.</param>
    public static AutoTrainEstimator BinaryClassification(this AutoTrainCatalog catalog, string labelColumnName, AutoTrainOptions options) =>
        BinaryClassification(catalog, new EstimatorChain<ITransformer>(), labelColumnName, options);

    /// <summary>A budgeted search over binary-classification trainers with all settings (see the other overload).</summary>
    /// <param name="catalog">The AutoTrain catalog.</param>
    /// <param name="prefix">The pipeline before the trainer.</param>
    /// <param name="labelColumnName">The Boolean label column after the prefix.</param>
    /// <param name="options">Budget, folds, metric, seed, trainers, progress.</param>
    public static AutoTrainEstimator BinaryClassification(this AutoTrainCatalog catalog, IEstimator<ITransformer> prefix,
        string labelColumnName, AutoTrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AutoTrainEstimator(catalog.Owner, AutoTrainTask.BinaryClassification, prefix, labelColumnName, options);
    }

    /// <summary>
    /// A budgeted search over multiclass trainers (LightGbm, SdcaMaximumEntropy, LbfgsMaximumEntropy, one-versus-all
    /// FastTree), refitting the whole <paramref name="prefix"/> inside each training fold (see
    /// <see cref="BinaryClassification(AutoTrainCatalog, IEstimator{ITransformer}, string, AutoTrainOptions)"/>).
    /// The prefix must produce a key label (<c>MapValueToKey</c>) and the feature vector. Default metric: micro accuracy.
    /// </summary>
    /// <param name="catalog">The AutoTrain catalog.</param>
    /// <param name="prefix">The pipeline before the trainer.</param>
    /// <param name="labelColumnName">The key label column after the prefix.</param>
    /// <param name="options">Budget, folds, metric, seed, trainers, progress.</param>
    public static AutoTrainEstimator MulticlassClassification(this AutoTrainCatalog catalog, IEstimator<ITransformer> prefix,
        string labelColumnName, AutoTrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AutoTrainEstimator(catalog.Owner, AutoTrainTask.MulticlassClassification, prefix, labelColumnName, options);
    }

    /// <summary>A budgeted multiclass search with a time budget and a fold count (see the options overload).</summary>
    /// <param name="catalog">The AutoTrain catalog.</param>
    /// <param name="prefix">The pipeline before the trainer.</param>
    /// <param name="labelColumnName">The key label column after the prefix.</param>
    /// <param name="maxSeconds">The wall-clock budget of the whole fit.</param>
    /// <param name="folds">Cross-validation folds (1: a 20 % holdout).</param>
    public static AutoTrainEstimator MulticlassClassification(this AutoTrainCatalog catalog, IEstimator<ITransformer> prefix,
        string labelColumnName = "Label", double maxSeconds = 60, int folds = 5) =>
        MulticlassClassification(catalog, prefix, labelColumnName, new AutoTrainOptions { MaxSeconds = maxSeconds, Folds = folds });

    /// <summary>
    /// A budgeted search over regression trainers (LightGbm, Sdca, FastTree, FastForest), refitting the whole
    /// <paramref name="prefix"/> inside each training fold (see
    /// <see cref="BinaryClassification(AutoTrainCatalog, IEstimator{ITransformer}, string, AutoTrainOptions)"/>).
    /// The prefix must produce a Single label and the feature vector. Default metric: R².
    /// </summary>
    /// <param name="catalog">The AutoTrain catalog.</param>
    /// <param name="prefix">The pipeline before the trainer.</param>
    /// <param name="labelColumnName">The Single label column after the prefix.</param>
    /// <param name="options">Budget, folds, metric, seed, trainers, progress.</param>
    public static AutoTrainEstimator Regression(this AutoTrainCatalog catalog, IEstimator<ITransformer> prefix,
        string labelColumnName, AutoTrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AutoTrainEstimator(catalog.Owner, AutoTrainTask.Regression, prefix, labelColumnName, options);
    }

    /// <summary>A budgeted regression search with a time budget and a fold count (see the options overload).</summary>
    /// <param name="catalog">The AutoTrain catalog.</param>
    /// <param name="prefix">The pipeline before the trainer.</param>
    /// <param name="labelColumnName">The Single label column after the prefix.</param>
    /// <param name="maxSeconds">The wall-clock budget of the whole fit.</param>
    /// <param name="folds">Cross-validation folds (1: a 20 % holdout).</param>
    public static AutoTrainEstimator Regression(this AutoTrainCatalog catalog, IEstimator<ITransformer> prefix,
        string labelColumnName = "Label", double maxSeconds = 60, int folds = 5) =>
        Regression(catalog, prefix, labelColumnName, new AutoTrainOptions { MaxSeconds = maxSeconds, Folds = folds });
}
