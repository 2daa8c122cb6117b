using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Onnx;
using Microsoft.ML.Synthetic.Onnx.Protocol;

namespace Microsoft.ML.Synthetic.Benchmarks.Onnx;

/// <summary>
/// ML.NET's own ONNX converter (<c>Microsoft.ML.OnnxConverter</c>, <c>mlContext.Model.ConvertToOnnx</c>) beside the
/// project's exporter on the ONNX parity matrix (<see cref="ConverterCases"/>).
/// </summary>
public static class ConverterComparisonBenchmarks
{
    /// <summary>
    /// <c>onnx.converter.CASE</c>, one figure per chain of the parity matrix: value = the largest |ML.NET − ONNX Runtime|
    /// over the compared columns of ML.NET's converter's graph on 1,000 Adult holdout rows (unit <c>abs_diff</c>; -1 when
    /// it does not export the chain). ML.NET's converter gets the chain's scoring stages (train-only stages and
    /// AutoTrain's wrapper removed, as the project's exporter removes them). Fields: <c>mlnet_exports</c>,
    /// <c>mlnet_parity</c> (within the parity tests' tolerance), <c>mlnet_error</c>, <c>project_max_diff</c>,
    /// <c>project_parity</c>, <c>mlnet_nodes</c>/<c>project_nodes</c> (graph nodes), <c>mlnet_bytes</c>/<c>project_bytes</c>.
    /// The markdown table of the Onnx README goes to standard error. The same chains under <c>--quick</c>.
    /// </summary>
    [Benchmark("onnx.converter")]
    public static void Compare(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var rows = OnnxBenchmarks.LoadRows(new MLContext(seed: 1));
        var table = new List<string>
        {
            "| chain | ML.NET converter exports? | ML.NET converter parity (largest diff) | project exporter parity (largest diff) | nodes ML.NET / project |",
            "|---|---|---|---|---|",
        };
        foreach (var chain in ConverterCases.All(rows))
        {
            string name = "onnx.converter." + chain.Name;
            if (!ctx.IsSelected(name))
            {
                continue;
            }

            var ml = new MLContext(seed: 1);
            var (model, train, holdout) = chain.Fit(ml);
            var expected = model.Transform(holdout);

            byte[] project = Export(s => ml.Synthetic().ConvertToOnnx(model, train, s));
            var (projectDiff, projectDetail) = OnnxModelRunner.Compare(expected, OnnxModelRunner.Run(project, holdout), chain.Columns);

            var scoring = new TransformerChain<ITransformer>([.. ScoringStages.Of(model)]);
            byte[]? mlnet = null;
            string error = "";
            double mlnetDiff = -1;
            string mlnetDetail = "";
            try
            {
                mlnet = Export(s => ml.Model.ConvertToOnnx(scoring, train, s));
                (mlnetDiff, mlnetDetail) = OnnxModelRunner.Compare(expected, OnnxModelRunner.Run(mlnet, holdout), chain.Columns);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = (mlnet is null ? "export: " : "run: ") + FirstLine(e);
            }

            bool mlnetParity = error.Length == 0 && mlnetDiff <= chain.Tolerance;
            bool projectParity = projectDiff <= chain.Tolerance;
            int? mlnetNodes = mlnet is null ? null : Nodes(mlnet);
            ctx.Report(name, error.Length == 0 ? (double.IsFinite(mlnetDiff) ? mlnetDiff : double.MaxValue) : -1, "abs_diff", new()
            {
                ["mlnet_exports"] = mlnet is not null,
                ["mlnet_parity"] = mlnetParity,
                ["mlnet_error"] = error.Length > 0 ? error : mlnetDetail,
                ["project_max_diff"] = Json(projectDiff),
                ["project_parity"] = projectParity,
                ["project_detail"] = projectDetail,
                ["tolerance"] = chain.Tolerance,
                ["mlnet_nodes"] = mlnetNodes ?? -1,
                ["project_nodes"] = Nodes(project),
                ["mlnet_bytes"] = mlnet?.Length ?? -1,
                ["project_bytes"] = project.Length,
                ["holdout_rows"] = BenchmarkContext.CountRows(holdout),
                ["threads"] = 1,
            });
            string mlnetCell = mlnet is null ? "no" : "yes";
            string mlnetParityCell = error.Length > 0 ? $"fails to run ({error})"
                : mlnetParity ? $"yes ({mlnetDiff:g2})" : $"**no** ({mlnetDetail})";
            table.Add($"| `{chain.Name}` | {mlnetCell} | {mlnetParityCell} | {(projectParity ? "yes" : "**no**")} ({projectDiff:g2}) | {(mlnetNodes is int n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "–")} / {Nodes(project)} |");
        }

        foreach (string line in table)
        {
            Console.Error.WriteLine(line);
        }
    }

    private static byte[] Export(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    private static object Json(double value) => double.IsFinite(value) ? value : "infinite";

    private static int Nodes(byte[] model) => ModelProto.Parser.ParseFrom(model).Graph.Node.Count;

    private static string FirstLine(Exception e)
    {
        string message = (e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e).Message;
        int end = message.IndexOfAny(['\n', '\r']);
        return (end < 0 ? message : message[..end]).Replace("|", "/", StringComparison.Ordinal);
    }
}
