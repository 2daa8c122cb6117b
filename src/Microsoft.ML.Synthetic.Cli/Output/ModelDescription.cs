using System.Globalization;
using Spectre.Console;

namespace Microsoft.ML.Synthetic.Cli.Output;

/// <summary>What <c>synthml inspect</c> shows of a model: its kind, its columns and what it learned, and its privacy ledger.</summary>
internal static class ModelDescription
{
    /// <summary>The model's kind, as a reader would name it.</summary>
    public static string Kind(ISynthesizerModel model) => model switch
    {
        GaussianCopulaModel => "Gaussian copula",
        TvaeModel => "TVAE",
        CtganModel => "CTGAN",
        ArfModel => "adversarial random forest",
        DiffusionModel => "diffusion (TabDDPM)",
        _ => model.GetType().Name.Replace("Model", "", StringComparison.Ordinal),
    };

    /// <summary>Writes the description of <paramref name="model"/>, loaded from <paramref name="path"/>.</summary>
    public static void Write(IAnsiConsole console, SyntheticCatalog synthetic, ISynthesizerModel model, string path)
    {
        console.MarkupLine($"[bold]{Markup.Escape(path)}[/]: {Markup.Escape(Kind(model))}, {model.TableSchema.Columns.Count} columns");
        console.Write(ColumnTable(model));
        if (model is GaussianCopulaModel copula)
        {
            console.WriteLine("Strongest latent correlations: " + string.Join(", ", StrongestCorrelations(copula, 5)));
        }

        var ledger = synthetic.Privacy.Ledger(model);
        console.WriteLine(ledger.Entries.Count == 0
            ? "Privacy: not trained with differential privacy (no privacy ledger)."
            : "Privacy ledger:" + Environment.NewLine + ledger);
    }

    private static Table ColumnTable(ISynthesizerModel model)
    {
        var copula = (model as GaussianCopulaModel)?.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var table = new Table().AddColumns("column", "kind", "type", "values");
        if (copula is not null)
        {
            table.AddColumn("learned marginal (KS distance)");
        }

        foreach (var c in model.TableSchema.Columns)
        {
            var cells = new List<string> { c.Name, c.Kind.ToString().ToLowerInvariant(), c.OriginalType.ToString() ?? "", Values(c) };
            if (copula is not null && copula.TryGetValue(c.Name, out var learned))
            {
                cells.Add(learned.KsStatistic is { } ks ? Invariant($"{learned.Distribution} ({ks:F3})") : learned.Distribution);
            }

            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        return table;
    }

    private static string Values(TableColumnInfo c)
    {
        if (c.Kind == ColumnKind.Categorical)
        {
            var shown = c.Categories.Take(3).Select(v => $"'{v.Trim()}'");
            return $"{c.Categories.Count} categories: {string.Join(", ", shown)}{(c.Categories.Count > 3 ? ", …" : "")}";
        }

        // Date columns hold seconds since 1970-01-01 (durations: seconds): shown as dates and durations.
        static string Date(double s) => double.IsNaN(s) ? "none" : DateTime.UnixEpoch.AddSeconds(s).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        static string Span(double s) => double.IsNaN(s) ? "none" : TimeSpan.FromSeconds(s).ToString("c", CultureInfo.InvariantCulture);
        return c.OriginalType switch
        {
            Microsoft.ML.Data.DateTimeDataViewType => $"{Date(c.Min)} to {Date(c.Max)}",
            Microsoft.ML.Data.DateTimeOffsetDataViewType => $"{Date(c.Min)} to {Date(c.Max)} UTC",
            Microsoft.ML.Data.TimeSpanDataViewType => $"{Span(c.Min)} to {Span(c.Max)}",
            _ => Invariant($"{c.Min:G6} to {c.Max:G6}{(c.IsInteger ? ", whole numbers" : "")}"),
        };
    }

    private static IEnumerable<string> StrongestCorrelations(GaussianCopulaModel copula, int count)
    {
        var names = copula.LatentNames;
        var r = copula.Correlation;
        return Enumerable.Range(0, names.Count)
            .SelectMany(i => Enumerable.Range(i + 1, names.Count - i - 1).Select(j => (i, j)))
            .OrderByDescending(p => Math.Abs(r[p.i, p.j]))
            .Take(count)
            .Select(p => Invariant($"{names[p.i]} ~ {names[p.j]} {r[p.i, p.j]:+0.00;-0.00}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
