using System.Text;
using Microsoft.ML.Synthetic.IO;


namespace Microsoft.ML.Synthetic;

/// <summary>
/// CSV reading and writing on <c>mlContext.Synthetic().Data</c> that keeps missing values: empty fields and missing
/// tokens are read as NaN (numbers) or empty text, and missing numbers are written as empty fields. ML.NET's
/// <c>LoadFromTextFile</c> reads empty numeric fields as 0 unless <c>MissingRealsAsNaNs = true</c>, and
/// <c>SaveAsText</c> writes NaN as <c>?</c> (see IO/README.md).
/// </summary>
public static class CsvCatalog
{
    /// <summary>
    /// Reads a CSV file with a header row (RFC 4180: quoted fields may hold the separator, doubled quotes and line
    /// breaks) into memory. A column whose non-missing fields all parse as numbers (invariant culture) is a number
    /// column of Single (Double with <see cref="CsvReadOptions.NumbersAsDouble"/>), with NaN for missing fields; any other column is text, kept
    /// as written, with empty text for missing fields. A column with no value at all is a number column.
    /// </summary>
    /// <param name="catalog">The table input and output catalog (<c>mlContext.Synthetic().Data</c>).</param>
    /// <param name="path">The CSV file (UTF-8; a byte-order mark is skipped).</param>
    /// <param name="options">Separator, missing tokens (default: empty, <c>?</c>, <c>NA</c>), number type, per-column types.</param>
    /// <returns>The rows, with one column per header name, in file order.</returns>
    /// <exception cref="InvalidDataException">The file is malformed (an unclosed quote, a row with the wrong number of fields, a duplicate or empty header name, text in a column declared a number); the message names the file, the line and the column.</exception>
    public static IDataView ReadCsv(this DataCatalog catalog, string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return CsvDataReader.Read(reader, path, options ?? new CsvReadOptions());
    }

    /// <summary>
    /// Writes the visible columns of <paramref name="data"/> to a CSV file in one cursor pass (constant memory, so a
    /// sampled view of any size streams to disk): a header row, numbers in invariant culture with round-trip
    /// precision (<c>R</c>: the shortest text that reads back to the same Single or Double), missing numbers (NaN)
    /// as empty fields, Booleans as True/False, DateTime and DateTimeOffset in ISO 8601 (<c>2024-05-01T08:30:15</c>,
    /// <c>2024-05-01T08:30:15+02:00</c>; <c>default</c>, ML.NET's missing date, as an empty field), TimeSpan in its
    /// constant format (<c>1.02:03:04</c>; read them back with <see cref="CsvReadOptions.ColumnTypes"/>), and text quoted (RFC 4180) when it holds the separator, a quote or
    /// a line break, has white space at either end, or is <c>?</c> or <c>NA</c>. Empty text is an empty field.
    /// </summary>
    /// <param name="catalog">The table input and output catalog (<c>mlContext.Synthetic().Data</c>).</param>
    /// <param name="data">The rows to write: scalar number, text, Boolean, DateTime, DateTimeOffset and TimeSpan columns.</param>
    /// <param name="path">The file to create or overwrite (UTF-8 without a byte-order mark, LF line ends).</param>
    /// <param name="separator">The field separator; default a comma.</param>
    /// <exception cref="ArgumentException">A visible column is a vector or key column; the message names it.</exception>
    public static void WriteCsv(this DataCatalog catalog, IDataView data, string path, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        CsvDataWriter.Write(data, writer, separator);
    }
}
