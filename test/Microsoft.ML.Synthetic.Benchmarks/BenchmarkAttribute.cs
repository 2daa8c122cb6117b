namespace Microsoft.ML.Synthetic.Benchmarks;

/// <summary>
/// Marks a <c>public static void M(BenchmarkContext ctx)</c> method as a benchmark of a group. The runner runs the
/// group when no prefix is given, when a given prefix is a prefix of the group name, or when the group name is a
/// prefix of a given prefix (so <c>copula.fit</c> runs group <c>copula</c> and prints only its <c>copula.fit*</c>
/// figures).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class BenchmarkAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="group">Dotted, lower-case group name, the first part of every figure the method reports.</param>
    public BenchmarkAttribute(string group)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        Group = group;
    }

    /// <summary>The group name.</summary>
    public string Group { get; }
}
