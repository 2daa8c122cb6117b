using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Transforms;

namespace Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

/// <summary>
/// The reversible encoding of a table into rows of numbers that CTGAN and TVAE (Xu et al. 2019) model: each column's
/// transformer of the shared layer (<see cref="ModeSpecificTransformer"/> for continuous columns,
/// <see cref="OneHotTransformer"/> for categorical ones, missing values as one more one-hot slot, never as dropped
/// rows) laid side by side in one row, with the activation of each part (<see cref="ColumnLayout"/>).
/// <see cref="Decode"/> turns generator output back into a table through the same transformers.
/// </summary>
internal sealed class TabularEncoder
{
    private const int Version = 1;

    private TabularEncoder(TabularSchema schema, IReadOnlyList<ColumnLayout> columns)
    {
        Schema = schema;
        Columns = columns;
        Spans = columns.SelectMany(c => c.Spans).ToArray();
        Width = Spans.Count == 0 ? 0 : Spans[^1].End;
        CategoricalColumns = columns.Where(c => c.Categorical is not null).ToArray();
        _layoutOfColumn = new ColumnLayout[schema.Columns.Count];
        foreach (var c in columns)
        {
            _layoutOfColumn[c.ColumnIndex] = c;
        }
    }

    private readonly ColumnLayout[] _layoutOfColumn;

    /// <summary>The schema of the tables this encoder encodes and decodes.</summary>
    public TabularSchema Schema { get; }

    /// <summary>The layout of every column, in schema order.</summary>
    public IReadOnlyList<ColumnLayout> Columns { get; }

    /// <summary>Every span of an encoded row, in order.</summary>
    public IReadOnlyList<OutputSpan> Spans { get; }

    /// <summary>The categorical columns' layouts (those a conditional vector can fix), in schema order.</summary>
    public IReadOnlyList<ColumnLayout> CategoricalColumns { get; }

    /// <summary>The number of values in an encoded row.</summary>
    public int Width { get; }

    /// <summary>The layout of schema column <paramref name="columnIndex"/>.</summary>
    public ColumnLayout LayoutOf(int columnIndex) => _layoutOfColumn[columnIndex];

    /// <summary>
    /// Learns the encoding of <paramref name="table"/>: the modes of each continuous column and the one-hot of each
    /// categorical one.
    /// </summary>
    /// <param name="table">The training data.</param>
    /// <param name="options">Mode and category settings; null for the defaults.</param>
    /// <param name="warn">Told about columns that are modelled with a caveat (one category, grouped categories, few distinct values).</param>
    /// <param name="threads">The most columns fitted at once; 0 uses every processor.</param>
    /// <exception cref="ArgumentException">A column has no observed value (the message names it).</exception>
    public static TabularEncoder Fit(TabularData table, TabularEncoderOptions? options = null, Action<string>? warn = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new TabularEncoderOptions();
        options.Validate();
        var transformers = new ColumnTransformer[table.Columns.Count];
        var observed = new double[table.Columns.Count][];

        foreach (var column in table.Columns)
        {
            if (column.MissingCount == column.Length)
            {
                throw new ArgumentException($"Column '{column.Name}' has only missing values; there is nothing to learn from it. Drop the column or fill it.", nameof(table));
            }
        }

        // The mixtures are independent: fit them in parallel (each is deterministic).
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : -1 };
        Parallel.For(0, table.Columns.Count, parallel, i =>
        {
            if (table.Columns[i] is ContinuousColumn c)
            {
                observed[i] = c.ObservedValues();
                transformers[i] = ModeSpecificTransformer.Fit(c, table.Schema.Columns[i], observed[i], options);
            }
        });

        var layouts = new ColumnLayout[table.Columns.Count];
        int position = 0;
        for (int i = 0; i < table.Columns.Count; i++)
        {
            switch (table.Columns[i])
            {
                case ContinuousColumn c:
                    int distinct = ModeSpecificNormalizer.CountDistinct(observed[i], options.MaxModes);
                    if (distinct < options.MaxModes)
                    {
                        warn?.Invoke($"Column '{c.Name}' has {distinct} distinct value(s), fewer than {options.MaxModes} modes: its mixture has at most {distinct} component(s).");
                    }

                    break;

                case CategoricalColumn c:
                    transformers[i] = OneHotTransformer.Fit(c, table.Schema.Columns[i], options.MaxCategories, warn);
                    if (c.CountByCategory().Count(n => n > 0) == 1)
                    {
                        warn?.Invoke($"Column '{c.Name}' has a single category in the training data; every generated row gets it.");
                    }

                    break;
            }

            layouts[i] = new ColumnLayout(i, transformers[i], position);
            position = layouts[i].End;
        }

