namespace Microsoft.ML.Synthetic.Synthesizers.Aim;

/// <summary>
/// AIM's workload and candidates (McKenna, Mullins, Sheldon &amp; Miklau, "AIM: An Adaptive and Iterative Mechanism
/// for Differentially Private Synthetic Data", VLDB 2022, §4, as the reference's compile_workload): the candidates
/// are every non-empty subset of a workload marginal (the downward closure), each weighted by its overlap with the
/// workload, Σ_W |C ∩ W|.
/// </summary>
internal static class AimWorkload
{
    /// <summary>The workload marginals as increasing column indices: <see cref="AimOptions.Workload"/>, or every set of <see cref="AimOptions.WorkloadDegree"/> columns; those above <see cref="AimOptions.MaxWorkloadCells"/> cells are left out.</summary>
    /// <exception cref="ArgumentException">A workload marginal names an unknown column, or no marginal is left.</exception>
    public static List<int[]> Resolve(IReadOnlyList<string> columns, int[] sizes, AimOptions options)
    {
        var marginals = new List<int[]>();
        if (options.Workload.Count > 0)
        {
            foreach (var names in options.Workload)
            {
                marginals.Add([.. names.Select(n => IndexOf(columns, n)).Order()]);
            }
        }
        else
        {
            marginals.AddRange(Subsets(columns.Count, Math.Min(options.WorkloadDegree, columns.Count)));
        }

        var kept = marginals.Where(m => m.Aggregate(1L, (s, v) => s * sizes[v]) <= options.MaxWorkloadCells).ToList();
        if (kept.Count == 0)
        {
            throw new ArgumentException($"Every workload marginal holds more than {nameof(AimOptions)}.{nameof(AimOptions.MaxWorkloadCells)} = {options.MaxWorkloadCells} cells. Declare fewer bins or categories, or raise the limit.", nameof(options));
        }

        return kept;
    }

    /// <summary>The downward closure of <paramref name="workload"/>, by size then lexicographically, each with its weight Σ_W |C ∩ W|.</summary>
    public static List<(int[] Clique, double Weight)> Candidates(List<int[]> workload)
    {
        var closure = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var w in workload)
        {
            for (int mask = 1; mask < 1 << w.Length; mask++)
            {
                int[] subset = [.. w.Where((_, i) => (mask & (1 << i)) != 0)];
                closure.TryAdd(string.Join(",", subset), subset);
            }
        }

        return [.. closure.Values
            .OrderBy(c => c.Length).ThenBy(c => c, Comparer<int[]>.Create((a, b) => a.Zip(b).Select(p => p.First.CompareTo(p.Second)).FirstOrDefault(d => d != 0)))
            .Select(c => (c, (double)workload.Sum(w => w.Count(c.Contains))))];
    }

    /// <summary>Every increasing set of <paramref name="k"/> of the indices 0..<paramref name="p"/> − 1, lexicographically.</summary>
    public static IEnumerable<int[]> Subsets(int p, int k) =>
        k == 0 ? [[]] : Enumerable.Range(0, p).SelectMany(first => Subsets(p, k - 1).Where(rest => rest.All(r => r > first)).Select(rest => (int[])[first, .. rest]));

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"The workload names column '{name}', which the data does not have.", nameof(columns));
    }
}
