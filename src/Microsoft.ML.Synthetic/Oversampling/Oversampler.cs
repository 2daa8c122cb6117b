using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The base of the imbalanced-learn oversamplers: for each class that must grow, make the requested number of
/// new rows from that class's own rows. New rows copy every column that is not a feature (the label among
/// them) from the row they are built from. Use the factories (<see cref="Smote(int)"/>, <see cref="Random"/>, …)
/// or the catalog methods of <c>mlContext.Synthetic()</c>.
/// </summary>
public abstract class Oversampler : SyntheticRowGenerator
{
    private protected Oversampler(OversamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxThreads, 1, nameof(options.MaxThreads));
        FeatureColumnNames = options.FeatureColumnNames?.ToArray();
        MaxThreads = options.MaxThreads;
    }

    /// <summary>The feature columns given, or null for the default (see <see cref="OversamplerOptions.FeatureColumnNames"/>).</summary>
    public IReadOnlyList<string>? FeatureColumnNames { get; }

    /// <summary>Upper bound on threads.</summary>
    public int MaxThreads { get; }

    /// <summary>Random oversampling: duplicates randomly drawn rows of the class (with replacement).</summary>
    public static RandomOverSampler Random() => new(new OversamplerOptions());

    /// <summary>SMOTE (Chawla et al. 2002) with <paramref name="kNeighbors"/> same-class neighbours.</summary>
    public static Smote Smote(int kNeighbors = 5) => new(new SmoteOptions { KNeighbors = kNeighbors });

    /// <summary>SMOTE-NC (Chawla et al. 2002, §6.1): continuous and categorical features.</summary>
    public static SmoteNc SmoteNc(int kNeighbors = 5) => new(new SmoteOptions { KNeighbors = kNeighbors });

    /// <summary>SMOTEN (Chawla et al. 2002, §6.2): categorical features under the value difference metric.</summary>
    public static Smoten Smoten(int kNeighbors = 5) => new(new SmoteOptions { KNeighbors = kNeighbors });

    /// <summary>Borderline-SMOTE 1 or 2 (Han, Wang and Mao 2005).</summary>
    public static BorderlineSmote BorderlineSmote(BorderlineSmoteKind kind = BorderlineSmoteKind.Borderline1, int kNeighbors = 5, int mNeighbors = 10) =>
        new(new BorderlineSmoteOptions { Kind = kind, KNeighbors = kNeighbors, MNeighbors = mNeighbors });

    /// <summary>ADASYN (He, Bai, Garcia and Li 2008).</summary>
    public static Adasyn Adasyn(int nNeighbors = 5) => new(new SmoteOptions { KNeighbors = nNeighbors });

    internal sealed override GeneratedRows Generate(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = Prepare(request);
        var made = new int[request.ClassRows.Length];
        TabularData? result = null;
        for (int c = 0; c < request.ClassRows.Length; c++)
        {
            request.Cancellation.ThrowIfCancellationRequested();
            if (request.RowsToAdd[c] <= 0)
            {
                continue;
            }

            var part = GenerateClass(request, state, c, request.RowsToAdd[c], SeedSequence.CreateRandom(request.Seed, c));
            made[c] = part.RowCount;
            request.Report($"{Name}: {part.RowCount} rows of class '{request.ClassNames[c]}'.");
            result = result is null ? part : result.Concat(part);
        }

        return new GeneratedRows((result ?? request.Table.SelectRows([])).ToDataView(), made);
    }

    /// <summary>Checks the columns and computes what every class shares (feature columns, encodings).</summary>
    private protected abstract object Prepare(GenerationRequest request);

    /// <summary>Makes <paramref name="count"/> new rows of class <paramref name="classIndex"/>.</summary>
    private protected abstract TabularData GenerateClass(GenerationRequest request, object state, int classIndex, int count, Random random);

    /// <summary>The feature columns: the given names (checked), or every column except the label that <paramref name="isDefault"/> accepts.</summary>
    private protected int[] ResolveFeatures(GenerationRequest request, Func<TableColumn, bool> isDefault)
    {
        var table = request.Table;
        if (FeatureColumnNames is null)
        {
            return Enumerable.Range(0, table.Columns.Count)
                .Where(i => i != request.LabelIndex && isDefault(table.Columns[i])).ToArray();
        }

        var result = new int[FeatureColumnNames.Count];
        for (int i = 0; i < result.Length; i++)
        {
            string name = FeatureColumnNames[i];
            int index = table.IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException($"{Name}: feature column '{name}' is not in the data. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.", nameof(request));
            }

            if (index == request.LabelIndex)
            {
                throw new ArgumentException($"{Name}: column '{name}' is the label; it cannot also be a feature.", nameof(request));
            }

            result[i] = index;
        }

        return result;
    }

    /// <summary>Throws when a class has fewer than <paramref name="needed"/> rows.</summary>
    private protected void RequireRows(GenerationRequest request, int classIndex, int needed, string why)
    {
        int rows = request.ClassRows[classIndex].Length;
        if (rows < needed)
        {
            string label = request.LabelName is null ? "the data" : $"class '{request.ClassNames[classIndex]}' of label column '{request.LabelName}'";
            throw new ArgumentException($"{Name}: {label} has {rows} rows; {why} needs at least {needed}. Use fewer neighbours, or RandomOverSampler for so small a class.", nameof(request));
        }
    }
}
