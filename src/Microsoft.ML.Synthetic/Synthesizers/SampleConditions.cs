using System.Collections;

namespace Microsoft.ML.Synthetic;

/// <summary>Conditions on column values for conditional sampling, one per column.</summary>
/// <example><code>
/// var rich = model.Sample(5_000, new SampleConditions { ["income"] = "&gt;50K", ["age"] = SampleCondition.Between(30, 40) }, seed: 7);
/// </code></example>
public sealed class SampleConditions : IEnumerable<KeyValuePair<string, SampleCondition>>
{
    private readonly Dictionary<string, SampleCondition> _conditions = new(StringComparer.Ordinal);

    /// <summary>The condition on <paramref name="column"/>.</summary>
    public SampleCondition this[string column]
    {
        get => _conditions[column];
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(column);
            ArgumentNullException.ThrowIfNull(value);
            _conditions[column] = value;
        }
    }

    /// <summary>The number of conditioned columns.</summary>
    public int Count => _conditions.Count;

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, SampleCondition>> GetEnumerator() => _conditions.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", _conditions.Select(p => $"{p.Key} {p.Value}"));
}
