using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles;

/// <summary>
/// Seeded fuzzing of a saved model. File cases truncate the file or flip bytes anywhere (the header checks and the
/// checksum should reject them); body cases mutate the body and rewrite a valid header around it, so the
/// mutation reaches the body parser and its validation. Every case must end in an <see cref="InvalidDataException"/>
/// or in a model whose sampled rows have its schema and finite-or-missing numbers, within a time bound.
/// </summary>
internal static class ModelFileFuzzer
{
    private static readonly int[] InterestingInts = [0, 1, -1, 2, 255, 65_536, 1 << 20, 1 << 28, int.MaxValue, int.MinValue, -2];
    private static readonly double[] InterestingDoubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.0, -1, 1e308, -1e308, 1e-320, 2];

    /// <summary>Runs <paramref name="fileCases"/> file cases and <paramref name="bodyCases"/> body cases of <paramref name="file"/>.</summary>
    /// <param name="file">A saved model.</param>
    /// <param name="fileCases">Truncations and bit flips of the whole file.</param>
    /// <param name="bodyCases">Random mutations of the body under a recomputed header.</param>
    /// <param name="sweepBytes">Every offset of the first this many body bytes gets an extreme Int32 and double (4 cases each), under a recomputed header.</param>
    /// <param name="seed">The seed of the random cases.</param>
    /// <param name="perCaseLimit">The longest a case may take.</param>
    public static FuzzReport Run(byte[] file, int fileCases, int bodyCases, int sweepBytes, int seed, TimeSpan perCaseLimit)
    {
        var (format, version, body) = ModelFileBytes.Split(file);
        var report = new FuzzReport(file.Length);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < fileCases; i++)
        {
            var (mutated, what) = i % 2 == 0 ? Truncate(file, random) : Flip(file, random, 0, file.Length);
            Record(report, "file", what, mutated, perCaseLimit);
        }

        for (int i = 0; i < bodyCases; i++)
        {
            var (mutated, what) = MutateBody(body, random, i % 5);
            Record(report, "body", what, ModelFileBytes.Build(format, version, mutated), perCaseLimit);
        }

        var bytes = new byte[8];
        for (int at = 0; at < Math.Min(sweepBytes, body.Length); at++)
        {
            foreach (var (value, width) in new[] { (-1L, 4), (int.MaxValue, 4), (BitConverter.DoubleToInt64Bits(double.NaN), 8), (BitConverter.DoubleToInt64Bits(1e308), 8) })
            {
                var mutated = (byte[])body.Clone();
                BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
                bytes.AsSpan(0, Math.Min(width, mutated.Length - at)).CopyTo(mutated.AsSpan(at));
                Record(report, "sweep", $"body bytes at {at} set to {value:X}", ModelFileBytes.Build(format, version, mutated), perCaseLimit);
            }
        }

        report.Elapsed = clock.Elapsed;
        return report;
    }

    private static (byte[] Bytes, string What) MutateBody(byte[] body, Random random, int kind)
    {
        var copy = (byte[])body.Clone();
        // Half the positions fall in the first kilobyte, where the counts, dimensions and parameters are.
        int Position(int width) => random.Next(2) == 0
            ? random.Next(Math.Max(1, Math.Min(1024, copy.Length - width)))
            : random.Next(Math.Max(1, copy.Length - width));
        switch (kind)
        {
            case 0:
                return Flip(copy, random, 0, copy.Length);
            case 1:
                {
                    int at = Position(1);
                    copy[at] = (byte)random.Next(256);
                    return (copy, $"body byte {at} set to {copy[at]}");
                }

            case 2:
                {
                    int at = Position(4);
                    int value = InterestingInts[random.Next(InterestingInts.Length)];
                    BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(at), value);
                    return (copy, $"body Int32 at {at} set to {value}");
                }

            case 3:
                {
                    int at = Position(8);
                    double value = InterestingDoubles[random.Next(InterestingDoubles.Length)];
                    BinaryPrimitives.WriteDoubleLittleEndian(copy.AsSpan(at), value);
                    return (copy, $"body double at {at} set to {value}");
                }

            default:
                {
                    int length = random.Next(copy.Length);
                    return (copy[..length], $"body truncated to {length} of {copy.Length} bytes");
                }
        }
    }

    private static (byte[] Bytes, string What) Truncate(byte[] file, Random random)
    {
        int length = random.Next(file.Length);
        return (file[..length], $"file truncated to {length} of {file.Length} bytes");
    }

    private static (byte[] Bytes, string What) Flip(byte[] bytes, Random random, int from, int to)
    {
        var copy = (byte[])bytes.Clone();
        int flips = random.Next(1, 4);
        var positions = new List<int>();
        for (int f = 0; f < flips; f++)
        {
            int at = random.Next(from, to);
            copy[at] ^= (byte)(1 << random.Next(8));
            positions.Add(at);
        }

        return (copy, $"bits flipped at {string.Join(", ", positions)}");
    }

    private static void Record(FuzzReport report, string family, string what, byte[] bytes, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var task = Task.Run(() => RunCase(bytes));
        if (!task.Wait(limit))
        {
            report.Add(family, "hang", $"{what}: no outcome after {limit.TotalSeconds} s", 0, clock.Elapsed);
            return;
        }

        var (kind, detail, allocated, native) = task.Result;
        report.Add(family, kind, kind.StartsWith("failure", StringComparison.Ordinal) ? $"{what}: {detail}" : detail, allocated, clock.Elapsed);
        report.LargestNetwork = Math.Max(report.LargestNetwork, native);
    }

    private static (string Kind, string Detail, long Allocated, long NativeWeights) RunCase(byte[] bytes)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        long native = 0;
        string kind, detail;
        try
        {
            var ml = new MLContext(seed: 1);
            var model = ml.Synthetic().Synthesizers.Load(new MemoryStream(bytes, writable: false));
            global::TorchSharp.torch.nn.Module? network = model switch { TvaeModel t => t.Network, CtganModel c => c.Network, _ => null };
            native = network?.state_dict().Values.Sum(t => t.numel() * t.ElementSize) ?? 0;
            detail = CheckSample(model);
            kind = detail.Length == 0 ? "loaded, sampled valid rows" : "failure: bad rows";
        }
        catch (InvalidDataException e)
        {
            kind = "rejected (InvalidDataException)";
            int colon = e.Message.IndexOf(": ", StringComparison.Ordinal);
            detail = colon < 0 ? e.Message : e.Message[..colon];
        }
        catch (Exception e)
        {
            kind = "failure: " + e.GetType().Name;
            detail = e.ToString();
        }

        return (kind, detail, GC.GetAllocatedBytesForCurrentThread() - before, native);
    }

    /// <summary>Samples a few rows both ways (table and streamed view); returns what is wrong with them, or "".</summary>
    private static string CheckSample(ISynthesizerModel model)
    {
        var schema = model.TrainingSchema;
        var table = model.SampleTable(5, null, 2);
        if (table.RowCount != 5 || table.Columns.Count != schema.Count)
        {
            return $"the sampled table has {table.RowCount} rows and {table.Columns.Count} columns";
        }

        foreach (var column in table.Columns)
        {
            switch (column)
            {
                case ContinuousColumn c when c.Values.Any(double.IsInfinity):
                    return $"column '{c.Name}' has an infinite value";
                case CategoricalColumn c when c.Codes.Any(code => code < -1 || code >= c.CategoryCount):
                    return $"column '{c.Name}' has a code outside its categories";
            }
        }

        var view = model.Sample(5, seed: 3);
        if (view.Schema.Count != schema.Count)
        {
            return "the sample's schema differs from the model's";
        }

        for (int i = 0; i < schema.Count; i++)
        {
            if (view.Schema[i].Name != schema[i].Name || !view.Schema[i].Type.Equals(schema[i].Type))
            {
                return $"sample column {i} is {view.Schema[i].Name}: {view.Schema[i].Type}; the model's is {schema[i].Name}: {schema[i].Type}";
            }
        }

        var rows = view.Preview(5).RowView;
        if (rows.Length != 5)
        {
            return $"the streamed sample has {rows.Length} rows";
        }

        foreach (var value in rows.SelectMany(r => r.Values))
        {
            if (value.Value is float f && float.IsInfinity(f) || value.Value is double d && double.IsInfinity(d))
            {
                return $"column '{value.Key}' has an infinite value";
            }
        }

        return string.Empty;
    }
}

