using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Metadata.Generators;
using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Steps;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The shared part of every fitted synthesizer: condition checking, seeded block-wise streaming of samples,
/// saving, and the <see cref="ITransformer"/> plumbing. A synthesizer implements only
/// <see cref="GenerateBlock"/> and <see cref="SaveContents"/>.
/// </summary>
public abstract partial class SynthesizerModelBase : ISynthesizerModel
{
    private const int OptionalPartMinBytes = TableSteps.MinBytes < GeneratedColumnsStep.MinBytes ? TableSteps.MinBytes : GeneratedColumnsStep.MinBytes;

    /// <summary>
    /// Rows generated per block of a sample, and part of a seeded sample's definition: block b draws only from its
    /// own Philox4x32-10 stream keyed by the seed with b in the counter (distinct for every b), so row i depends only
    /// on the seed and i through its block, and a sample can be made in shards (<see cref="SampleShard(long, int, int, int?)"/>, <see cref="SampleRows"/>).
    /// </summary>
    public const int DefaultBlockSize = 8192;

    /// <summary>Creates the model for data with <paramref name="schema"/> (the table the synthesizer models).</summary>
    private protected SynthesizerModelBase(TabularSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ModelSchema = schema;
    }

    /// <inheritdoc/>
    public TabularSchema TableSchema => TableSteps?.UserSchema ?? ModelSchema;

    /// <summary>
    /// The schema of the table the synthesizer models and <see cref="GenerateBlock"/> returns: <see cref="TableSchema"/>
    /// unless table steps (constraints) stand between the user's table and the model's.
    /// </summary>
    private protected TabularSchema ModelSchema { get; }

    /// <summary>The fitted steps between the user's table and <see cref="ModelSchema"/>, with the rules every sampled row follows; null when none (set once, when fitted or loaded).</summary>
    internal TableSteps? TableSteps { get; set; }

    /// <summary>Fails, naming the constraints, for an operation that sees only the synthesizer's own table (an ONNX sampler has no rejection step).</summary>
    internal void ThrowIfTableSteps(string operation)
    {
        if (TableSteps is not null)
        {
            throw new NotSupportedException($"This synthesizer was fitted with constraints ({string.Join(", ", TableSteps.Rules.Select(r => r.Name))}) and cannot be {operation}: the result would not transform its rows back or reject rows that break a constraint. Fit it without constraints for that use.");
        }
    }

    /// <inheritdoc/>
    public DataViewSchema TrainingSchema => GeneratedColumns?.OutputSchema(TableSchema) ?? TableSchema.ToDataViewSchema();

    /// <summary>The identifier and PII columns regenerated around the modelled ones (Metadata/Generators), or null.</summary>
    internal GeneratedColumnsStep? GeneratedColumns { get; set; }

    /// <summary>The seed used when a sample call gives none (set from the ML.NET context when fitted).</summary>
    public int Seed { get; internal set; }

    /// <summary>The name this model's format is saved under (see <c>SynthesizerFormats</c>).</summary>
    private protected abstract string FormatName { get; }

    /// <summary>
    /// Generates <paramref name="rowCount"/> rows that satisfy <paramref name="conditions"/>, using only
    /// <paramref name="random"/> for randomness (so the same seed gives the same rows).
    /// </summary>
    private protected abstract TabularData GenerateBlock(int rowCount, ResolvedConditions? conditions, Random random);

    /// <summary>Writes what the model learned; the loader registered for <see cref="FormatName"/> reads it back.</summary>
    private protected abstract void SaveContents(BinaryWriter writer);

    /// <inheritdoc/>
    public IDataView Sample(long rowCount, int? seed = null) => SampleCore(rowCount, null, seed);

    /// <inheritdoc/>
    public IDataView Sample(long rowCount, SampleConditions conditions, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return SampleCore(rowCount, conditions, seed);
    }

    private IDataView SampleCore(long rowCount, SampleConditions? conditions, int? seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        var resolved = Resolve(conditions);
        int s = seed ?? Seed;
        Func<long, int, TabularData> generate = (block, rows) => Generate(block, rows, resolved, s);
        return GeneratedColumns?.CreateStreamingView(TableSchema, rowCount, DefaultBlockSize, s, generate)
            ?? TableSchema.CreateStreamingView(rowCount, DefaultBlockSize, generate);
    }

    /// <summary>The conditions on the user's table, and those the synthesizer honours itself on <see cref="ModelSchema"/>.</summary>
    private (ResolvedConditions? User, ResolvedConditions? Model) Resolve(SampleConditions? conditions)
    {
        var user = ResolvedConditions.Resolve(TableSchema, conditions);
        return (user, TableSteps is null ? user : TableSteps.ModelConditions(user));
    }

