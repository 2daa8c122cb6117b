using System.Text;

namespace Microsoft.ML.Synthetic.IO;

/// <summary>One CSV field: its text and whether it was quoted.</summary>
internal readonly record struct CsvField(string Text, bool Quoted);

/// <summary>
/// Splits RFC 4180 CSV into records: fields separated by the separator, optionally quoted with <c>"</c>, a quote
/// inside a quoted field doubled, line breaks inside quoted fields kept. Records end at LF or CRLF.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, char separator, string source)
{
    private readonly StringBuilder _field = new();
    private int _line = 1;

    /// <summary>The 1-based line on which the last record returned started.</summary>
    public int RecordLine { get; private set; }

    /// <summary>Reads the next record, or null at the end. A blank line is a record with one empty field.</summary>
    public List<CsvField>? Next()
    {
        int c = reader.Read();
        if (c < 0)
        {
            return null;
        }

        RecordLine = _line;
        var fields = new List<CsvField>();
        while (true)
        {
            // At the start of a field.
            _field.Clear();
            bool quoted = false;
            if (c == '"')
            {
                quoted = true;
                int quoteLine = _line;
                while (true)
                {
                    c = reader.Read();
                    if (c < 0)
                    {
                        throw new InvalidDataException($"{source}, line {quoteLine}, field {fields.Count + 1}: a quoted field is not closed before the end of the file. Close it with \" (write a quote inside a field as \"\").");
                    }

                    if (c == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            _field.Append('"');
                            continue;
                        }

                        c = reader.Read();
                        break;
                    }

                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append((char)c);
                }

                if (c >= 0 && c != separator && c != '\n' && c != '\r')
                {
                    throw new InvalidDataException($"{source}, line {_line}, field {fields.Count + 1}: '{(char)c}' follows the closing quote of a quoted field. Quote the whole field and double the quotes inside it.");
                }
            }
            else
            {
                while (c >= 0 && c != separator && c != '\n' && c != '\r')
                {
                    _field.Append((char)c);
                    c = reader.Read();
                }
            }

            fields.Add(new CsvField(_field.ToString(), quoted));
            if (c == separator)
            {
                c = reader.Read();
                continue;
            }

            if (c == '\r' && reader.Peek() == '\n')
            {
                reader.Read();
            }

            if (c == '\r' || c == '\n')
            {
                _line++;
            }

            return fields;
        }
    }
}
