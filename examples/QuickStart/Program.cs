// QuickStart: fit a Gaussian copula on Adult, sample synthetic rows, compare them with the real ones (quality
// report in HTML and JSON), sample conditionally, and save/load the synthesizer. Run from the repository root:
//     dotnet run --project examples/QuickStart
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic;

var ml = new MLContext(seed: 42);
var outputDirectory = args.Length > 0 ? args[0] : "quickstart-output";
Directory.CreateDirectory(outputDirectory);

// 1. Load Adult (shipped in examples/data) as any ML.NET user would, and split it.
IDataView adult = AdultData.Load(ml, Path.Combine(AppContext.BaseDirectory, "data", "adult.csv"));
var split = ml.Data.TrainTestSplit(adult, testFraction: 0.2, seed: 42);
var synthetic = ml.Synthetic();

// 2. Fit a Gaussian copula and sample as many rows as the training set has (the sample streams: rows are
//    generated block by block as the writer reads them).
var real = TabularData.FromDataView(split.TrainSet);
GaussianCopulaModel copula = synthetic.Synthesizers.GaussianCopula().Fit(real);
IDataView fake = copula.Sample(real.RowCount, seed: 7);

Console.WriteLine("What the copula learned per column:");
foreach (var column in copula.Columns)
{
    var ks = column.KsStatistic is { } d ? string.Create(CultureInfo.InvariantCulture, $", KS {d:F4}") : "";
    Console.WriteLine($"  {column.Name,-16} {column.Distribution}{ks}");
}

Console.WriteLine();

var csvPath = Path.Combine(outputDirectory, "adult-synthetic.csv");
using (var csv = File.Create(csvPath))
{
    ml.Data.SaveAsText(fake, csv, separatorChar: ',', headerRow: true, schema: false);
}

Console.WriteLine($"Wrote {real.RowCount:N0} synthetic rows to {csvPath}");
Console.WriteLine();
ColumnSummary.Print(real, TabularData.FromDataView(fake));

// 3. Quality report: the synthetic rows against the training rows, with the holdout for utility (TSTR) and
//    privacy; writes report.html (plots, one self-contained file) and report.json.
Console.WriteLine();
QualityReportStep.Run(ml, split.TrainSet, fake, split.TestSet, outputDirectory);

// 4. Conditional sampling: rows of the rare class only, without rejection.
var rich = TabularData.FromDataView(copula.Sample(5_000, new SampleConditions { ["income"] = ">50K" }, seed: 7));
Console.WriteLine();
var richIncome = (CategoricalColumn)rich["income"];
int satisfying = Enumerable.Range(0, rich.RowCount).Count(i => richIncome.Codes[i] >= 0 && richIncome.Categories[richIncome.Codes[i]].Trim() == ">50K");
Console.WriteLine($"Conditional sample income = >50K: {rich.RowCount:N0} rows, {satisfying:N0} of them with income >50K:");
ColumnSummary.PrintMeans(real, rich, "age", "education-num", "hours-per-week");

// 5. Save and load: the loaded synthesizer samples the same rows for the same seed.
var modelPath = Path.Combine(outputDirectory, "adult-copula.bin");
copula.Save(modelPath);
var loaded = synthetic.Synthesizers.Load(modelPath);
bool identical = ColumnSummary.SameRows(copula.SampleTable(1_000, null, 11), loaded.SampleTable(1_000, null, 11));
Console.WriteLine();
Console.WriteLine($"Saved to {modelPath}; reloaded model samples identical rows: {identical}");

// Speed and memory figures are not measured here; the benchmark runner measures and prints them:
//   dotnet run -c Release --project test/Microsoft.ML.Synthetic.Benchmarks -- copula table
Console.WriteLine();
Console.WriteLine("Speed and memory figures: dotnet run -c Release --project test/Microsoft.ML.Synthetic.Benchmarks -- copula table");

/// <summary>Loads Adult with ML.NET's text loader: numbers as Single, categories as text.</summary>
internal static class AdultData
{
    private static readonly string[] Columns = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];
    private static readonly HashSet<string> Numeric = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];

    public static IDataView Load(MLContext ml, string path) =>
        ml.Data.LoadFromTextFile(path,
            Columns.Select((name, i) => new TextLoader.Column(name, Numeric.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray(),
            separatorChar: ',', hasHeader: true);
}

/// <summary>Side-by-side summaries of a real and a synthetic table.</summary>
internal static class ColumnSummary
{
    public static void Print(TabularData real, TabularData fake)
    {
        Console.WriteLine($"{"column",-16} {"real",-40} {"synthetic",-40}");
        foreach (var column in real.Columns)
        {
            var other = fake[column.Name];
            Console.WriteLine($"{column.Name,-16} {Describe(column),-40} {Describe(other),-40}");
        }
    }

    public static void PrintMeans(TabularData real, TabularData conditional, params string[] columns)
    {
        foreach (var name in columns)
        {
            var income = (CategoricalColumn)real["income"];
            int rich = income.Categories.Select((c, i) => (c, i)).Single(p => p.c.Trim() == ">50K").i;
            var values = ((ContinuousColumn)real[name]).Values;
            double all = Mean((ContinuousColumn)real[name]);
            double realRich = Enumerable.Range(0, real.RowCount).Where(i => income.Codes[i] == rich).Average(i => values[i]);
            double cond = Mean((ContinuousColumn)conditional[name]);
            Console.WriteLine($"  {name,-16} mean: all real rows {all,7:F2}   real >50K rows {realRich,7:F2}   synthetic >50K {cond,7:F2}");
        }
    }

    public static bool SameRows(TabularData a, TabularData b) =>
        a.RowCount == b.RowCount && a.Columns.Zip(b.Columns).All(p => p.First switch
        {
            ContinuousColumn c => c.Values.SequenceEqual(((ContinuousColumn)p.Second).Values),
            CategoricalColumn c => c.Codes.SequenceEqual(((CategoricalColumn)p.Second).Codes),
            _ => false,
        });

    private static string Describe(TableColumn column) => column switch
    {
        ContinuousColumn c => string.Create(CultureInfo.InvariantCulture,
            $"mean {Mean(c):G5}, sd {Sd(c):G4}, [{c.ObservedValues().DefaultIfEmpty().Min():G5}, {c.ObservedValues().DefaultIfEmpty().Max():G5}]"),
        CategoricalColumn c => string.Join(", ", c.CountByCategory().Select((n, i) => (n, i)).OrderByDescending(p => p.n).Take(2)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{Truncate(c.Categories[p.i])} {100.0 * p.n / c.Length:F1}%"))),
        _ => "",
    };

    private static string Truncate(string s) => s.Length <= 12 ? s : s[..11] + "…";

    private static double Mean(ContinuousColumn c) => c.ObservedValues().DefaultIfEmpty(double.NaN).Average();

    private static double Sd(ContinuousColumn c)
    {
        var v = c.ObservedValues();
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / Math.Max(1, v.Length - 1));
    }
}
