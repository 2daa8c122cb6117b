using Microsoft.ML.Synthetic.Constraints;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Metadata.Generators;
using Microsoft.ML.Synthetic.Synthesizers;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The shared part of every synthesizer estimator: reads the training <see cref="IDataView"/> into a
/// <see cref="TabularData"/> (once), rejects empty data, fits the table steps between the user's table and the
/// table the synthesizer models (the declared <see cref="TabularDataOptions.Constraints"/>; see Synthesizers/Steps),
/// and seeds the fitted model from the ML.NET context.
/// </summary>
/// <typeparam name="TModel">The fitted synthesizer.</typeparam>
public abstract class SynthesizerEstimatorBase<TModel> : IEstimator<TModel>
    where TModel : SynthesizerModelBase
{
    private readonly SyntheticCatalog _catalog;

    /// <summary>Creates the estimator.</summary>
    /// <param name="catalog">The catalog it was created from (its context seeds the model).</param>
    /// <param name="dataOptions">How the training data is read (missing tokens, column kinds, columns).</param>
    /// <param name="seed">The model's default sampling seed; null draws one from the context.</param>
    private protected SynthesizerEstimatorBase(SyntheticCatalog catalog, TabularDataOptions? dataOptions, int? seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        DataOptions = dataOptions ?? new TabularDataOptions();
        SeedOverride = seed;
    }

    /// <summary>How the training data is read.</summary>
    public TabularDataOptions DataOptions { get; }

    /// <summary>The ML.NET context of the catalog.</summary>
    private protected MLContext Context => _catalog.Context;

    /// <summary>The seed given by the user, if any.</summary>
    private protected int? SeedOverride { get; }

    /// <summary>A seed for fitting: the user's, or one drawn from the context.</summary>
    private protected int NextSeed() => SeedOverride ?? _catalog.NextSeed();

    /// <summary>Reads <paramref name="input"/> and fits the synthesizer.</summary>
    /// <exception cref="ArgumentException">The data has no rows, or a column cannot be read (the message names it).</exception>
    public TModel Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StreamsTraining ? FitStreamed(input) : Fit(TabularData.FromDataView(input, DataOptions));
    }

    /// <summary>Fits the synthesizer on a table already read.</summary>
    public TModel Fit(TabularData table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.RowCount == 0)
        {
            throw new ArgumentException("The training data has no rows; a synthesizer needs at least one row to learn from.", nameof(table));
        }

        if (table.Columns.Count == 0)
        {
            throw new ArgumentException("The training data has no columns.", nameof(table));
        }

        if (StreamsTraining)
        {
            return FitStreamed(table.ToDataView());
        }

        // Outside in: identifier and PII columns are taken out (regenerated after sampling), then the declared
        // constraints' steps turn the remaining columns into the table the synthesizer models.
        var (generated, userModelled) = GeneratedColumnsStep.Fit(table, DataOptions.Metadata, NextSeed, IsDifferentiallyPrivate);
        var (steps, modelTable) = ConstraintSteps.Fit(DataOptions.Constraints, userModelled, TransformsConstraints);
        var model = FitTable(modelTable);
        model.Seed = NextSeed();
        model.TableSteps = steps;
        model.GeneratedColumns = generated;
        return model;
    }

    /// <summary>
    /// Fits from <paramref name="input"/> read in blocks, never whole (<see cref="DeepSynthesizerOptions.Streaming"/>).
    /// Declared constraints and generated (identifier, PII) columns need the whole table and are refused.
    /// </summary>
    private TModel FitStreamed(IDataView input)
    {
        const string fit = "Streamed training";
        WholeTableChecks.ThrowIfConstraints(DataOptions, fit);
        WholeTableChecks.ThrowIfGeneratedColumns(DataOptions, input.Schema.Where(c => !c.IsHidden).Select(c => c.Name), fit);

        var model = FitStream(input);
        model.Seed = NextSeed();
        return model;
    }

    /// <summary>Whether <see cref="Fit(IDataView)"/> trains from the source in blocks (<see cref="DeepSynthesizerOptions.Streaming"/> set).</summary>
    private protected virtual bool StreamsTraining => false;

    /// <summary>Learns from <paramref name="input"/> read in blocks; only synthesizers whose <see cref="StreamsTraining"/> can be true implement it.</summary>
    private protected virtual TModel FitStream(IDataView input) => throw new NotSupportedException("This synthesizer does not train from a stream.");

    /// <summary>
    /// Whether declared constraints may reach the synthesizer as reversibly transformed columns (the default); false
    /// keeps every constraint by rejection alone, for a synthesizer that must see the declared columns as they are.
    /// </summary>
    private protected virtual bool TransformsConstraints => true;

    /// <summary>Whether the fit is differentially private (the generated identifier and PII columns then are refused: they learn from the data).</summary>
    private protected virtual bool IsDifferentiallyPrivate => false;

    /// <summary>Learns from <paramref name="table"/> (non-empty). Throws errors that name the column.</summary>
    private protected abstract TModel FitTable(TabularData table);

    /// <summary>The output of the fitted model has the input's columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return inputSchema;
    }
}
