using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Tables;
using ScottPlot;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Report;

/// <summary>The report's plots, drawn with ScottPlot 5 and returned as PNG bytes.</summary>
internal static class Plots
{
    private static readonly Color RealColor = Color.FromHex("#1f77b4");
    private static readonly Color SyntheticColor = Color.FromHex("#ff7f0e");
    private const int MaxCategories = 20;
    private const int HistogramBins = 30;

    /// <summary>Real vs synthetic distribution of one column: overlaid histograms (shared bins over both ranges) or category frequencies side by side.</summary>
    public static byte[] Distribution(AlignedTables tables, int c, int width = 560, int height = 320)
    {
        var plot = new Plot();
        string name = tables.Names[c];
        if (tables.Kinds[c] == ColumnKind.Continuous)
        {
            var real = tables.Real.ValuesOf(c).Where(v => !double.IsNaN(v)).ToArray();
            var synthetic = tables.Synthetic.ValuesOf(c).Where(v => !double.IsNaN(v)).ToArray();
            double min = Math.Min(real.Min(), synthetic.Min()), max = Math.Max(real.Max(), synthetic.Max());
            if (max <= min) max = min + 1;
            double step = (max - min) / HistogramBins;
            var centers = Enumerable.Range(0, HistogramBins).Select(i => min + (i + 0.5) * step).ToArray();
            AddBars(plot, centers, Density(real, min, step), step, RealColor.WithAlpha(0.55), "real");
            AddBars(plot, centers, Density(synthetic, min, step), step, SyntheticColor.WithAlpha(0.55), "synthetic");
            plot.YLabel("share of rows");
        }
        else
        {
            int k = tables.Categories[c].Length;
            var p = Frequencies(tables.Real.CodesOf(c), k);
            var q = Frequencies(tables.Synthetic.CodesOf(c), k);
            var shown = Enumerable.Range(0, k).OrderByDescending(i => p[i] + q[i]).Take(MaxCategories).ToArray();
            var positions = Enumerable.Range(0, shown.Length).Select(i => (double)i).ToArray();
            AddBars(plot, positions.Select(x => x - 0.2).ToArray(), shown.Select(i => p[i]).ToArray(), 0.4, RealColor, "real");
            AddBars(plot, positions.Select(x => x + 0.2).ToArray(), shown.Select(i => q[i]).ToArray(), 0.4, SyntheticColor, "synthetic");
            plot.Axes.Bottom.SetTicks(positions, shown.Select(i => Shorten(tables.Categories[c][i].Trim())).ToArray());
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 90;
            plot.YLabel("share of rows");
        }

        // A rescaled column (ValueScaling) is plotted in its representable range, and the title says so.
        plot.Title(tables.ValueScales[c] == 1 ? name : $"{name} (values × 2^{Math.ILogB(tables.ValueScales[c])})");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Margins(bottom: 0);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>A heat map of <c>1 − score</c> per column pair (0 = the pair's trend is reproduced), columns in real-table order.</summary>
    public static byte[] PairDifferenceHeatmap(string[] names, IReadOnlyList<ColumnPairScore> pairs, int size = 720)
    {
        int n = names.Length;
        var matrix = new double[n, n];
        var index = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) matrix[i, j] = i == j ? 0 : double.NaN;
        }

        foreach (var pair in pairs)
        {
            int a = index[pair.Column1], b = index[pair.Column2];
            double d = double.IsNaN(pair.Score) ? double.NaN : 1 - pair.Score;
            matrix[a, b] = d;
            matrix[b, a] = d;
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(matrix);   // ScottPlot draws row 0 at the top
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, Math.Max(0.05, pairs.Where(p => !double.IsNaN(p.Score)).Select(p => 1 - p.Score).DefaultIfEmpty(0).Max()));
        plot.Add.ColorBar(heatmap);
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, names.Select(Shorten).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.Left.SetTicks(positions, names.Reverse().Select(Shorten).ToArray());
        plot.Title("Column pair trends: 1 − score (0 = reproduced)");
        return plot.GetImageBytes(size + 120, size, ImageFormat.Png);
    }

    /// <summary>Column-shape scores as horizontal bars.</summary>
    public static byte[] ShapeScores(IReadOnlyList<ColumnShapeScore> shapes, int width = 720)
    {
        var plot = new Plot();
        var positions = Enumerable.Range(0, shapes.Count).Select(i => (double)(shapes.Count - 1 - i)).ToArray();
        var bars = new List<Bar>();
        for (int i = 0; i < shapes.Count; i++)
        {
            bars.Add(new Bar
            {
                Position = positions[i],
                Value = double.IsNaN(shapes[i].Score) ? 0 : shapes[i].Score,
                FillColor = shapes[i].Metric == "KSComplement" ? RealColor : SyntheticColor,
                Orientation = Orientation.Horizontal,
                Size = 0.7,
            });
        }

        plot.Add.Bars(bars);
        plot.Axes.Left.SetTicks(positions, shapes.Select(s => Shorten(s.Column)).ToArray());
        plot.Axes.SetLimitsX(0, 1.02);
        plot.Title("Column shapes (KSComplement: blue, TVComplement: orange)");
        return plot.GetImageBytes(width, 60 + 28 * shapes.Count, ImageFormat.Png);
    }

    private static void AddBars(Plot plot, double[] positions, double[] values, double size, Color color, string legend)
    {
        var bars = positions.Select((x, i) => new Bar { Position = x, Value = values[i], Size = size, FillColor = color, LineWidth = 0 }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.LegendText = legend;
    }

    private static double[] Density(double[] values, double min, double step)
    {
        var counts = new double[HistogramBins];
        foreach (var v in values) counts[Math.Clamp((int)((v - min) / step), 0, HistogramBins - 1)]++;
        for (int i = 0; i < counts.Length; i++) counts[i] /= values.Length;
        return counts;
    }

    private static double[] Frequencies(int[] codes, int k)
    {
        var counts = new double[k];
        int n = 0;
        foreach (var code in codes)
        {
            if (code < 0) continue;
            counts[code]++;
            n++;
        }

        for (int i = 0; i < k; i++) counts[i] /= Math.Max(1, n);
        return counts;
    }

    private static string Shorten(string text) => text.Length <= 22 ? text : text[..20] + "…";
}
