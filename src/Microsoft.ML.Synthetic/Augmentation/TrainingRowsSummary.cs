using System.Globalization;
using System.Text;

namespace Microsoft.ML.Synthetic;

/// <summary>Real and synthetic rows of one class in the rows a stage trained the next estimators on.</summary>
/// <param name="ClassName">The class as its text in the label column (<c>"(all rows)"</c> without a label).</param>
/// <param name="RealRows">Real rows of the class in the training data.</param>
/// <param name="SyntheticRows">Synthetic rows of the class the stage added.</param>
public sealed record ClassRowCounts(string ClassName, int RealRows, int SyntheticRows);

/// <summary>What a train-only stage did when it was fitted: rows per class, real and synthetic.</summary>
public sealed class TrainingRowsSummary
{
    internal TrainingRowsSummary(string stage, string generator, string? labelColumnName, bool keepsRealRows, IReadOnlyList<ClassRowCounts> classes, int seed)
    {
        Stage = stage;
        Generator = generator;
        LabelColumnName = labelColumnName;
        KeepsRealRows = keepsRealRows;
        Classes = classes;
        Seed = seed;
    }

    /// <summary><c>Oversample</c>, <c>Augment</c> or <c>Replace</c>.</summary>
    public string Stage { get; }

    /// <summary>The generator's name.</summary>
    public string Generator { get; }

    /// <summary>The label column, or null.</summary>
    public string? LabelColumnName { get; }

    /// <summary>Whether the real rows were passed on (false for <c>Replace</c>).</summary>
    public bool KeepsRealRows { get; }

    /// <summary>Per class: real rows seen and synthetic rows added.</summary>
    public IReadOnlyList<ClassRowCounts> Classes { get; }

    /// <summary>The seed the generator used.</summary>
    public int Seed { get; }

    /// <summary>Real rows passed on to the next estimator (0 for <c>Replace</c>).</summary>
    public long RealRowsPassedOn => KeepsRealRows ? Classes.Sum(c => (long)c.RealRows) : 0;

    /// <summary>Synthetic rows passed on.</summary>
    public long SyntheticRows => Classes.Sum(c => (long)c.SyntheticRows);

    /// <summary>Rows per class the next estimator was fitted on.</summary>
    public int RowsAfter(string className)
    {
        var c = Classes.FirstOrDefault(x => x.ClassName == className)
            ?? throw new ArgumentException($"No class '{className}'. Classes: {string.Join(", ", Classes.Select(x => $"'{x.ClassName}'"))}.", nameof(className));
        return (KeepsRealRows ? c.RealRows : 0) + c.SyntheticRows;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"{Stage} with {Generator}");
        if (LabelColumnName is not null)
        {
            s.Append(CultureInfo.InvariantCulture, $" on '{LabelColumnName}'");
        }

        s.Append(": ");
        s.Append(string.Join("; ", Classes.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"'{c.ClassName}' {c.RealRows} real{(KeepsRealRows ? "" : " (replaced)")} + {c.SyntheticRows} synthetic"))));
        return s.ToString();
    }
}
