using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.TrainOnly;
using Microsoft.ML.Synthetic.Augmentation;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The estimator of the train-only stages <c>Oversample</c>, <c>Augment</c> and <c>Replace</c>. Fitting it reads the
/// training rows, fits the generator on them (and on nothing else), and prepares the rows the next estimators are
/// fitted on: the real rows first, unaltered, then the synthetic ones (<see cref="AugmentedDataView"/>; for
/// <c>Replace</c> only synthetic rows). At scoring time the fitted stage is the identity.
/// </summary>
/// <remarks>
/// Inside <c>CrossValidate</c> or a model search, the pipeline is refitted per fold, so the generator only ever
/// sees training-fold rows and every score is computed on real held-out rows. Any chain shape works (nested chains,
/// the <c>Append</c> extension, cache checkpoints); see <see cref="TrainOnlyTransformerBase"/>. Columns are read with
/// <see cref="DataOptions"/>; the label is read as categorical whatever its type (Boolean, key, text or number).
/// Hidden columns are not passed on.
/// </remarks>
public sealed class SyntheticRowsEstimator : TrainOnlyEstimatorBase<SyntheticRowsTransformer>
{
    private readonly SyntheticCatalog _catalog;
    private readonly RowPlan _plan;

    internal SyntheticRowsEstimator(SyntheticCatalog catalog, string stage, string? labelColumnName, SyntheticRowGenerator generator,
        RowPlan plan, int? seed, TabularDataOptions? dataOptions)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(generator);
        if (labelColumnName is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);
        }

        _catalog = catalog;
        _plan = plan;
        Stage = stage;
        LabelColumnName = labelColumnName;
        Generator = generator;
        Seed = seed;
        DataOptions = dataOptions ?? new TabularDataOptions();
        if (DataOptions.Columns is not null)
        {
            throw new ArgumentException($"A {stage} stage passes every column on; {nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Columns)} must be null (choose the generator's feature columns instead).", nameof(dataOptions));
        }
    }

    /// <summary><c>Oversample</c>, <c>Augment</c> or <c>Replace</c>.</summary>
    public string Stage { get; }

    /// <summary>The label column whose classes the stage balances or keeps, or null (all rows one class).</summary>
    public string? LabelColumnName { get; }

    /// <summary>What makes the new rows.</summary>
    public SyntheticRowGenerator Generator { get; }

    /// <summary>The seed given, or null to draw one from the ML.NET context at each fit.</summary>
    public int? Seed { get; }

    /// <summary>How the training rows are read (missing-value tokens, column kinds).</summary>
    public TabularDataOptions DataOptions { get; }

    /// <summary>Cancels a long fit (the nearest-neighbour search and the generator check it).</summary>
    public CancellationToken Cancellation { get; set; }

    /// <summary>Receives a line per step of a fit (reading, each class generated, the summary); the ML.NET log gets them too.</summary>
    public IProgress<string>? Progress { get; set; }

    /// <summary>The input schema; the label column must be present.</summary>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (LabelColumnName is not null && !inputSchema.Any(c => c.Name == LabelColumnName))
        {
            throw new ArgumentException($"{Stage}: label column '{LabelColumnName}' is not in the input. Columns: {string.Join(", ", inputSchema.Select(c => c.Name))}.", nameof(inputSchema));
        }

        return inputSchema;
    }

    /// <summary>
    /// The rows a pipeline would train on after this stage (imbalanced-learn's <c>fit_resample</c>), for use
    /// outside a pipeline. Do not resample before splitting data for evaluation: that leaks synthetic copies of
    /// held-out rows into training. Put the stage inside the pipeline instead.
    /// </summary>
    public AugmentedDataView Resample(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Build(data, null, Seed ?? _catalog.NextSeed()).Rows;
    }

    /// <summary>
    /// <see cref="Resample(IDataView)"/> for rows already read into a table (the label column must be
    /// categorical in it); skips reading an <see cref="IDataView"/>.
    /// </summary>
    public AugmentedDataView Resample(TabularData table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (LabelColumnName is not null && table.IndexOf(LabelColumnName) >= 0 && table[LabelColumnName].Kind != ColumnKind.Categorical)
        {
            throw new ArgumentException($"{Stage}: label column '{LabelColumnName}' is continuous in the table; read it as categorical ({nameof(TabularDataOptions)}.{nameof(TabularDataOptions.ColumnKinds)}).", nameof(table));
        }

        return Build(table.ToDataView(), table, Seed ?? _catalog.NextSeed()).Rows;
    }

    /// <inheritdoc/>
    private protected override SyntheticRowsTransformer FitCore(IDataView input)
    {
        var (rows, summary, privacy) = Build(input, null, Seed ?? _catalog.NextSeed());
        return new SyntheticRowsTransformer(_catalog.Context, input, rows, summary, privacy);
    }

    private (AugmentedDataView Rows, TrainingRowsSummary Summary, IReadOnlyList<PrivacyLedgerEntry> Privacy) Build(IDataView input, TabularData? alreadyRead, int seed)
    {
        var visible = input.Schema.Where(c => !c.IsHidden).Select(c => c.Name).ToArray();
        var vector = input.Schema.FirstOrDefault(c => !c.IsHidden && c.Type is VectorDataViewType);
        if (alreadyRead is null && vector.Name is not null)
        {
            throw new ArgumentException($"{Stage}: column '{vector.Name}' is a vector ({vector.Type}); the stage reads scalar columns. Put it before the transforms that build vectors (Concatenate, OneHotEncoding, …), where the columns are still separate.", nameof(input));
        }

        if (LabelColumnName is not null && input.Schema.GetColumnOrNull(LabelColumnName) is not { IsHidden: false })
        {
            throw new ArgumentException($"{Stage}: label column '{LabelColumnName}' is not in the data. Columns: {string.Join(", ", visible)}.", nameof(input));
        }

        var kinds = new Dictionary<string, ColumnKind>(DataOptions.ColumnKinds, StringComparer.Ordinal);
        if (LabelColumnName is not null)
        {
            kinds[LabelColumnName] = ColumnKind.Categorical;
        }

        var table = alreadyRead ?? TabularData.FromDataView(input, new TabularDataOptions
        {
            MissingTokens = DataOptions.MissingTokens,
            TrimStrings = DataOptions.TrimStrings,
            AllowNaN = DataOptions.AllowNaN,
            ColumnKinds = kinds,
        });
        if (table.RowCount == 0)
        {
            throw new ArgumentException($"{Stage}: the training data has no rows.", nameof(input));
        }

        var (labelIndex, classRows, classNames) = Classes(table);
        if (_plan.NeedsTwoClasses && classRows.Length < 2)
        {
            throw new ArgumentException($"{Stage}: label column '{LabelColumnName}' has only one class ('{classNames[0]}') in the training data; there is no minority class to oversample.", nameof(input));
        }

        var counts = classRows.Select(r => r.Length).ToArray();
        var toAdd = _plan.RowsToAdd(counts, classNames, LabelColumnName);
        var host = ((IHostEnvironment)_catalog.Context).Register(Stage);
        using var channel = host.Start(Stage);
        void Report(string message)
        {
            channel.Info(MessageSensitivity.None, "{0}", message);
            Progress?.Report(message);
        }

        Report($"{Stage}: {table.RowCount} training rows read; {Generator.Name} adds {toAdd.Sum(c => (long)c)} rows.");
        var request = new GenerationRequest(_catalog.Context, input, table, labelIndex, classRows, classNames, toAdd, seed,
            Environment.ProcessorCount, Report, Cancellation);
        var generated = Generator.Generate(request);
        var rows = new AugmentedDataView(_plan.KeepsRealRows ? input : null, _plan.KeepsRealRows ? table.RowCount : 0,
            generated.Rows, generated.RowsPerClass.Sum(c => (long)c), input.Schema);
        var summary = new TrainingRowsSummary(Stage, Generator.Name, LabelColumnName, _plan.KeepsRealRows,
            classNames.Select((n, c) => new ClassRowCounts(n, counts[c], generated.RowsPerClass[c])).ToArray(), seed);
        Report(summary.ToString());
        return (rows, summary, generated.Privacy ?? []);
    }

    private (int LabelIndex, int[][] ClassRows, string[] ClassNames) Classes(TabularData table)
    {
        if (LabelColumnName is null)
        {
            return (-1, [Enumerable.Range(0, table.RowCount).ToArray()], ["(all rows)"]);
        }

        int labelIndex = table.IndexOf(LabelColumnName);
        var label = (CategoricalColumn)table.Columns[labelIndex];
        int missing = label.MissingCount;
        if (missing > 0)
        {
            throw new ArgumentException($"{Stage}: label column '{LabelColumnName}' has {missing} missing values; every training row needs a class.", nameof(table));
        }

        var byCode = new List<int>[label.CategoryCount];
        for (int row = 0; row < label.Length; row++)
        {
            (byCode[label.Codes[row]] ??= []).Add(row);
        }

        var present = Enumerable.Range(0, byCode.Length).Where(c => byCode[c] is not null).ToArray();
        return (labelIndex, present.Select(c => byCode[c].ToArray()).ToArray(), present.Select(c => label.Categories[c]).ToArray());
    }
}
