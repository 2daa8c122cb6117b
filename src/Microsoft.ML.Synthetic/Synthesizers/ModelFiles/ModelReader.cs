using System.Buffers.Binary;
using System.Text;

namespace Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

/// <summary>
/// The bounded reader every part of a saved synthesizer is read through. It knows how many bytes remain, checks
/// every count and length against them (and against <see cref="ModelFileLimits"/>) before allocating, and turns
/// every problem into an <see cref="InvalidDataException"/> that names the part being read
/// ("TVAE › network › tensor 'decoder.output.weight': ..."). It reads what <see cref="BinaryWriter"/> wrote
/// (little-endian numbers, 7-bit length-prefixed UTF-8 strings).
/// </summary>
internal sealed class ModelReader
{
    private const int UnknownLengthChunk = 1 << 20;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly long _length;   // bytes available from the start; -1 when the stream cannot say
    private readonly List<string> _parts = [];
    private readonly byte[] _scratch = new byte[8];
    private long _position;

    /// <summary>Reads at most <paramref name="length"/> bytes of <paramref name="stream"/> from its current position (-1: unknown).</summary>
    public ModelReader(Stream stream, long length)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _length = length;
    }

    /// <summary>A reader of the rest of <paramref name="stream"/> (its remaining length when it can seek).</summary>
    public static ModelReader Over(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new ModelReader(stream, stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : -1);
    }

    /// <summary>A reader of a whole byte array (a verified model body).</summary>
    public static ModelReader Over(byte[] body) => new(new MemoryStream(body, writable: false), body.Length);

    /// <summary>Bytes left (<see cref="long.MaxValue"/> when the stream's length is unknown).</summary>
    public long Remaining => _length < 0 ? long.MaxValue : _length - _position;

    /// <summary>Where the reader is, as a path of parts ("Gaussian copula › column 'age' › marginal").</summary>
    public string Where => _parts.Count == 0 ? "model file" : string.Join(" › ", _parts);

    /// <summary>Enters a named part; disposing the scope leaves it.</summary>
    public PartScope Part(string name)
    {
        _parts.Add(name);
        return new PartScope(this, _parts.Count);
    }

    /// <summary>The exception for a problem found at the current part.</summary>
    public InvalidDataException Corrupt(string problem) =>
        new($"{Where}: {problem}. The model file is truncated, corrupt or not a SyntheticML model; save the model again from the fitted synthesizer, or fit it again.");

    /// <summary>Fails when <paramref name="condition"/> is false.</summary>
    public void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw Corrupt(problem);
        }
    }

    /// <summary>Quotes text read from the file for a message: at most 64 characters, control characters escaped.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder("'");
        foreach (var c in text.Length > 64 ? text[..64] : text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.Append(text.Length > 64 ? "…'" : "'").ToString();
    }

    public byte ReadByte(string what) => Fill(what, 1)[0];

    /// <summary>A Boolean written as one byte 0 or 1 (any other byte is corrupt).</summary>
    public bool ReadBoolean(string what)
    {
        byte b = ReadByte(what);
        if (!(b <= 1))
        {
            throw Corrupt($"{what} is the byte {b}, not a Boolean (0 or 1)");
        }

        return b == 1;
    }

    public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Fill(what, 4));

    public long ReadInt64(string what) => BinaryPrimitives.ReadInt64LittleEndian(Fill(what, 8));

    public double ReadDouble(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Fill(what, 8));

    /// <summary>An Int32 in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int ReadInt32(string what, int min, int max)
    {
        int value = ReadInt32(what);
        if (!(value >= min && value <= max))
        {
            throw Corrupt($"{what} is {value}; it must lie in [{min}, {max}]");
        }

        return value;
    }

    /// <summary>A finite double.</summary>
    public double ReadFinite(string what)
    {
        double value = ReadDouble(what);
        if (!(double.IsFinite(value)))
        {
            throw Corrupt($"{what} is {value}; it must be a finite number");
        }

        return value;
    }

    /// <summary>A defined value of <typeparamref name="T"/>, saved as an Int32.</summary>
    public T ReadEnum<T>(string what)
        where T : struct, Enum
    {
        int raw = ReadInt32(what);
        var value = (T)Enum.ToObject(typeof(T), raw);
        if (!(Enum.IsDefined(value)))
        {
            throw Corrupt($"{what} is {raw}, not a defined {typeof(T).Name}");
        }

        return value;
    }

    /// <summary>
    /// A count in [0, <paramref name="max"/>] of items that take at least <paramref name="minBytesEach"/> bytes each
    /// in what follows, so that the file must still hold count × minBytesEach bytes.
    /// </summary>
    public int ReadCount(string what, int max, int minBytesEach)
    {
        int count = ReadInt32(what);
        CheckCount(what, count, max, minBytesEach);
        return count;
    }

    /// <summary>Checks a count read elsewhere as <see cref="ReadCount"/> does.</summary>
    public void CheckCount(string what, long count, long max, long minBytesEach)
    {
        if (!(count >= 0 && count <= max))
        {
            throw Corrupt($"{what} is {count}; it must lie in [0, {max}]");
        }

        if (!(count * minBytesEach <= Remaining))
        {
            throw Corrupt($"{what} is {count}, which needs at least {count * minBytesEach} more bytes, but only {Remaining} remain");
        }
    }

    /// <summary>A string written by <see cref="BinaryWriter.Write(string)"/>, at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public string ReadString(string what, int maxBytes = ModelFileLimits.MaxStringBytes)
    {
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (!(shift < 35))
            {
                throw Corrupt($"{what}: the length prefix is malformed");
            }

            byte b = ReadByte(what);
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        if (!(length >= 0 && length <= maxBytes))
        {
            throw Corrupt($"{what} declares {length} bytes; at most {maxBytes} are allowed");
        }

        var bytes = ReadBytes(what, length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt($"{what} is not valid UTF-8");
        }
    }

    /// <summary><paramref name="count"/> doubles (count already bounded by the caller's cap).</summary>
    public double[] ReadDoubles(string what, int count)
    {
        var bytes = ReadBytes(what, checked((long)count * 8));
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8));
        }

        return values;
    }

    /// <summary><paramref name="count"/> finite floats.</summary>
    public float[] ReadFiniteSingles(string what, long count)
    {
        var bytes = ReadBytes(what, checked(count * 4));
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(i * 4)));
            if (!(float.IsFinite(values[i])))
            {
                throw Corrupt($"{what}: value {i} is {values[i]}; weights must be finite");
            }
        }

        return values;
    }

    /// <summary><paramref name="count"/> Int64 values.</summary>
    public long[] ReadInt64s(string what, long count)
    {
        var bytes = ReadBytes(what, checked(count * 8));
        var values = new long[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan((int)(i * 8)));
        }

        return values;
    }

    /// <summary>
    /// <paramref name="count"/> raw bytes. With a known length the bytes must be there before the array is made;
    /// with an unknown length they are read in chunks, so no more is allocated than the stream actually holds.
    /// </summary>
    public byte[] ReadBytes(string what, long count)
    {
        if (!(count >= 0 && count <= Array.MaxLength))
        {
            throw Corrupt($"{what} declares {count} bytes");
        }

        if (!(count <= Remaining))
        {
            throw Corrupt($"{what} needs {count} bytes, but only {Remaining} remain (the file ends early)");
        }

        if (_length >= 0)
        {
            var bytes = new byte[count];
            ReadExactly(what, bytes);
            return bytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[(int)Math.Min(count, UnknownLengthChunk)];
        for (long left = count; left > 0;)
        {
            int n = (int)Math.Min(left, chunk.Length);
            ReadExactly(what, chunk.AsSpan(0, n));
            buffer.Write(chunk, 0, n);
            left -= n;
        }

        return buffer.ToArray();
    }

    /// <summary>Fails unless every byte has been read.</summary>
    public void ExpectEnd()
    {
        if (_length >= 0 && Remaining != 0)
        {
            throw Corrupt($"{Remaining} bytes are left over after the last part");
        }
    }

    private ReadOnlySpan<byte> Fill(string what, int count)
    {
        if (!(count <= Remaining))
        {
            throw Corrupt($"{what} needs {count} bytes, but only {Remaining} remain (the file ends early)");
        }

        var span = _scratch.AsSpan(0, count);
        ReadExactly(what, span);
        return span;
    }

    private void ReadExactly(string what, Span<byte> destination)
    {
        int read = _stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        _position += read;
        if (!(read == destination.Length))
        {
            throw Corrupt($"{what}: the file ends early");
        }
    }

    /// <summary>Leaves a part when disposed.</summary>
    public readonly struct PartScope(ModelReader reader, int depth) : IDisposable
    {
        public void Dispose() => reader._parts.RemoveRange(depth - 1, reader._parts.Count - depth + 1);
    }
}