        return new TabularEncoder(table.Schema, layouts);
    }

    /// <summary>Lays out <paramref name="transformers"/> (one per schema column, in order) side by side in one row.</summary>
    internal static TabularEncoder FromTransformers(TabularSchema schema, IReadOnlyList<ColumnTransformer> transformers)
    {
        var layouts = new ColumnLayout[transformers.Count];
        int position = 0;
        for (int i = 0; i < layouts.Length; i++)
        {
            layouts[i] = new ColumnLayout(i, transformers[i], position);
            position = layouts[i].End;
        }

        return new TabularEncoder(schema, layouts);
    }

    /// <summary>
    /// Encodes every row of <paramref name="table"/> into a row-major array of <c>RowCount × Width</c> values; the
    /// mode of each continuous value is drawn from its posterior with <paramref name="random"/> (column by column,
    /// row by row).
    /// </summary>
    /// <exception cref="ArgumentException">The table does not match the encoder, or holds a value a transformer never saw (the message names the column).</exception>
    public float[] Encode(TabularData table, Random random)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(random);
        var result = new float[(long)table.RowCount * Width];
        EncodeInto(table, random, result);
        return result;
    }

    /// <summary>
    /// Encodes as <see cref="Encode"/> does into the first <c>RowCount × Width</c> values of <paramref name="result"/>
    /// (streamed training reuses one buffer).
    /// </summary>
    internal void EncodeInto(TabularData table, Random random, Span<float> result)
    {
        if (table.Columns.Count != Columns.Count)
        {
            throw new ArgumentException($"The table has {table.Columns.Count} columns; the encoder was fitted on {Columns.Count}.", nameof(table));
        }

        result[..checked(table.RowCount * Width)].Clear();
        foreach (var layout in Columns)
        {
            var column = table.Columns[layout.ColumnIndex];
            var transformer = layout.Transformer;
            for (int r = 0; r < table.RowCount; r++)
            {
                transformer.TransformRow(column, r, result.Slice((r * Width) + layout.Start, transformer.Width), random);
            }
        }
    }

    /// <summary>
    /// Decodes <paramref name="rows"/> generated rows (row-major, <see cref="Width"/> values each, α already in
    /// [−1, 1]) through each column's transformer: each one-hot part becomes its largest entry, each continuous value
    /// 4σα + μ of its mode, clipped to the training range and rounded for whole-number columns.
    /// </summary>
    /// <param name="encoded">The generator output.</param>
    /// <param name="rows">How many rows it holds.</param>
    /// <param name="random">Draws a category of the rare-category group and, with <paramref name="alphaNoise"/>, the noise on α.</param>
    /// <param name="alphaNoise">Optional standard deviations (one per encoded position) of Gaussian noise added to α before clipping (TVAE's learned σ).</param>
    /// <param name="requiredCodes">Optional category codes by column index, used when a required category sits in the rare-category group.</param>
    public TabularData Decode(ReadOnlySpan<float> encoded, int rows, Random random, ReadOnlySpan<float> alphaNoise = default, IReadOnlyDictionary<int, int>? requiredCodes = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        return DecodeWith(encoded, rows, DecodeDraws.From(random), alphaNoise, requiredCodes);
    }

    /// <summary>Decodes as <see cref="Decode(ReadOnlySpan{float}, int, Random, ReadOnlySpan{float}, IReadOnlyDictionary{int, int}?)"/> does, taking the random draws from <paramref name="draws"/>.</summary>
    internal TabularData DecodeWith(ReadOnlySpan<float> encoded, int rows, DecodeDraws draws, ReadOnlySpan<float> alphaNoise = default, IReadOnlyDictionary<int, int>? requiredCodes = null)
    {
        if (encoded.Length < (long)rows * Width)
        {
            throw new ArgumentException($"Expected {rows} × {Width} values, got {encoded.Length}.", nameof(encoded));
        }

        var columns = new TableColumn[Columns.Count];
        foreach (var layout in Columns)
        {
            if (layout.Continuous is { } continuous)
            {
                float noise = alphaNoise.IsEmpty ? 0 : alphaNoise[layout.Start];
                columns[layout.ColumnIndex] = continuous.Reverse(encoded, rows, Width, layout.Start, draws, noise, layout.ColumnIndex);
            }
            else
            {
                int required = requiredCodes is not null && requiredCodes.TryGetValue(layout.ColumnIndex, out var rc) ? rc : -1;
                columns[layout.ColumnIndex] = layout.Categorical!.Reverse(encoded, rows, Width, layout.Start, draws, layout.ColumnIndex, required);
            }
        }

        return new TabularData(Schema, columns);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    internal static double StandardNormal(Random random) => DecodeDraws.StandardNormal(random);

    /// <summary>Writes the encoder (not the schema, which the model saves); <see cref="Read(BinaryReader, TabularSchema)"/> reads it back.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Version);
        writer.Write(Columns.Count);
        foreach (var layout in Columns)
        {
            writer.Write((byte)(layout.Continuous is not null ? 0 : 1));
            layout.Transformer.Write(writer);
        }
    }

    /// <summary>Reads an encoder written by <see cref="Write"/> for data with <paramref name="schema"/>.</summary>
    /// <exception cref="InvalidDataException">The data is truncated, corrupt or does not match the schema (the message names the column and the field).</exception>
    public static TabularEncoder Read(BinaryReader reader, TabularSchema schema)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(schema);
        return Read(ModelReader.Over(reader.BaseStream), schema);
    }

    /// <summary>Reads an encoder through the bounded model-file reader; every column's transformer must match <paramref name="schema"/>.</summary>
    internal static TabularEncoder Read(ModelReader reader, TabularSchema schema)
    {
        using var part = reader.Part("encoder");
        int version = reader.ReadInt32("encoder version");
        if (version != Version)
        {
            throw reader.Corrupt($"encoder version {version} is not {Version}");
        }

        int count = reader.ReadInt32("column count");
        if (count != schema.Columns.Count)
        {
            throw reader.Corrupt($"the encoder has {count} columns; the schema has {schema.Columns.Count}");
        }

        var transformers = new ColumnTransformer[count];
        for (int i = 0; i < count; i++)
        {
            var info = schema.Columns[i];
            using var column = reader.Part($"column {ModelReader.Quote(info.Name)}");
            byte tag = reader.ReadByte("column tag");
            int expected = info.Kind == ColumnKind.Continuous ? 0 : 1;
            if (tag != expected)
            {
                throw reader.Corrupt($"the column tag is {tag}; a {info.Kind} column has tag {expected}");
            }

            transformers[i] = tag == 0 ? ModeSpecificTransformer.Read(reader, info) : OneHotTransformer.Read(reader, info);
        }

        return FromTransformers(schema, transformers);
    }
}
