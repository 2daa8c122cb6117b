namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics;

/// <summary>The header of a saved statistics file: a name that says what it holds, and its format version.</summary>
internal static class StatisticsFile
{
    public static void WriteHeader(BinaryWriter writer, string magic, int version)
    {
        writer.Write(magic);
        writer.Write(version);
    }

    /// <exception cref="InvalidDataException">The stream holds something else, or another version (the message says which).</exception>
    public static void ReadHeader(BinaryReader reader, string magic, int version, string what)
    {
        if (reader.ReadString() != magic)
        {
            throw new InvalidDataException($"The stream does not hold {what}.");
        }

        int found = reader.ReadInt32();
        if (found != version)
        {
            throw new InvalidDataException($"The {what} have format version {found}; this library reads version {version}.");
        }
    }
}
