using System.Globalization;
using Microsoft.ML.Synthetic.Benchmarks;

// dotnet run -c Release --project test/Microsoft.ML.Synthetic.Benchmarks -- [--quick] [--threads N] [--list] [PREFIX ...]
// Figures go to standard output, one JSON object per line; progress and errors go to standard error.
bool quick = false, list = false;
int threads = Environment.ProcessorCount;
var prefixes = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick": quick = true; break;
        case "--list": list = true; break;
        case "--threads" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0:
            threads = n;
            i++;
            break;
        case "-h" or "--help":
            Console.Error.WriteLine("usage: Microsoft.ML.Synthetic.Benchmarks [--quick] [--threads N] [--list] [PREFIX ...]");
            return 0;
        default:
            if (args[i].StartsWith('-'))
            {
                Console.Error.WriteLine($"unknown option '{args[i]}' (options: --quick, --threads N, --list)");
                return 2;
            }
            prefixes.Add(args[i]);
            break;
    }
}

var benchmarks = BenchmarkRunner.Discover(typeof(BenchmarkAttribute).Assembly);
var selected = benchmarks.Where(b => BenchmarkRunner.Selects(prefixes, b.Group, benchmarks.Select(x => x.Group))).ToList();
if (list)
{
    foreach (var b in selected) Console.WriteLine($"{b.Group}\t{b.DisplayName}");
    return 0;
}
if (selected.Count == 0)
{
    Console.Error.WriteLine($"no benchmark group matches {string.Join(", ", prefixes)}; groups: {string.Join(", ", benchmarks.Select(b => b.Group).Distinct())}");
    return 2;
}

var context = new BenchmarkContext(quick, threads, prefixes, Console.Out);
int failures = BenchmarkRunner.Run(benchmarks, context, prefixes, Console.Error);
Console.Error.WriteLine($"# {context.FiguresReported} figures, {failures} failed benchmark(s)");
return failures == 0 ? 0 : 1;
