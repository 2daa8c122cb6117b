using Microsoft.ML.Synthetic.Data;
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// The reversible table step for identifier and personal-information columns. <see cref="Fit"/> takes the user's table
/// and the declared metadata and returns the table the synthesizer models (those columns removed); <see cref="Reverse"/>
/// turns rows the synthesizer generated, with their global row index and the sampling seed, back into the user's table
/// (the columns regenerated, in the original order and types). <see cref="Write"/> / <see cref="Read"/> keep it in a
/// model file. Columns the metadata does not declare as identifier or PII pass through untouched.
/// </summary>
internal sealed class GeneratedColumnsStep
{
    /// <summary>The version of the step's part of a model file.</summary>
    public const int FormatVersion = 1;
    private const string SectionName = "generated columns";

    /// <summary>The fewest bytes the step's part takes (its name, version and column count): fewer left after a model are left-over bytes.</summary>
    public const int MinBytes = 1 + 17 + 4 + 4;

    // Per column of the user's table, in order: its generator, or null for a modelled column.
    private readonly string[] _names;
    private readonly GeneratedColumn?[] _generators;

    private GeneratedColumnsStep(string[] names, GeneratedColumn?[] generators)
    {
        _names = names;
        _generators = generators;
    }

    /// <summary>The generated columns, in table order.</summary>
    public IEnumerable<GeneratedColumn> Generators => _generators.Where(g => g is not null)!;

    /// <summary>
    /// Fits the generators of the identifier and PII columns <paramref name="metadata"/> declares in <paramref name="table"/>.
    /// Returns null (and the table unchanged) when it declares none.
    /// </summary>
    /// <param name="table">The user's table.</param>
    /// <param name="metadata">The declared metadata, or null.</param>
    /// <param name="saltSeed">Draws the seed of the training-value hashes' salt (called only when a column is generated).</param>
    /// <exception cref="ArgumentException">A declared column has a type its kind cannot be generated in, or every column would be generated.</exception>
    /// <param name="differentiallyPrivate">Whether the synthesizer is differentially private: generated columns are then refused, since their generators learn from the data (id range, formats, missing rates, value hashes) outside any privacy budget.</param>
    public static (GeneratedColumnsStep? Step, TabularData Modelled) Fit(TabularData table, TableMetadata? metadata, Func<int> saltSeed, bool differentiallyPrivate = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (metadata is null || !table.Columns.Any(c => IsGenerated(metadata, c.Name)))
        {
            return (null, table);
        }

        if (differentiallyPrivate)
        {
            var names = string.Join(", ", table.Columns.Where(c => IsGenerated(metadata, c.Name)).Select(c => $"'{c.Name}'"));
            throw new ArgumentException($"Column(s) {names} are declared identifiers or personal information, which a differentially private synthesizer cannot regenerate: their generators learn from the data (id range, formats, missing rate, hashes of the values) outside the privacy budget. Leave them out (TabularDataOptions.Columns) and add ids after sampling.", nameof(table));
        }

        if (table.Columns.All(c => IsGenerated(metadata, c.Name)))
        {
            throw new ArgumentException($"Every column ({string.Join(", ", table.Columns.Select(c => c.Name))}) is declared an identifier or personal information, so there is nothing to model. A synthesizer needs at least one other column.", nameof(table));
        }

        int seed = saltSeed();
        var generators = new GeneratedColumn?[table.Columns.Count];
        for (int c = 0; c < generators.Length; c++)
        {
            var column = table.Columns[c];
            if (IsGenerated(metadata, column.Name))
            {
                generators[c] = FitColumn(column, table.Schema.Columns[c], metadata[column.Name], seed);
            }
        }

        var kept = Enumerable.Range(0, generators.Length).Where(c => generators[c] is null).ToArray();
        var modelled = new TabularData(new TabularSchema(kept.Select(c => table.Schema.Columns[c]).ToArray()), kept.Select(c => table.Columns[c]).ToArray());
        return (new GeneratedColumnsStep(table.Columns.Select(c => c.Name).ToArray(), generators), modelled);
    }

    internal static bool IsGenerated(TableMetadata metadata, string column) =>
        metadata.TryGetColumn(column, out var m) && m.Kind is MetadataKind.Identifier or MetadataKind.Pii;

    private static GeneratedColumn FitColumn(TableColumn column, TableColumnInfo info, ColumnMetadata metadata, int seed)
    {
        var type = info.OriginalType;
        if (metadata.Kind == MetadataKind.Identifier && type is NumberDataViewType)
        {
            return IntegerIdColumn.Fit(column.Name, type, NumbersOf(column), column.Length);
        }

        if (type is not TextDataViewType)
        {
            string accepted = metadata.Kind == MetadataKind.Identifier ? "text or number" : "text";
            throw new ArgumentException($"Column '{column.Name}' is declared {metadata} but has type {type}; generated {(metadata.Kind == MetadataKind.Identifier ? "identifiers" : "personal information")} are written as {accepted}. Convert the column (a key: MapKeyToValue) or declare another kind.", nameof(column));
        }

        var texts = TextsOf(column);
        return metadata.Kind == MetadataKind.Identifier
            ? TextIdColumn.Fit(column.Name, texts, metadata.Pattern, info.MissingText, seed)
            : PiiColumn.Fit(column.Name, metadata.PiiType!.Value, texts, info.MissingText, seed);
    }

