namespace Microsoft.ML.Synthetic.Orleans.Sampling;

/// <summary>What a sampling grain writes: shard <see cref="ShardIndex"/> of <see cref="ShardCount"/> of a seeded sample.</summary>
[GenerateSerializer, Immutable]
internal sealed record ShardRequest(
    [property: Id(0)] string? ModelPath,
    [property: Id(1)] byte[]? ModelBytes,
    [property: Id(2)] long RowCount,
    [property: Id(3)] int ShardIndex,
    [property: Id(4)] int ShardCount,
    [property: Id(5)] int? Seed,
    [property: Id(6)] ConditionPart[]? Conditions,
    [property: Id(7)] string OutputDirectory);

/// <summary>A finished shard: its file, its rows and the silo that wrote it.</summary>
[GenerateSerializer, Immutable]
internal sealed record ShardResult(
    [property: Id(0)] int ShardIndex,
    [property: Id(1)] long RowCount,
    [property: Id(2)] string Path,
    [property: Id(3)] string Silo);

/// <summary>One <see cref="SampleCondition"/> as it travels between processes.</summary>
[GenerateSerializer, Immutable]
internal sealed record ConditionPart(
    [property: Id(0)] string Column,
    [property: Id(1)] string? Category,
    [property: Id(2)] double Lower,
    [property: Id(3)] double Upper,
    [property: Id(4)] int Temporal)
{
    /// <summary>The parts of <paramref name="conditions"/>, or null for none.</summary>
    public static ConditionPart[]? From(SampleConditions? conditions) => conditions is null ? null
        : [.. conditions.Select(c => new ConditionPart(c.Key, c.Value.Category, c.Value.Lower, c.Value.Upper, c.Value.Temporal is { } t ? (int)t + 1 : 0))];

    /// <summary>The conditions rebuilt from their parts, or null for none.</summary>
    public static SampleConditions? ToConditions(ConditionPart[]? parts)
    {
        if (parts is null)
        {
            return null;
        }

        var conditions = new SampleConditions();
        foreach (var p in parts)
        {
            conditions[p.Column] = SampleCondition.FromParts(p.Category, p.Lower, p.Upper, p.Temporal == 0 ? null : (Data.TemporalSource)(p.Temporal - 1));
        }

        return conditions;
    }
}
