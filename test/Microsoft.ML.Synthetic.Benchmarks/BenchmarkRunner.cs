using System.Reflection;

namespace Microsoft.ML.Synthetic.Benchmarks;

/// <summary>Finds the <see cref="BenchmarkAttribute"/> methods of this assembly and runs those the selectors select.</summary>
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

    /// <summary>The benchmarks whose group <paramref name="selection"/> runs (<see cref="FigureSelection.RunsGroup"/>).</summary>
    public static IReadOnlyList<Benchmark> Selected(IReadOnlyList<Benchmark> benchmarks, FigureSelection selection)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        ArgumentNullException.ThrowIfNull(selection);
        var groups = benchmarks.Select(b => b.Group).Distinct().ToList();
        return benchmarks.Where(b => selection.RunsGroup(b.Group, groups)).ToList();
    }

    /// <summary>Runs the selected benchmarks; returns the number that threw.</summary>
    public static int Run(IReadOnlyList<Benchmark> benchmarks, BenchmarkContext context, FigureSelection selection, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(log);
        int failures = 0;
        foreach (Benchmark benchmark in Selected(benchmarks, selection))
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
