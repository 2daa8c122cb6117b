using System.Reflection;

namespace Microsoft.ML.Synthetic.Benchmarks;

/// <summary>Finds the <see cref="BenchmarkAttribute"/> methods of this assembly and runs those the prefixes select.</summary>
public static class BenchmarkRunner
{
    /// <summary>A benchmark method and its group.</summary>
    public sealed record Benchmark(string Group, MethodInfo Method)
    {
        /// <summary>The method's name with its class, for messages.</summary>
        public string DisplayName => $"{Method.DeclaringType?.Name}.{Method.Name}";
    }

    /// <summary>Every benchmark method in the assembly, ordered by group and name.</summary>
    public static IReadOnlyList<Benchmark> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var found = new List<Benchmark>();
        foreach (Type type in assembly.GetTypes())
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            {
                var attribute = method.GetCustomAttribute<BenchmarkAttribute>();
                if (attribute == null) continue;
                ParameterInfo[] parameters = method.GetParameters();
                if (method.ReturnType != typeof(void) || parameters.Length != 1 || parameters[0].ParameterType != typeof(BenchmarkContext))
                    throw new InvalidOperationException(
                        $"{type.Name}.{method.Name}: a [Benchmark] method must be 'static void {method.Name}(BenchmarkContext ctx)'.");
                found.Add(new Benchmark(attribute.Group, method));
            }
        }
        return found.OrderBy(b => b.Group, StringComparer.Ordinal).ThenBy(b => b.DisplayName, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Whether a group runs under the prefixes: none given, a prefix of the group, or the group a prefix of one and
    /// no longer group of <paramref name="groups"/> also a prefix of it (so <c>report.wide_category.200k</c> runs
    /// group <c>report.wide_category</c>, not also group <c>report</c>).
    /// </summary>
    public static bool Selects(IReadOnlyList<string> prefixes, string group, IEnumerable<string> groups) =>
        prefixes.Count == 0 || prefixes.Any(p => group.StartsWith(p, StringComparison.Ordinal) ||
            (p.StartsWith(group, StringComparison.Ordinal) &&
             !groups.Any(g => g.Length > group.Length && p.StartsWith(g, StringComparison.Ordinal))));

    /// <summary>Runs the selected benchmarks; returns the number that threw.</summary>
    public static int Run(IReadOnlyList<Benchmark> benchmarks, BenchmarkContext context, IReadOnlyList<string> prefixes, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(log);
        int failures = 0;
        foreach (Benchmark benchmark in benchmarks.Where(b => Selects(prefixes, b.Group, benchmarks.Select(x => x.Group))))
        {
            log.WriteLine($"# {benchmark.Group}: {benchmark.DisplayName}{(context.Quick ? " (quick)" : "")}");
            context.StartGroup();
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                benchmark.Method.Invoke(null, new object[] { context });
                log.WriteLine($"# {benchmark.Group}: done in {System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s");
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                failures++;
                log.WriteLine($"# {benchmark.Group}: FAILED: {e.InnerException}");
            }
        }
        return failures;
    }
}
