using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

/// <summary>
/// The reversible encoding of a table into rows of numbers that CTGAN and TVAE (Xu et al. 2019) model:
/// mode-specific normalization for continuous columns, one-hot for categorical ones, and missing values as
/// one more one-hot slot (never as dropped rows). <see cref="Decode"/> turns generator output back into a table.
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

    /// <summary>Builds an encoder from layouts made elsewhere (for example from declared public metadata).</summary>
    internal static TabularEncoder FromLayouts(TabularSchema schema, IReadOnlyList<ColumnLayout> columns) => new(schema, columns);

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
        var layouts = new ColumnLayout[table.Columns.Count];
        var normalizers = new ModeSpecificNormalizer?[table.Columns.Count];
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
                normalizers[i] = ModeSpecificNormalizer.Fit(c.Name, observed[i], options);
            }
        });

        int position = 0;
        for (int i = 0; i < table.Columns.Count; i++)
        {
            switch (table.Columns[i])
            {
                case ContinuousColumn c:
                    {
                        var normalizer = normalizers[i]!;
                        int distinct = ModeSpecificNormalizer.CountDistinct(observed[i], options.MaxModes);
                        if (distinct < options.MaxModes)
                        {
                            warn?.Invoke($"Column '{c.Name}' has {distinct} distinct value(s), fewer than {options.MaxModes} modes: its mixture has at most {distinct} component(s).");
                        }

                        var alpha = new OutputSpan(position, 1, SpanActivation.Tanh);
                        var modes = new OutputSpan(alpha.End, normalizer.ModeCount, SpanActivation.Softmax);
                        OutputSpan? missing = c.MissingCount > 0 ? new OutputSpan(modes.End, 2, SpanActivation.Softmax) : null;
                        // Whole numbers stay whole (as the copula does): an integer column, or every training value whole
                        // (ML.NET loads numbers as Single by default, so ages and counts often arrive as floats).
                        bool whole = c.IsInteger || Array.TrueForAll(observed[i], v => v == Math.Round(v));
                        layouts[i] = new ColumnLayout(i, normalizer, whole, alpha, modes, missing);
                        position = (missing ?? modes).End;
                        break;
                    }

                case CategoricalColumn c:
                    {
                        var encoding = CategoricalEncoding.Fit(c, options.MaxCategories, warn);
                        if (c.CountByCategory().Count(n => n > 0) == 1)
                        {
                            warn?.Invoke($"Column '{c.Name}' has a single category in the training data; every generated row gets it.");
                        }

                        var oneHot = new OutputSpan(position, encoding.Width, SpanActivation.Softmax);
                        layouts[i] = new ColumnLayout(i, encoding, oneHot);
                        position = oneHot.End;
                        break;
                    }
            }
        }

        return new TabularEncoder(table.Schema, layouts);
    }

    /// <summary>
    /// Encodes every row of <paramref name="table"/> into a row-major array of <c>RowCount × Width</c> values; the
    /// mode of each continuous value is drawn from its posterior with <paramref name="random"/>.
    /// </summary>
    public float[] Encode(TabularData table, Random random)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(random);
        if (table.Columns.Count != Columns.Count)
        {
            throw new ArgumentException($"The table has {table.Columns.Count} columns; the encoder was fitted on {Columns.Count}.", nameof(table));
        }

        var result = new float[(long)table.RowCount * Width];
        foreach (var layout in Columns)
        {
            var column = table.Columns[layout.ColumnIndex];
            for (int r = 0; r < table.RowCount; r++)
            {
                var row = result.AsSpan(r * Width, Width);
                if (layout.Normalizer is { } normalizer)
                {
                    double value = ((ContinuousColumn)column).Values[r];
                    var modes = layout.Spans[1];
                    normalizer.Encode(value, random, out float alpha, row.Slice(modes.Start, modes.Width));
                    row[layout.Spans[0].Start] = alpha;
                    if (layout.MissingSpan is { } missing)
                    {
                        row[missing.Start + (double.IsNaN(value) ? 1 : 0)] = 1;
                    }
                }
                else
                {
                    var span = layout.Spans[0];
                    int code = ((CategoricalColumn)column).Codes[r];
                    if (code >= 0 && layout.Categorical!.SlotOf(code) < 0)
                    {
                        throw new ArgumentException($"Column '{column.Name}' has category code {code}, which the encoder never saw.", nameof(table));
                    }

                    layout.Categorical!.Encode(code, row.Slice(span.Start, span.Width));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Decodes <paramref name="rows"/> generated rows (row-major, <see cref="Width"/> values each, α already in
    /// [−1, 1]): each one-hot part becomes its largest entry, each continuous value 4σα + μ of its mode, clipped to
    /// the training range and rounded for whole-number columns.
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
            var info = Schema.Columns[layout.ColumnIndex];
            if (layout.Normalizer is { } normalizer)
            {
                var values = new double[rows];
                int alphaAt = layout.Spans[0].Start;
                var modes = layout.Spans[1];
                float noise = alphaNoise.IsEmpty ? 0 : alphaNoise[alphaAt];
                bool single = info.OriginalType.RawType == typeof(float);   // values must survive the trip through the source type
                for (int r = 0; r < rows; r++)
                {
                    var row = encoded.Slice(r * Width, Width);
                    if (layout.MissingSpan is { } missing && row[missing.Start + 1] > row[missing.Start])
                    {
                        values[r] = double.NaN;
                        continue;
                    }

                    float alpha = row[alphaAt];
                    if (noise > 0)
                    {
                        alpha += noise * (float)draws.Normal(r, layout.ColumnIndex);
                    }

                    double x = normalizer.Decode(alpha, row.Slice(modes.Start, modes.Width));
                    values[r] = layout.IsInteger ? Math.Round(x) : single ? (float)x : x;
                }

                columns[layout.ColumnIndex] = new ContinuousColumn(info.Name, values, layout.IsInteger);
            }
            else
            {
                var codes = new int[rows];
                var span = layout.Spans[0];
                int required = requiredCodes is not null && requiredCodes.TryGetValue(layout.ColumnIndex, out var rc) ? rc : -1;
                for (int r = 0; r < rows; r++)
                {
                    codes[r] = layout.Categorical!.DecodeWith(encoded.Slice((r * Width) + span.Start, span.Width), draws, r, layout.ColumnIndex, required);
                }

                columns[layout.ColumnIndex] = new CategoricalColumn(info.Name, codes, info.Categories);
            }
        }

        return new TabularData(Schema, columns);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    internal static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Writes the encoder (not the schema, which the model saves); <see cref="Read(BinaryReader, TabularSchema)"/> reads it back.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Version);
        writer.Write(Columns.Count);
        foreach (var layout in Columns)
        {
            if (layout.Normalizer is { } normalizer)
            {
                writer.Write((byte)0);
                writer.Write(layout.IsInteger);
                writer.Write(layout.MissingSpan.HasValue);
                normalizer.Write(writer);
            }
            else
            {
                writer.Write((byte)1);
                layout.Categorical!.Write(writer);
            }
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

    /// <summary>Reads an encoder through the bounded model-file reader; every column's layout must match <paramref name="schema"/>.</summary>
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

        var layouts = new ColumnLayout[count];
        int position = 0;
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

            if (tag == 0)
            {
                bool isInteger = reader.ReadBoolean("whole-number flag");
                bool hasMissing = reader.ReadBoolean("missing-values flag");
                var normalizer = ModeSpecificNormalizer.Read(reader, info.Name);
                reader.Check(info.OriginalType.RawType != typeof(float) || (Math.Abs(normalizer.Min) <= float.MaxValue && Math.Abs(normalizer.Max) <= float.MaxValue), "the range does not fit the column's Single type");
                var alpha = new OutputSpan(position, 1, SpanActivation.Tanh);
                var modes = new OutputSpan(alpha.End, normalizer.ModeCount, SpanActivation.Softmax);
                OutputSpan? missing = hasMissing ? new OutputSpan(modes.End, 2, SpanActivation.Softmax) : null;
                layouts[i] = new ColumnLayout(i, normalizer, isInteger, alpha, modes, missing);
                position = (missing ?? modes).End;
            }
            else
            {
                var encoding = CategoricalEncoding.Read(reader, info.Name, info.Categories.Count);
                var oneHot = new OutputSpan(position, encoding.Width, SpanActivation.Softmax);
                layouts[i] = new ColumnLayout(i, encoding, oneHot);
                position = oneHot.End;
            }
        }

        return new TabularEncoder(schema, layouts);
    }
}
