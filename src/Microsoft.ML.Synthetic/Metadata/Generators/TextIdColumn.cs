using System.Numerics;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// Text identifiers in the training ids' format (<see cref="TextShape"/>), unique in a sample and never equal to a
/// training id. Candidate <c>j</c> fills the rightmost free positions (at most 2^62 combinations) with the digits, in
/// mixed radix, of π(j) for a seeded permutation π (<see cref="IndexPermutation"/>), and the other free positions at
/// random; row <c>i</c> takes the first of its candidates <c>j = i·K + a</c>, <c>a</c> = 0 … K − 1, that is not a training
/// id (checked against <see cref="TrainingValueHashes"/>). Distinct candidates differ in the permuted positions, so ids
/// are unique; K is chosen when fitting so that all K candidates of a row are training ids with probability below 10^-12.
/// </summary>
internal sealed class TextIdColumn : TextColumnGenerator
{
    public const byte KindTag = 1;
    private const int MaxAttempts = 64;
    private readonly int[] _permuted;
    private readonly ulong _capacity;

    private TextIdColumn(string name, double missingRate, string? missingText, string? pattern, TextShape shape, int attempts, TrainingValueHashes training)
        : base(name, missingRate, missingText)
    {
        Pattern = pattern;
        Shape = shape;
        Attempts = attempts;
        Training = training;
        var free = Enumerable.Range(0, shape.Length).Where(p => shape.Positions[p].Length > 1).Reverse().ToArray();
        var permuted = new List<int>();
        BigInteger capacity = 1;
        foreach (var p in free)
        {
            var next = capacity * shape.Positions[p].Length;
            if (next > BigInteger.One << 62)
            {
                break;
            }

            capacity = next;
            permuted.Add(p);
        }

        _permuted = [.. permuted];
        _capacity = (ulong)capacity;
    }

    /// <summary>The declared pattern, or null when the format was learned from the training ids.</summary>
    public string? Pattern { get; }

    public TextShape Shape { get; }

    /// <summary>Candidates per row (K).</summary>
    public int Attempts { get; }

    public TrainingValueHashes Training { get; }

    /// <summary>How many ids a sample can hold.</summary>
    public ulong Room => _capacity / (ulong)Attempts;

    public override ColumnMetadata Metadata => ColumnMetadata.Identifier(Pattern);

    private protected override byte Tag => KindTag;

    public static TextIdColumn Fit(string name, IReadOnlyList<string?> values, string? pattern, string? missingText, int saltSeed)
    {
        var observed = values.Where(v => v is not null).Select(v => v!).ToArray();
        var shape = pattern is not null ? TextShape.FromPattern(pattern, name)
            : TextShape.Learn(observed) ?? MostFrequentShape(observed)
            ?? throw new ArgumentException($"Column '{name}' is declared an identifier but holds no id to learn a format from; declare its pattern (ColumnMetadata.Identifier(pattern)).", nameof(values));
        double total = shape.Positions.Aggregate(1.0, (a, p) => a * p.Length);
        double density = observed.Distinct(StringComparer.Ordinal).Count(v => v.Length == shape.Length) / total;
        int attempts = density <= 0 ? 1 : density >= 0.5 ? MaxAttempts : (int)Math.Clamp(Math.Ceiling(Math.Log(1e-12) / Math.Log(density)), 1, MaxAttempts);
        var training = TrainingValueHashes.Create(observed, saltSeed, name);
        double missingRate = values.Count == 0 ? 0 : (double)(values.Count - observed.Length) / values.Count;
        var column = new TextIdColumn(name, missingRate, missingText, pattern, shape, attempts, training);
        if (column.Room == 0)
        {
            throw new ArgumentException($"Column '{name}': its id format {shape.Key()} leaves no room for new ids (every position is fixed, or nearly every id is taken). Declare a longer pattern (ColumnMetadata.Identifier(pattern)).", nameof(values));
        }

        return column;
    }

    private static TextShape? MostFrequentShape(string[] values) =>
        values.Length == 0 ? null : values.Select(TextShape.Of).GroupBy(s => s.Key()).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().First();

    private protected override object? Prepare(ulong key) => new IndexPermutation(_capacity, key);

    private protected override string Value(ulong key, long row, object? prepared)
    {
        var permutation = (IndexPermutation)prepared!;
        Span<int> choices = Shape.Length <= 256 ? stackalloc int[Shape.Length] : new int[Shape.Length];
        if ((ulong)row >= Room)
        {
            throw new InvalidOperationException($"Column '{Name}': its id format {Shape.Key()} has room for {Room:N0} new ids (training ids excluded), and row {row:N0} of the sample needs one more. Sample fewer rows, or declare a longer pattern (ColumnMetadata.Identifier(pattern)).");
        }

        for (int a = 0; a < Attempts; a++)
        {
            ulong j = ((ulong)row * (ulong)Attempts) + (ulong)a;
            ulong u = permutation.Apply(j);
            var random = new RowRandom(~key, (long)j, 0);
            for (int p = 0; p < Shape.Length; p++)
            {
                choices[p] = Shape.Positions[p].Length == 1 ? 0 : random.Next(Shape.Positions[p].Length);
            }

            foreach (var p in _permuted)
            {
                ulong radix = (ulong)Shape.Positions[p].Length;
                choices[p] = (int)(u % radix);
                u /= radix;
            }

            var id = Shape.Render(choices);
            if (!Training.Contains(id))
            {
                return id;
            }
        }

        throw new InvalidOperationException($"Column '{Name}': all {Attempts} candidate ids of row {row:N0} are training ids; the format {Shape.Key()} is nearly full. Declare a longer pattern (ColumnMetadata.Identifier(pattern)).");
    }

    private protected override void WriteContents(BinaryWriter writer)
    {
        writer.Write(Pattern is not null);
        writer.Write(Pattern ?? string.Empty);
        Shape.Write(writer);
        writer.Write(Attempts);
        Training.Write(writer);
    }

    public static TextIdColumn ReadContents(ModelReader reader, string name, DataViewType type, double missingRate, string? missingText)
    {
        reader.Check(type is TextDataViewType, "a text id column is not of the text type");
        bool hasPattern = reader.ReadBoolean("pattern flag");
        var pattern = reader.ReadString("pattern");
        var shape = TextShape.Read(reader);
        int attempts = reader.ReadInt32("candidates per row", 1, MaxAttempts);
        var training = TrainingValueHashes.Read(reader);
        var column = new TextIdColumn(name, missingRate, missingText, hasPattern ? pattern : null, shape, attempts, training);
        reader.Check(column.Room > 0, "the id format leaves no room for new ids");
        return column;
    }
}
