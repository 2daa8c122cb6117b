using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// Personal information replaced by made-up values of the same form, never equal to a training value (compared in
/// <see cref="PiiNormalization"/>'s form against <see cref="TrainingValueHashes"/>; a row tries up to 64 candidates):
/// <list type="bullet">
/// <item>e-mail: <c>given.family@example.com</c>, <c>givenfamily42@example.org</c> or <c>gfamily@example.net</c> from
/// <see cref="CommonNames"/>, on the domains RFC 2606 reserves for examples (no real mailbox);</item>
/// <item>phone and id-like: a training shape (<c>+9 (999) 999-9999</c>: letters and digits free, other characters kept;
/// the 64 most frequent, drawn by frequency) with random letters and digits;</item>
/// <item>name: <see cref="CommonNames"/> in the training values' arrangements (<c>Given Family</c>, <c>Family, Given</c>,
/// <c>Given</c>, <c>Given I. Family</c>) and case (title, upper, lower), drawn by frequency.</item>
/// </list>
/// </summary>
internal sealed class PiiColumn : TextColumnGenerator
{
    public const byte KindTag = 2;
    private const int MaxShapes = 64;
    private const int MaxAttempts = 64;
    private static readonly string[] Domains = ["example.com", "example.org", "example.net"];

    private readonly TextShape[] _shapes;
    private readonly int[] _weights;
    private readonly int _total;

    private PiiColumn(string name, double missingRate, string? missingText, PiiType type, TextShape[] shapes, int[] weights, TrainingValueHashes training)
        : base(name, missingRate, missingText)
    {
        PiiType = type;
        _shapes = shapes;
        _weights = weights;
        _total = weights.Sum();
        Training = training;
    }

    public PiiType PiiType { get; }

    public TrainingValueHashes Training { get; }

    public override ColumnMetadata Metadata => ColumnMetadata.Pii(PiiType);

    private protected override byte Tag => KindTag;