    /// <summary>
    /// Block <paramref name="block"/> of the sample with seed <paramref name="seed"/> (<paramref name="rows"/> rows of
    /// the user's table): by row address (<see cref="GenerateRows"/>) when the synthesizer offers it and the sample is
    /// unconditional and unconstrained; otherwise from the block's own stream, <c>SeedSequence.CreateRandom(seed, block)</c>,
    /// directly or through the table steps with rejection (see <see cref="ConstrainedSampler"/>).
    /// </summary>
    private TabularData Generate(long block, int rows, (ResolvedConditions? User, ResolvedConditions? Model) conditions, int seed)
    {
        if (TableSteps is null && conditions.User is null && GenerateRows(block * DefaultBlockSize, rows, seed) is { } addressed)
        {
            return addressed;
        }

        var random = SeedSequence.CreateRandom(seed, block);
        return TableSteps is null
            ? GenerateBlock(rows, conditions.User, random)
            : ConstrainedSampler.Sample(TableSteps, rows, conditions.User, n => GenerateBlock(n, conditions.Model, random), random);
    }

    /// <summary>
    /// Rows [<paramref name="firstRow"/>, <paramref name="firstRow"/> + <paramref name="rowCount"/>) of the unconditional
    /// sample with seed <paramref name="seed"/>, each row a function of (seed, its index) alone; <see langword="null"/>
    /// (the default) when the synthesizer draws a block's rows jointly from <see cref="GenerateBlock"/>'s generator.
    /// </summary>
    private protected virtual TabularData? GenerateRows(long firstRow, int rowCount, int seed) => null;

    /// <inheritdoc/>
    public TabularData SampleTable(int rowCount, int? seed = null) => SampleTable(rowCount, null, seed);

    /// <inheritdoc/>
    public TabularData SampleTable(int rowCount, SampleConditions? conditions, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        int s = seed ?? Seed;
        var resolved = Resolve(conditions);
        var parts = new List<TabularData>();
        for (long block = 0; block * DefaultBlockSize < rowCount || (rowCount == 0 && block == 0); block++)
        {
            int rows = (int)Math.Min(DefaultBlockSize, rowCount - (block * DefaultBlockSize));
            parts.Add(Generate(block, rows, resolved, s));
        }

        var table = TabularData.Concat(parts);
        return GeneratedColumns?.Reverse(table, 0, s) ?? table;
    }

    /// <inheritdoc/>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        TableSteps?.ThrowIfCannotSave();
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Seed);
            ModelSchema.Write(writer);
            SaveContents(writer);
            TableSteps?.Write(writer);
            GeneratedColumns?.Write(writer);
        }

        ModelContainer.Write(stream, FormatName, SynthesizerFormats.CurrentVersion(FormatName), body.GetBuffer().AsSpan(0, (int)body.Length));
    }

    /// <summary>Saves the model to a file.</summary>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        Save(stream);
    }

    /// <summary>
    /// Loads a model saved by <see cref="Save(Stream)"/>: the container's header, length and checksum are verified
    /// before the body is parsed, and the body is read through a bounded reader that validates every count,
    /// dimension and value. Any problem is an <see cref="InvalidDataException"/> naming the part.
    /// </summary>
    internal static ISynthesizerModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (format, version, reader) = ModelContainer.Open(stream, SynthesizerFormats.IsKnown);
        using var part = reader.Part(SynthesizerFormats.DisplayName(format));
        int seed = reader.ReadInt32("seed");
        var schema = TabularSchema.Read(reader);
        var model = SynthesizerFormats.Read(format, version, reader, schema);
        // Optional parts follow the contents, each opened by its tag: the table steps (constraints), then the
        // generated columns (identifiers, PII). A file of the first layout (unknown length, Remaining = long.MaxValue)
        // predates them and ends with the contents; fewer bytes than the smallest part are left over.
        while (reader.Remaining is >= OptionalPartMinBytes and < long.MaxValue)
        {
            string tag = reader.ReadString("part tag", 64);
            if (tag == TableSteps.PartTag && model.TableSteps is null && model.GeneratedColumns is null)
            {
                model.TableSteps = TableSteps.Read(reader, schema, tag);
            }
            else if (tag == GeneratedColumnsStep.PartTag && model.GeneratedColumns is null)
            {
                model.GeneratedColumns = GeneratedColumnsStep.Read(reader, model.TableSchema, tag);
            }
            else
            {
                throw reader.Corrupt($"the part after the model is {ModelReader.Quote(tag)}, not the table steps or the generated columns, or it appears twice");
            }
        }

        reader.ExpectEnd();
        model.Seed = seed;
        return model;
    }

    // ITransformer: a synthesizer maps a data set to as many synthetic rows as it has.

    /// <summary>False: a synthesizer does not map rows one to one.</summary>
    public bool IsRowToRowMapper => false;

    /// <summary>The training schema: samples have it whatever the input.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => TrainingSchema;

    /// <summary>Not available: a synthesizer does not map rows one to one.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new InvalidOperationException($"{GetType().Name} generates new rows; it has no row-to-row mapper. Use Sample, or a train-only stage (Oversample, Augment, Replace) inside a pipeline.");

    /// <summary>As many synthetic rows as <paramref name="input"/> has, sampled with <see cref="Seed"/>.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long rows = input.GetRowCount() ?? CountRows(input);
        return Sample(rows);
    }

    private static long CountRows(IDataView data)
    {
        long n = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            n++;
        }

        return n;
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException($"{GetType().Name} cannot be stored in an ML.NET model file (ML.NET keeps third-party state out of it). Save it with its own Save(stream) and load it with mlContext.Synthetic().Synthesizers.Load.");
}
