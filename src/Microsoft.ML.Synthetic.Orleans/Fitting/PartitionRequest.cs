namespace Microsoft.ML.Synthetic.Orleans.Fitting;

/// <summary>One partition (a Parquet file) to summarise, with what the statistics passes read it with.</summary>
[GenerateSerializer, Immutable]
internal sealed record PartitionRequest(
    [property: Id(0)] string File,
    [property: Id(1)] DataOptionsPart? DataOptions,
    [property: Id(2)] int DistinctValueCapacity);

/// <summary>
/// The <see cref="TabularDataOptions"/> the statistics passes use, as they travel between processes (the metadata as its
/// saved JSON). Constraints cannot travel (and a fit from statistics refuses them anyway).
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record DataOptionsPart(
    [property: Id(0)] string[] MissingTokens,
    [property: Id(1)] bool TrimStrings,
    [property: Id(2)] bool AllowNaN,
    [property: Id(3)] string[] KindColumns,
    [property: Id(4)] int[] Kinds,
    [property: Id(5)] string[]? Columns,
    [property: Id(6)] byte[]? Metadata)
{
    /// <summary>The parts of <paramref name="options"/>, or null for none.</summary>
    /// <exception cref="NotSupportedException">The options declare constraints.</exception>
    public static DataOptionsPart? From(TabularDataOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        if (options.Constraints is { Count: > 0 })
        {
            throw new NotSupportedException("TabularDataOptions.Constraints cannot be fitted from partition statistics (a constraint needs whole rows of the table); fit in memory, or leave them out.");
        }

        byte[]? metadata = null;
        if (options.Metadata is { } m)
        {
            using var stream = new MemoryStream();
            m.Save(stream);
            metadata = stream.ToArray();
        }

        var kinds = options.ColumnKinds.ToArray();
        return new DataOptionsPart([.. options.MissingTokens], options.TrimStrings, options.AllowNaN,
            [.. kinds.Select(k => k.Key)], [.. kinds.Select(k => (int)k.Value)], options.Columns?.ToArray(), metadata);
    }

    /// <summary>The options rebuilt from their parts.</summary>
    public TabularDataOptions ToOptions() => new()
    {
        MissingTokens = new HashSet<string>(MissingTokens, StringComparer.Ordinal),
        TrimStrings = TrimStrings,
        AllowNaN = AllowNaN,
        ColumnKinds = KindColumns.Zip(Kinds).ToDictionary(p => p.First, p => (ColumnKind)p.Second, StringComparer.Ordinal),
        Columns = Columns,
        Metadata = Metadata is { } bytes ? TableMetadata.Load(new MemoryStream(bytes, writable: false)) : null,
    };
}
