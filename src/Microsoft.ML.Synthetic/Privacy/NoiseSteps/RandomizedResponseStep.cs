using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;
using Microsoft.ML.Synthetic.TrainOnly;
using Microsoft.ML.Synthetic.Privacy;
using Microsoft.ML.Synthetic.Privacy.NoiseSteps;

namespace Microsoft.ML.Synthetic;

/// <summary>Options of <see cref="RandomizedResponseEstimator"/>.</summary>
public sealed class RandomizedResponseOptions
{
    /// <summary>The categorical column: text (with <see cref="Categories"/>) or a key column (its key values are the domain).</summary>
    public string ColumnName { get; set; } = "";

    /// <summary>ε &gt; 0 spent by this step.</summary>
    public double Epsilon { get; set; } = 1;

    /// <summary>
    /// For a text column, the public list of categories (required: the library never derives the domain from the
    /// private data). Every value must be one of them. Ignored for key columns, whose domain is in the schema.
    /// </summary>
    public IReadOnlyList<string>? Categories { get; set; }

    /// <summary>
    /// NOT PRIVATE, for tests and demonstrations only: draw the noise from a generator seeded with this value instead of the
    /// secure source, so anyone with the seed can replay the noise. The step's ledger entry then carries
    /// <see cref="PrivacyLedgerEntry.NotPrivateReason"/>. Null (the default): secret noise.
    /// </summary>
    public int? NonPrivateReproducibleSeed { get; set; }
}

/// <summary>
/// k-ary randomized response on a categorical column of the training rows (train-only): each row keeps its
/// category with probability e^ε/(e^ε + k − 1), otherwise takes one of the other k − 1 uniformly
/// (the randomized-response mechanism of Warner 1965, k-ary form).
/// </summary>
public sealed class RandomizedResponseEstimator : TrainOnlyEstimatorBase<RandomizedResponseTransformer>
{
    private const string StepName = "RandomizedResponse";
    private readonly MLContext _context;
    private readonly RandomizedResponseOptions _options;

    internal RandomizedResponseEstimator(MLContext context, RandomizedResponseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ColumnName, nameof(options.ColumnName));
        PrivacyParameters.ThrowIfBadEpsilon(options.Epsilon, "epsilon");
        if (options.Categories is { } categories && categories.Distinct(StringComparer.Ordinal).Count() != categories.Count)
        {
            throw new ArgumentException($"Column '{options.ColumnName}': the declared categories contain duplicates.", nameof(options));
        }

        _context = context;
        _options = options;
    }

    /// <inheritdoc/>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var c = NoiseStepColumns.Find(inputSchema, _options.ColumnName, StepName);

        if (c.Kind != SchemaShape.Column.VectorKind.Scalar || !(c.ItemType is TextDataViewType || c.ItemType is KeyDataViewType))
        {
            throw new ArgumentException($"{StepName}: column '{_options.ColumnName}' has type {c.ItemType}; randomized response needs a scalar text or key column.", nameof(inputSchema));
        }

        return base.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc/>
    private protected override RandomizedResponseTransformer FitCore(IDataView input)
    {
        var column = NoiseStepColumns.Find(input.Schema, _options.ColumnName, StepName);
        int k;
        if (column.Type is TextDataViewType)
        {
            var categories = _options.Categories
                ?? throw new ArgumentException($"Column '{column.Name}': declare its public categories. The library never derives the category list from the private data.", nameof(input));
            k = categories.Count;
        }
        else if (column.Type is KeyDataViewType key && key.Count <= int.MaxValue)
        {
            k = (int)key.Count;
        }
        else
        {
            throw new ArgumentException($"{StepName}: column '{column.Name}' has type {column.Type}; randomized response needs a scalar text or key column.", nameof(input));
        }

        if (k < 2)
        {
            throw new ArgumentException($"Column '{column.Name}': randomized response needs at least 2 categories; got {k}.", nameof(input));
        }

        var rr = new RandomizedResponse(k, _options.Epsilon);
        var source = NoiseSource.For(_options.NonPrivateReproducibleSeed);
        var entry = new PrivacyLedgerEntry(
            $"{StepName}({column.Name})",
            string.Create(CultureInfo.InvariantCulture, $"k-ary randomized response, k = {k}, keep probability {rr.KeepProbability:G6}{(source.IsSecure ? "" : ", NOT PRIVATE: seeded noise")}"),
            _options.Epsilon, 0)
        {
            NotPrivateReason = source.NotPrivateReason,
        };
        return new RandomizedResponseTransformer(_context, input, column.Name, entry, rr, _options.Categories, source);
    }
}

/// <summary>The fitted randomized-response step.</summary>
public sealed class RandomizedResponseTransformer : NoiseStepTransformer
{
    private readonly RandomizedResponse _mechanism;
    private readonly IReadOnlyList<string>? _categories;
    private readonly NoiseSource _source;

    internal RandomizedResponseTransformer(MLContext context, IDataView fittedOn, string column, PrivacyLedgerEntry entry,
        RandomizedResponse mechanism, IReadOnlyList<string>? categories, NoiseSource source)
        : base(context, fittedOn, column, entry)
    {
        _mechanism = mechanism;
        _categories = categories;
        _source = source;
    }

    /// <summary>The mechanism (k, ε, keep probability; also estimates true frequencies from reported counts).</summary>
    internal RandomizedResponse Mechanism => _mechanism;

    /// <inheritdoc/>
    private protected override IDataView TransformTraining(IDataView trainingData)
    {
        var column = trainingData.Schema[ColumnName];
        if (column.Type is KeyDataViewType)
        {
            var keys = NoiseStepColumns.Read<uint>(trainingData, column);
            var noisyKeys = new uint[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == 0)
                {
                    throw new ArgumentException($"RandomizedResponse: column '{ColumnName}' has a missing key in row {i}; impute it first.", nameof(trainingData));
                }

                noisyKeys[i] = (uint)_mechanism.Respond((int)keys[i] - 1, _source) + 1;
            }

            return new ReplacedColumnView<uint>(trainingData, ColumnName, noisyKeys);
        }

        var categories = _categories!;
        var index = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var texts = NoiseStepColumns.Read<ReadOnlyMemory<char>>(trainingData, column);
        var noisy = new ReadOnlyMemory<char>[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            string value = texts[i].ToString();
            if (!index.TryGetValue(value, out int code))
            {
                throw new ArgumentException($"RandomizedResponse: column '{ColumnName}' has the value '{value}' in row {i}, which is not among the declared categories.", nameof(trainingData));
            }

            noisy[i] = categories[_mechanism.Respond(code, _source)].AsMemory();
        }

        return new ReplacedColumnView<ReadOnlyMemory<char>>(trainingData, ColumnName, noisy);
    }
}
