using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Synthetic.AutoTrain.Search;
using Microsoft.ML.Synthetic.AutoTrain.Tasks;
using Microsoft.ML.Synthetic.AutoTrain.Trainers;
using Microsoft.ML.Synthetic.AutoTrain.Validation;
using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.AutoTrain;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A budgeted search over trainers and hyperparameters that refits the whole prefix pipeline inside every
/// training fold. Created by <c>mlContext.Synthetic().AutoTrain.BinaryClassification(...)</c>, <c>.MulticlassClassification(...)</c> or <c>.Regression(...)</c>.
/// </summary>
/// <remarks>
/// <para>How it works. The prefix is expanded into a flat list of stages (nested estimator chains included) and
/// refitted once per fold on that fold's training rows, exactly as <c>EstimatorChain.Fit</c> would fit it, so a
/// train-only stage changes the fold's training rows and nothing else; the real held-out rows of the fold are
/// passed through the fitted prefix (train-only stages are the identity there). Both parts are cached, and every
/// trial fits one trainer configuration on each fold's prepared training rows and scores the held-out rows.</para>
/// <para>The search is CFO (Wu, Wang &amp; Huang, AAAI 2021): per trainer, the FLOW2 local search from a low-cost
/// configuration; across trainers, FLAML's estimated-cost-for-improvement choice (Wang et al., MLSys 2021). The
/// best configuration is refitted, with the prefix, on all the data.</para>
/// <para>Budget: with <see cref="AutoTrainOptions.MaxSeconds"/> the search stops starting trials whose predicted
/// duration would not leave time for the final refit, and abandons a trial that overruns; a search bounded only by
/// <see cref="AutoTrainOptions.MaxTrials"/> uses a deterministic cost model for its trainer choice, so the same seed
/// gives the same leaderboard.</para>
/// </remarks>
public sealed class AutoTrainEstimator : IEstimator<AutoTrainModel>
{
    private readonly SyntheticCatalog _owner;
    private readonly IEstimator<ITransformer> _prefix;
    private readonly string _label;
    private readonly AutoTrainOptions _options;
    private readonly IReadOnlyList<TrainerCandidate> _candidates;
    private readonly int _seed;
    private readonly TaskDefinition _task;

    internal AutoTrainEstimator(SyntheticCatalog owner, AutoTrainTask task, IEstimator<ITransformer> prefix, string labelColumnName, AutoTrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxSeconds is { } s && !(s > 0 && double.IsFinite(s)))
            throw new ArgumentOutOfRangeException(nameof(options), s, "AutoTrainOptions.MaxSeconds must be a positive number of seconds.");
        if (options.MaxTrials is { } t && t < 1)
            throw new ArgumentOutOfRangeException(nameof(options), t, "AutoTrainOptions.MaxTrials must be at least 1.");
        if (options.Folds < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Folds, "AutoTrainOptions.Folds must be at least 1 (1 = a holdout split).");
        if (options.Folds == 1 && !(options.HoldoutFraction > 0 && options.HoldoutFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.HoldoutFraction, "AutoTrainOptions.HoldoutFraction must lie strictly between 0 and 1.");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FeatureColumnName, nameof(options));

        _task = TaskDefinition.For(task);
        Metric = options.Metric ?? _task.DefaultMetric;
        if (!_task.Metrics.Contains(Metric))
            throw new ArgumentException($"The metric {Metric} does not fit {task}; use one of {string.Join(", ", _task.Metrics)}.", nameof(options));