    public static PiiColumn Fit(string name, PiiType type, IReadOnlyList<string?> values, string? missingText, int saltSeed)
    {
        var observed = values.Where(v => v is not null).Select(v => v!).ToArray();
        var training = TrainingValueHashes.Create(observed.Select(v => PiiNormalization.Normalize(type, v)), saltSeed, name);
        double missingRate = values.Count == 0 ? 0 : (double)(values.Count - observed.Length) / values.Count;
        TextShape[] shapes = [];
        int[] weights;
        switch (type)
        {
            case PiiType.Phone or PiiType.IdLike:
                var counted = observed.Select(TextShape.Of).GroupBy(s => s.Key(), StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(MaxShapes).ToArray();
                if (counted.Length == 0)
                {
                    counted = new[] { type == PiiType.Phone ? "+1 999-999-9999" : "AA999999" }.Select(TextShape.Of).GroupBy(s => s.Key()).ToArray();
                }

                shapes = counted.Select(g => g.First()).ToArray();
                weights = counted.Select(g => g.Count()).ToArray();
                break;
            case PiiType.Name:
                weights = new int[NameForms.Count];
                foreach (var v in observed)
                {
                    weights[NameForms.Of(v)]++;
                }

                if (observed.Length == 0)
                {
                    weights[0] = 1;
                }

                break;
            default:
                weights = [1];
                break;
        }

        return new PiiColumn(name, missingRate, missingText, type, shapes, weights, training);
    }

    private protected override string Value(ulong key, long row, object? prepared)
    {
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var random = new RowRandom(key, row, attempt);
            var candidate = Draw(ref random);
            if (!Training.Contains(PiiNormalization.Normalize(PiiType, candidate)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"Column '{Name}': {MaxAttempts} made-up {PiiType} values in a row were all training values; the training data holds too many of the values this generator makes. Leave the column out (TabularDataOptions.Columns).");
    }

    private int Pick(ref RowRandom random)
    {
        int r = random.Next(_total);
        for (int i = 0; i < _weights.Length; i++)
        {
            r -= _weights[i];
            if (r < 0)
            {
                return i;
            }
        }

        return _weights.Length - 1;
    }

    private string Draw(ref RowRandom random)
    {
        switch (PiiType)
        {
            case PiiType.Phone or PiiType.IdLike:
                return _shapes[Pick(ref random)].Draw(ref random);
            case PiiType.Name:
                int form = Pick(ref random);
                return NameForms.Render(form, CommonNames.Given[random.Next(CommonNames.Given.Length)],
                    CommonNames.Family[random.Next(CommonNames.Family.Length)], TextShape.Upper[random.Next(26)]);
            default:
                string given = CommonNames.Given[random.Next(CommonNames.Given.Length)].ToLowerInvariant();
                string family = CommonNames.Family[random.Next(CommonNames.Family.Length)].ToLowerInvariant();
                string local = random.Next(3) switch
                {
                    0 => $"{given}.{family}",
                    1 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{given}{family}{random.Next(100)}"),
                    _ => $"{given[0]}{family}",
                };
                return $"{local}@{Domains[random.Next(Domains.Length)]}";
        }
    }

    private protected override void WriteContents(BinaryWriter writer)
    {
        writer.Write((int)PiiType);
        writer.Write(_shapes.Length);
        foreach (var s in _shapes)
        {
            s.Write(writer);
        }

        writer.Write(_weights.Length);
        foreach (var w in _weights)
        {
            writer.Write(w);
        }

        Training.Write(writer);
    }

    public static PiiColumn ReadContents(ModelReader reader, string name, DataViewType type, double missingRate, string? missingText)
    {
        reader.Check(type is TextDataViewType, "a personal-information column is not of the text type");
        var piiType = reader.ReadEnum<PiiType>("PII type");
        int shapeCount = reader.ReadCount("shape count", MaxShapes, 4);
        var shapes = new TextShape[shapeCount];
        for (int i = 0; i < shapeCount; i++)
        {
            shapes[i] = TextShape.Read(reader);
        }

        int expected = piiType switch { PiiType.Phone or PiiType.IdLike => shapeCount, PiiType.Name => NameForms.Count, _ => 1 };
        reader.Check(expected > 0 && (piiType is PiiType.Phone or PiiType.IdLike || shapeCount == 0), "the shapes do not fit the PII type");
        int weightCount = reader.ReadCount("weight count", MaxShapes, 4);
        reader.Check(weightCount == expected, $"there are {weightCount} weights; the PII type needs {expected}");
        var weights = new int[weightCount];
        long total = 0;
        for (int i = 0; i < weightCount; i++)
        {
            weights[i] = reader.ReadInt32("weight", 0, int.MaxValue);
            total += weights[i];
        }

        reader.Check(total is > 0 and <= int.MaxValue, "the weights do not sum to a positive count");
        var training = TrainingValueHashes.Read(reader);
        return new PiiColumn(name, missingRate, missingText, piiType, shapes, weights, training);
    }

    /// <summary>The arrangements and cases of names: form = arrangement × 3 + case.</summary>
    private static class NameForms
    {
        public const int Count = 12;

        public static int Of(string value)
        {
            var tokens = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            int arrangement = value.Contains(',') ? 1
                : tokens.Length <= 1 ? 2
                : tokens.Length == 3 && tokens[1].TrimEnd('.').Length == 1 ? 3
                : 0;
            var letters = value.Where(char.IsLetter).ToArray();
            int casing = letters.Length > 1 && letters.All(char.IsUpper) ? 1 : letters.Length > 0 && letters.All(char.IsLower) ? 2 : 0;
            return (arrangement * 3) + casing;
        }

        public static string Render(int form, string given, string family, char initial)
        {
            string text = (form / 3) switch
            {
                1 => $"{family}, {given}",
                2 => given,
                3 => $"{given} {initial}. {family}",
                _ => $"{given} {family}",
            };
            return (form % 3) switch
            {
                1 => text.ToUpperInvariant(),
                2 => text.ToLowerInvariant(),
                _ => text,
            };
        }
    }
}
