namespace Microsoft.ML.Synthetic.Cli.Files;

/// <summary>
/// Every table file synthml reads or writes goes through here, chosen by the file's extension: <c>.csv</c> (missing
/// values kept: empty fields and the metadata's missing tokens) and <c>.parquet</c>.
/// </summary>
internal static class TableFiles
{
    /// <summary>The extensions of the table files synthml reads and writes.</summary>
    public const string Supported = ".csv or .parquet";

    /// <summary>
    /// Reads a table file. Problems are input errors naming the file (and the line and column for CSV), and so is a
    /// column the metadata declares that the table does not have (naming the metadata file and key).
    /// </summary>
    public static IDataView Read(SyntheticCatalog synthetic, string path, MetadataSettings metadata)
    {
        var format = FormatOf(path);
        try
        {
            return FileErrors.Guard(path, "reading it", () =>
            {
                if (format == TableFormat.Csv)
                {
                    if (CsvHeader(path, metadata.CsvOptions.Separator) is { } header)
                    {
                        metadata.CheckColumns(header, path);
                    }

                    return synthetic.Data.ReadCsv(path, metadata.CsvOptions);
                }

                var data = ReadParquet(synthetic, path);
                metadata.CheckColumns(data.Schema.Where(c => !c.IsHidden).Select(c => c.Name).ToArray(), path);
                return data;
            });
        }
        catch (NotSupportedException e)
        {
            throw CliException.Usage($"{path}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw CliException.Input($"{path}: {CliException.MessageOf(e)}", e);
        }
    }

    /// <summary>
    /// The column names of a CSV file's header, to check the metadata against before the whole file is read; null
    /// when the header has quotes (the full reader then reports any mismatch).
    /// </summary>
    private static string[]? CsvHeader(string path, char separator)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        string? line = reader.ReadLine();
        return line is null || line.Contains('"', StringComparison.Ordinal) ? null : line.Split(separator).Select(n => n.Trim()).ToArray();
    }

    /// <summary>
    /// Writes <paramref name="data"/> in one cursor pass (a lazily sampled view streams to disk), whole or not at all
    /// (<see cref="OutputFile"/>).
    /// </summary>
    public static void Write(SyntheticCatalog synthetic, IDataView data, string path)
    {
        var format = FormatOf(path);
        try
        {
            OutputFile.Write(path, "writing it", partial =>
            {
                if (format == TableFormat.Csv)
                {
                    synthetic.Data.WriteCsv(data, partial);
                }
                else
                {
                    WriteParquet(synthetic, data, partial);
                }
            });
        }
        catch (NotSupportedException e)
        {
            throw CliException.Usage($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The format of <paramref name="path"/> by its extension; any other extension is a usage error.</summary>
    public static TableFormat FormatOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".CSV" => TableFormat.Csv,
        ".PARQUET" => TableFormat.Parquet,
        _ => throw CliException.Usage($"{path}: unknown table file type '{Path.GetExtension(path)}'; use {Supported}."),
    };

    // Parquet streams row group by row group both ways (see the library's IO README).
    private static IDataView ReadParquet(SyntheticCatalog synthetic, string path) => synthetic.Data.ReadParquet(path);

    private static void WriteParquet(SyntheticCatalog synthetic, IDataView data, string path) => synthetic.Data.WriteParquet(data, path);
}

/// <summary>The kinds of table file synthml reads and writes.</summary>
internal enum TableFormat
{
    /// <summary>Comma-separated values with a header row.</summary>
    Csv,

    /// <summary>Apache Parquet.</summary>
    Parquet,
}
