namespace Microsoft.ML.Synthetic.Data;

/// <summary>
/// The header of a saved statistics file (the copula's, MST/AIM's and the evaluation's mergeable statistics): a name
/// that says what it holds, and its format version.
/// </summary>
internal static class StatisticsFile
{
    public static void WriteHeader(BinaryWriter writer, string magic, int version)
    {
        writer.Write(magic);
        writer.Write(version);
    }

    /// <summary>Reads and checks the header; versions 1 to <paramref name="version"/> are read.</summary>
    /// <exception cref="InvalidDataException">The stream holds something else, or a newer version (the message says which).</exception>
    public static void ReadHeader(BinaryReader reader, string magic, int version, string what)
    {
        string found;
        try
        {
            found = reader.ReadString();
        }
        catch (EndOfStreamException)
        {
            found = "";
        }

        if (found != magic)
        {
            throw new InvalidDataException($"The stream does not hold {what} (it starts with '{(found.Length > 40 ? found[..40] + "…" : found)}').");
        }

        int v = reader.ReadInt32();
        if (v < 1 || v > version)
        {
            throw new InvalidDataException($"The {what} have format version {v}; this library reads versions 1 to {version}. Update the library.");
        }
    }
}
