using System.Globalization;
using Microsoft.ML.Synthetic.Benchmarks;

// dotnet run -c Release --project test/Microsoft.ML.Synthetic.Benchmarks -- [--quick] [--threads N] [--list] [SELECTOR ...]
// Figures go to standard output, one JSON object per line; progress and errors go to standard error.
bool quick = false, list = false;
int threads = Environment.ProcessorCount;
var selectors = new List<string>();
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
            Console.Error.WriteLine("usage: Microsoft.ML.Synthetic.Benchmarks [--quick] [--threads N] [--list] [SELECTOR ...]");
            return 0;
        default:
            if (args[i].StartsWith('-'))
            {
                Console.Error.WriteLine($"unknown option '{args[i]}' (options: --quick, --threads N, --list)");
                return 2;
            }
            selectors.Add(args[i]);
            break;
    }
}

var benchmarks = BenchmarkRunner.Discover(typeof(BenchmarkAttribute).Assembly);
var selection = new FigureSelection(selectors);
var selected = BenchmarkRunner.Selected(benchmarks, selection);
if (list)
{
    // CI runs --list: it also checks the selection rules on the runner's own group names.
    var broken = FigureSelection.SelfCheck(benchmarks.Select(b => b.Group).Distinct().ToList());
    foreach (string failure in broken) Console.Error.WriteLine($"selection self-check FAILED: {failure}");
    foreach (var b in selected) Console.WriteLine($"{b.Group}\t{b.DisplayName}");
    return broken.Count == 0 ? 0 : 1;
}
if (selected.Count == 0)
{
    Console.Error.WriteLine($"no benchmark group matches {string.Join(", ", selectors)}; groups: {string.Join(", ", benchmarks.Select(b => b.Group).Distinct())}");
    return 2;
}

var context = new BenchmarkContext(quick, threads, selection, Console.Out);
int failures = BenchmarkRunner.Run(benchmarks, context, selection, Console.Error);
foreach (string selector in context.SelectorsWithoutFigures)
    Console.Error.WriteLine($"# warning: selector '{selector}' printed no figure (its group ran; no figure name starts with it{(quick ? " under --quick, whose sizes may differ" : "")})");
Console.Error.WriteLine($"# {context.FiguresReported} figures, {failures} failed benchmark(s)");
return failures == 0 ? 0 : 1;