        _owner = owner;
        Task = task;
        _prefix = prefix;
        _label = labelColumnName;
        _options = options;
        _candidates = _task.Candidates(options.Trainers);
        _seed = options.Seed ?? owner.NextSeed();
    }

    /// <summary>The task searched.</summary>
    public AutoTrainTask Task { get; }

    /// <summary>The metric optimized.</summary>
    public AutoTrainMetric Metric { get; }

    /// <summary>Validates that the prefix produces the label and feature columns, and returns the scored schema.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var afterPrefix = _prefix.GetOutputSchema(inputSchema);
        ValidatePrefixOutput(afterPrefix);
        return _candidates[0].Create(_owner.Context, Settings(_seed), _candidates[0].Decode(_candidates[0].InitialPoint)).GetOutputSchema(afterPrefix);
    }

    /// <summary>Runs the search on <paramref name="input"/> and refits the best configuration on all of it.</summary>
    public AutoTrainModel Fit(IDataView input) => Fit(input, CancellationToken.None);

    /// <summary>Runs the search; <paramref name="cancellationToken"/> stops it between folds and trials.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="InvalidOperationException">The time budget ended before one trial completed.</exception>
    public AutoTrainModel Fit(IDataView input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        long start = Stopwatch.GetTimestamp();
        // The budget covers the search: the clock starts once the prefix is refitted in every fold (a fixed cost
        // the prefix sets, a deep generator's training included), and the final refit on all rows comes on top —
        // unless MaxSecondsCoversEverything, where the clock starts now.
        long searchStart = start;
        double Elapsed() => Stopwatch.GetElapsedTime(searchStart).TotalSeconds;
        var ml = _owner.Context;
        bool timed = _options.MaxSeconds.HasValue || !_options.MaxTrials.HasValue;
        double budget = _options.MaxSeconds ?? (timed ? 60 : double.PositiveInfinity);
        bool measuredCost = !_options.MaxTrials.HasValue;

        var stages = PipelineFlattener.Flatten(_prefix);
        var data = ml.Data.Cache(input);
        int rows = CountRows(data);
        if (rows == 0) throw new ArgumentException("The training data has no rows.", nameof(input));
        if (_options.Folds > rows) throw new ArgumentException($"{_options.Folds} folds need at least as many rows; the data has {rows}.", nameof(input));

        // 1. Refit the prefix inside every fold (once; all trials share it).
        var plan = FoldPlan.Create(rows, _options.Folds, _options.HoldoutFraction, SeedSequence.Derive(_seed, 1));
        string[] keep = [_label, _options.FeatureColumnName];
        var folds = new List<PreparedFold>();
        using var channel = ((IHostEnvironment)ml).Start("AutoTrain");
        bool coversAll = _options.MaxSecondsCoversEverything && timed;
        double fullDataFactor = (double)rows / plan.Training(0).Count(t => t);   // the final refit sees all rows
        double finalPrefixSeconds = 0;
        for (int k = 0; k < plan.Folds; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            folds.Add(PreparedFold.Prepare(ml, stages, data, plan.Training(k), plan.HeldOut(k), keep, ValidatePrefixOutput, cancellationToken));
            RefuseUnaccountedReleases(folds[k].Privacy, plan.Folds);
            _task.CheckFold(folds[k].Training, folds[k].HeldOut, _label, Metric, k);
            double perFold = folds.Average(f => f.PrefixSeconds);
            finalPrefixSeconds = perFold * fullDataFactor;
            ReportFold(channel, folds, plan.Folds, perFold * plan.Folds + finalPrefixSeconds, Stopwatch.GetElapsedTime(start).TotalSeconds);
            double stillToCome = perFold * (plan.Folds - k - 1) + finalPrefixSeconds;
            if (coversAll && Elapsed() + stillToCome >= budget)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"AutoTrainOptions.MaxSeconds ({budget} s) covers everything (MaxSecondsCoversEverything), but refitting the prefix took " +
                    $"{perFold:F1} s per fold: the remaining {plan.Folds - k - 1} fold(s) and the final refit on all rows would take about " +
                    $"{stillToCome:F0} s more after {Elapsed():F0} s, leaving no time for a trial. Raise MaxSeconds, use fewer folds, or make " +
                    $"the prefix cheaper (a deep generator with fewer epochs)."));
            }
        }

        double prefixSecondsPerFold = folds.Average(f => f.PrefixSeconds);
        Report("folds", 0, null, null, Stopwatch.GetElapsedTime(start).TotalSeconds);
        if (!coversAll) searchStart = Stopwatch.GetTimestamp();

        // 2. The search.
        var search = new CostFrugalSearch(_candidates.Select(c => c.InitialPoint).ToArray(), SeedSequence.Derive(_seed, 2));
        var trials = new List<AutoTrainTrial>();
        var secondsPerCost = new double[_candidates.Count];
        AutoTrainTrial? best = null;
        int skips = 0;
        string? abandoned = null;
        // Time kept for the final refit on all rows (k/(k−1) times a fold's rows, so more than one fold's fit; the
        // factors leave room for that and for a busy machine), and for the real-only scoring when it is asked for.
        double FinalReserve() => 0.25 + (best == null ? 0 : best.TrainerSeconds / folds.Count * 2)
            * (_options.ReportRealOnlyScore ? 1 + folds.Count : 1) + (coversAll ? finalPrefixSeconds : 0);

        while (!_options.MaxTrials.HasValue || trials.Count < _options.MaxTrials.Value)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double remaining = budget - Elapsed() - FinalReserve();
            if (timed && remaining <= 0) break;
            var proposal = search.Propose() ?? throw new InvalidOperationException("No trainer left to search.");
            var candidate = _candidates[proposal.Learner];
            var values = candidate.Decode(proposal.Point);
            double relativeCost = Math.Max(candidate.RelativeCost(values), 1e-6);
            if (timed && secondsPerCost[proposal.Learner] > 0 && secondsPerCost[proposal.Learner] * relativeCost > remaining)
            {
                search.Skip();   // predicted not to fit the remaining budget
                if (++skips > 50) break;
                continue;
            }

            skips = 0;
            int trialSeed = SeedSequence.Derive(_seed, 100 + trials.Count);
            long trialStart = Stopwatch.GetTimestamp();
            var run = RunTrial(candidate, values, folds, trialSeed,
                completed => timed && completed < folds.Count && Elapsed() > budget, cancellationToken);
            if (run == null) abandoned = candidate.Name;
            if (abandoned != null) break;
            double seconds = Stopwatch.GetElapsedTime(trialStart).TotalSeconds;
            var trial = new AutoTrainTrial(trials.Count, candidate.Name, values, Metric, run!.Value.Metrics, seconds, run.Value.TrainerSeconds, trialSeed);
            trials.Add(trial);
            secondsPerCost[proposal.Learner] = seconds / relativeCost;
            double loss = AutoTrainMetrics.ToLoss(Metric, trial.MetricMean);
            search.Report(double.IsNaN(loss) ? double.PositiveInfinity : loss, measuredCost ? seconds : relativeCost);
            if (best == null || IsBetter(trial, best)) best = trial;
            Report("trial", trials.Count, trial, best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        if (best == null)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The time budget of {budget} s for the search ended before one trial completed on all {folds.Count} folds" +
                $"{(abandoned != null ? $" (the first trial, {abandoned}, overran)" : "")}. Raise AutoTrainOptions.MaxSeconds or use fewer folds."));
        }

        // 3. Optionally, the best configuration without the train-only stages (TRTR when they replace or add rows).
        AutoTrainTrial? realOnly = null;
        var trainOnly = folds[0].TrainOnlyStages;
        if (_options.ReportRealOnlyScore && trainOnly.Any(t => t))
        {
            long realStart = Stopwatch.GetTimestamp();
            var realStages = stages.Where((_, i) => !trainOnly[i]).ToList();
            var realFolds = Enumerable.Range(0, plan.Folds)
                .Select(k => PreparedFold.Prepare(ml, realStages, data, plan.Training(k), plan.HeldOut(k), keep, ValidatePrefixOutput, cancellationToken))
                .ToList();
            var candidate = _candidates.First(c => c.Name == best.Trainer);
            var run = RunTrial(candidate, best.Hyperparameters, realFolds, best.Seed, _ => false, cancellationToken)!.Value;
            realOnly = new AutoTrainTrial(-1, best.Trainer, best.Hyperparameters, Metric, run.Metrics,
                Stopwatch.GetElapsedTime(realStart).TotalSeconds, run.TrainerSeconds, best.Seed);
        }

        // 4. Refit the prefix and the best configuration on all the data.
        long finalStart = Stopwatch.GetTimestamp();
        var bestCandidate = _candidates.First(c => c.Name == best.Trainer);
        var (transformers, output) = FlatPipeline.Fit(stages, data, cancellationToken);
        transformers.Add(bestCandidate.Create(new MLContext(best.Seed), Settings(best.Seed), best.Hyperparameters).Fit(output));
        var scopes = stages.Select(s => s.Scope).Append(TransformerScope.Everything).ToArray();
        var chain = FlatPipeline.ToChain(transformers, scopes);
        double finalSeconds = Stopwatch.GetElapsedTime(finalStart).TotalSeconds;
        return new AutoTrainModel(chain, new AutoTrainLeaderboard(trials, Metric), Stopwatch.GetElapsedTime(start), prefixSecondsPerFold * folds.Count, finalSeconds)
        {
            RealOnlyTrial = realOnly,
            PrivacyLedgerEntries = SearchReleases(folds, PrivacyLedger.FromModel(chain).Entries),
        };
    }

    /// <summary>Fits one configuration on every prepared fold and scores its held-out rows; null when abandoned.</summary>
    private (List<double> Metrics, double TrainerSeconds)? RunTrial(TrainerCandidate candidate, IReadOnlyDictionary<string, double> values,
        List<PreparedFold> folds, int seed, Func<int, bool> abandon, CancellationToken cancellationToken)
    {
        var metrics = new List<double>();
        double trainerSeconds = 0;
        foreach (var fold in folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var estimator = candidate.Create(new MLContext(seed), Settings(seed), values);
            long fitStart = Stopwatch.GetTimestamp();
            var model = estimator.Fit(fold.Training);
            trainerSeconds += Stopwatch.GetElapsedTime(fitStart).TotalSeconds;
            metrics.Add(_task.Compute(model.Transform(fold.HeldOut), _label, Metric));
            if (abandon(metrics.Count)) return null;
        }

        return (metrics, trainerSeconds);
    }

    /// <summary>A DP step in the prefix is refitted in every fold: refuse it unless the user asked to spend the budget per fold.</summary>
    private void RefuseUnaccountedReleases(IReadOnlyList<PrivacyLedgerEntry> foldReleases, int folds)
    {
        if (foldReleases.Count == 0 || _options.SpendPrivacyBudgetInEveryFold) return;
        int fits = folds + 1;
        throw new InvalidOperationException(
            $"The prefix contains the differentially private step{(foldReleases.Count > 1 ? "s" : "")} {string.Join(", ", foldReleases.Select(e => e.Step))}. " +
            $"AutoTrain refits the prefix in each of its {folds} fold{(folds > 1 ? "s" : "")} and once more on all rows, so the step would release " +
            $"{fits} noisy views of overlapping rows and spend its budget {fits} times. Set AutoTrainOptions.{nameof(AutoTrainOptions.SpendPrivacyBudgetInEveryFold)} " +
            "= true to accept that (AutoTrainModel's ledger then reports the total of every fit), or apply the DP step once to the data " +
            "before the search and search a prefix without it.");
    }

    /// <summary>Every release of the search: each fold's prefix fit, then the final fit, labelled, in that order.</summary>
    private static List<PrivacyLedgerEntry> SearchReleases(List<PreparedFold> folds, IReadOnlyList<PrivacyLedgerEntry> final)
    {
        var all = new List<PrivacyLedgerEntry>();
        for (int k = 0; k < folds.Count; k++)
        {
            string part = folds.Count == 1 ? "holdout split's training rows" : $"fold {k + 1} of {folds.Count}, training rows";
            all.AddRange(folds[k].Privacy.Select(e => e with { Step = $"{e.Step} [{part}]" }));
        }

        all.AddRange(final.Select(e => e with { Step = $"{e.Step} [final fit, all rows]" }));
        return all;
    }

    private bool IsBetter(AutoTrainTrial a, AutoTrainTrial b)
    {
        double la = AutoTrainMetrics.ToLoss(Metric, a.MetricMean), lb = AutoTrainMetrics.ToLoss(Metric, b.MetricMean);
        return !double.IsNaN(la) && (double.IsNaN(lb) || la < lb);
    }

    private TrainerSettings Settings(int seed) => new(_label, _options.FeatureColumnName, seed, _options.TrainerThreads);

    private void Report(string stage, int completed, AutoTrainTrial? last, AutoTrainTrial? best, double elapsedSeconds) =>
        _options.Progress?.Report(new AutoTrainProgress(stage, completed, last, best, TimeSpan.FromSeconds(elapsedSeconds)));

    /// <summary>After a fold's prefix refit: the estimated cost of all prefix refits, to the log channel and the progress callback.</summary>
    private void ReportFold(IChannel channel, List<PreparedFold> folds, int foldCount, double estimatedPrefixSeconds, double elapsedSeconds)
    {
        channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"AutoTrain: prefix refitted on fold {folds.Count} of {foldCount} in {folds[^1].PrefixSeconds:F1} s; all prefix refits " +
            $"({foldCount} folds and the final one on all rows) estimated at {estimatedPrefixSeconds:F0} s; {elapsedSeconds:F0} s elapsed."));
        _options.Progress?.Report(new AutoTrainProgress("fold", 0, null, null, TimeSpan.FromSeconds(elapsedSeconds))
        {
            FoldsPrepared = folds.Count,
            EstimatedPrefixSeconds = estimatedPrefixSeconds,
        });
    }

    private void ValidatePrefixOutput(SchemaShape shape)
    {
        var columns = new Dictionary<string, ColumnInfo>(StringComparer.Ordinal);
        foreach (var c in shape)
        {
            columns[c.Name] = new ColumnInfo(c.Kind == SchemaShape.Column.VectorKind.Scalar, c.Kind == SchemaShape.Column.VectorKind.Vector, c.ItemType, c.IsKey);
        }

        ValidatePrefixOutput(name => columns.TryGetValue(name, out var c) ? c : null);
    }

    private void ValidatePrefixOutput(DataViewSchema schema) => ValidatePrefixOutput(name =>
        schema.GetColumnOrNull(name) is { } c
            ? new ColumnInfo(c.Type is not VectorDataViewType, c.Type is VectorDataViewType { IsKnownSize: true },
                c.Type is VectorDataViewType v ? v.ItemType : c.Type, (c.Type is VectorDataViewType vv ? vv.ItemType : c.Type) is KeyDataViewType)
            : null);

    private void ValidatePrefixOutput(Func<string, ColumnInfo?> find)
    {
        if (find(_label) is not { } label)
            throw new ArgumentException($"The label column '{_label}' is not in the data after the prefix pipeline.");
        _task.ValidateLabel(_label, label);
        string f = _options.FeatureColumnName;
        if (find(f) is not { } features)
            throw new ArgumentException($"The feature column '{f}' is not in the data after the prefix pipeline; end the prefix with ml.Transforms.Concatenate(\"{f}\", ...).");
        if (!features.KnownSizeVector || features.IsKey || features.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"The feature column '{f}' must be a known-size vector of Single; it is {features.Describe()}.");
    }

    private static int CountRows(IDataView data)
    {
        long n = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext()) n++;
        if (n > int.MaxValue) throw new ArgumentException("AutoTrain handles at most 2^31 − 1 rows.", nameof(data));
        return (int)n;
    }
}