/// <summary>What a fuzz run saw: outcomes by family and kind, the largest managed allocation of a case, times, failures.</summary>
internal sealed class FuzzReport(int fileLength)
{
    public int FileLength { get; } = fileLength;

    public SortedDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> RejectedParts { get; } = new(StringComparer.Ordinal);

    public List<string> Failures { get; } = [];

    public int Cases { get; private set; }

    public long LargestAllocation { get; private set; }

    /// <summary>The largest native tensor state (bytes) of a network a case loaded.</summary>
    public long LargestNetwork { get; set; }

    public TimeSpan SlowestCase { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public int Count(string family, string kindPrefix) =>
        Outcomes.Where(p => p.Key.StartsWith($"{family}: {kindPrefix}", StringComparison.Ordinal)).Sum(p => p.Value);

    public void Add(string family, string kind, string detail, long allocated, TimeSpan time)
    {
        Cases++;
        var key = $"{family}: {kind}";
        Outcomes[key] = Outcomes.GetValueOrDefault(key) + 1;
        if (kind.StartsWith("rejected", StringComparison.Ordinal))
        {
            RejectedParts[detail] = RejectedParts.GetValueOrDefault(detail) + 1;
        }
        else if (kind.StartsWith("failure", StringComparison.Ordinal) || kind == "hang")
        {
            Failures.Add($"{kind}: {detail}");
        }

        LargestAllocation = Math.Max(LargestAllocation, allocated);
        SlowestCase = time > SlowestCase ? time : SlowestCase;
    }

    public override string ToString()
    {
        var lines = new List<string>
        {
            $"{Cases} cases of a {FileLength}-byte file in {Elapsed.TotalSeconds:F1} s (slowest case {SlowestCase.TotalMilliseconds:F0} ms); largest managed allocation of a case {LargestAllocation / 1024.0:F0} KiB ({(double)LargestAllocation / FileLength:F0} × the file); largest native network state loaded {LargestNetwork} bytes",
        };
        lines.AddRange(Outcomes.Select(p => $"  {p.Key}: {p.Value}"));
        lines.Add("  most frequent rejecting parts:");
        lines.AddRange(RejectedParts.OrderByDescending(p => p.Value).Take(8).Select(p => $"    {p.Value} × {p.Key}"));
        lines.AddRange(Failures.Take(5).Select(f => "  FAILURE " + f));
        return string.Join(Environment.NewLine, lines);
    }
}