    private static double[] NumbersOf(TableColumn column) => column switch
    {
        ContinuousColumn c => c.Values,
        CategoricalColumn c => c.Codes.Select(k => k < 0 ? double.NaN : double.Parse(c.Categories[k], NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray(),
        _ => throw new ArgumentException($"Column '{column.Name}' is of an unknown kind.", nameof(column)),
    };

    private static string?[] TextsOf(TableColumn column) => column switch
    {
        CategoricalColumn c => c.Codes.Select(k => k < 0 ? null : c.Categories[k]).ToArray(),
        ContinuousColumn c => c.Values.Select(v => double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture)).ToArray(),
        _ => throw new ArgumentException($"Column '{column.Name}' is of an unknown kind.", nameof(column)),
    };

    /// <summary>
    /// The user's table for rows <paramref name="firstRow"/> … of a sample with <paramref name="seed"/>, from the rows
    /// the synthesizer generated (<paramref name="modelled"/>, whose columns are the modelled ones).
    /// </summary>
    public TabularData Reverse(TabularData modelled, long firstRow, int seed)
    {
        ArgumentNullException.ThrowIfNull(modelled);
        var columns = new TableColumn[_names.Length];
        var infos = new TableColumnInfo[_names.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            if (_generators[c] is { } generator)
            {
                (columns[c], infos[c]) = generator.Generate(firstRow, modelled.RowCount, seed);
            }
            else
            {
                int i = modelled.IndexOf(_names[c]);
                columns[c] = modelled.Columns[i];
                infos[c] = modelled.Schema.Columns[i];
            }
        }

        return new TabularData(new TabularSchema(infos), columns);
    }

    /// <summary>The ML.NET schema of the user's table: the modelled columns as in <paramref name="modelled"/>, the generated ones in their own types.</summary>
    public DataViewSchema OutputSchema(TabularSchema modelled)
    {
        var inner = modelled.ToDataViewSchema();
        var builder = new DataViewSchema.Builder();
        for (int c = 0; c < _names.Length; c++)
        {
            if (_generators[c] is { } generator)
            {
                builder.AddColumn(generator.Name, generator.Type);
            }
            else
            {
                var column = inner[_names[c]];
                builder.AddColumn(column.Name, column.Type, column.Annotations);
            }
        }

        return builder.ToSchema();
    }

    /// <summary>A lazy view of a sample: blocks of modelled rows from <paramref name="generateBlock"/>, reversed.</summary>
    public IDataView CreateStreamingView(TabularSchema modelled, long rowCount, int blockSize, int seed, Func<long, int, TabularData> generateBlock) =>
        new TabularDataView(OutputSchema(modelled), rowCount, blockSize, (block, rows) => Reverse(generateBlock(block, rows), block * blockSize, seed));

    /// <summary>Writes the step's part of a model file: a section name, its version, then per column its generator or nothing.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(SectionName);
        writer.Write(FormatVersion);
        writer.Write(_names.Length);
        for (int c = 0; c < _names.Length; c++)
        {
            writer.Write(_generators[c] is not null);
            if (_generators[c] is { } generator)
            {
                generator.Write(writer);
            }
            else
            {
                writer.Write(_names[c]);
            }
        }
    }

    /// <summary>The name that opens the part <see cref="Write"/> writes.</summary>
    internal const string PartTag = SectionName;

    /// <summary>
    /// Reads what <see cref="Write"/> wrote and checks it against the modelled schema (every modelled column once);
    /// <paramref name="section"/> is the part's name when the caller has read it already.
    /// </summary>
    public static GeneratedColumnsStep Read(ModelReader reader, TabularSchema modelled, string? section = null)
    {
        using var part = reader.Part(SectionName);
        section ??= reader.ReadString("section name", 64);
        reader.Check(section == SectionName, $"the part after the model is {ModelReader.Quote(section)}, not the {SectionName}");
        int version = reader.ReadInt32("version");
        reader.Check(version == FormatVersion, $"version {version} of the {SectionName} is not one this library reads (it reads {FormatVersion}); a newer SyntheticML may have written it");
        int count = reader.ReadCount("column count", ModelFileLimits.MaxColumns, 2);
        var names = new string[count];
        var generators = new GeneratedColumn?[count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int modelledCount = 0;
        for (int c = 0; c < count; c++)
        {
            if (reader.ReadBoolean("generated flag"))
            {
                generators[c] = GeneratedColumn.Read(reader);
                names[c] = generators[c]!.Name;
                reader.Check(modelled.IndexOf(names[c]) < 0, $"generated column {ModelReader.Quote(names[c])} is also a modelled column");
            }
            else
            {
                names[c] = reader.ReadString("name");
                reader.Check(modelled.IndexOf(names[c]) >= 0, $"column {ModelReader.Quote(names[c])} is not among the modelled columns");
                modelledCount++;
            }

            reader.Check(seen.Add(names[c]), $"column {ModelReader.Quote(names[c])} appears twice");
        }

        reader.Check(modelledCount == modelled.Columns.Count && modelledCount > 0, "the modelled columns do not match the model's schema");
        return new GeneratedColumnsStep(names, generators);
    }
}
