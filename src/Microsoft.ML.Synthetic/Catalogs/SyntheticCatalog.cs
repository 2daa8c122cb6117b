using Microsoft.ML.Runtime;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The entry point of SyntheticML, reached with <c>mlContext.Synthetic()</c>: synthesizers, train-only
/// augmentation stages, differential privacy, model search and ONNX export. Components are added to it as
/// extension methods, in the way ML.NET's own catalogs are extended.
/// </summary>
public sealed class SyntheticCatalog
{
    internal SyntheticCatalog(MLContext context)
    {
        Context = context;
        Synthesizers = new SynthesizerCatalog(this);
        Privacy = new PrivacyCatalog(this);
        AutoTrain = new AutoTrainCatalog(this);
        Resampling = new ResamplingCatalog(this);
        Data = new DataCatalog(this);
        Onnx = new OnnxCatalog(this);
        Metadata = new MetadataCatalog(this);
        Constraints = new ConstraintCatalog(this);
    }

    /// <summary>The ML.NET context this catalog was created from.</summary>
    public MLContext Context { get; }

    /// <summary>Synthesizers: estimators whose fitted models sample synthetic rows.</summary>
    public SynthesizerCatalog Synthesizers { get; }

    /// <summary>Differential-privacy mechanisms, noise steps and the privacy ledger.</summary>
    public PrivacyCatalog Privacy { get; }

    /// <summary>A budgeted model search that refits whole pipelines per fold.</summary>
    public AutoTrainCatalog AutoTrain { get; }

    /// <summary>Train-only stages that add or replace training rows: the SMOTE family, random oversampling, and oversampling, augmentation or replacement by a synthesizer.</summary>
    public ResamplingCatalog Resampling { get; }

    /// <summary>Reading and writing tables (CSV, Parquet) with missing values kept.</summary>
    public DataCatalog Data { get; }

    /// <summary>ONNX export of fitted chains and of synthesizers.</summary>
    public OnnxCatalog Onnx { get; }

    /// <summary>Table metadata: what each column is (numerical, categorical, datetime, identifier, PII, ...), detected or declared.</summary>
    public MetadataCatalog Metadata { get; }

    /// <summary>Constraints: rules every sampled row follows (check-in before check-out, city and country in seen pairs, …).</summary>
    public ConstraintCatalog Constraints { get; }

    /// <summary>
    /// Draws a seed from the context's random source, so that an <see cref="MLContext"/> created with a seed
    /// gives the same sequence of component seeds (the way ML.NET components take their randomness).
    /// </summary>
    internal int NextSeed()
    {
        lock (_seedLock)
        {
            _host ??= ((IHostEnvironment)Context).Register(nameof(SyntheticCatalog));
            return _host.Rand.Next();
        }
    }

    private readonly object _seedLock = new();
    private IHost? _host;
}

/// <summary>Synthesizers, reached with <c>mlContext.Synthetic().Synthesizers</c>.</summary>
public sealed class SynthesizerCatalog : SyntheticSubCatalog
{
    internal SynthesizerCatalog(SyntheticCatalog owner)
        : base(owner)
    {
    }

    /// <summary>
    /// Loads a synthesizer saved with <see cref="ISynthesizerModel.Save(Stream)"/>. The file's header, length and
    /// SHA-256 checksum are verified, and every count, dimension and value is validated before use, so a damaged
    /// file fails here rather than at sampling (see Synthesizers/ModelFiles/README.md).
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is truncated, corrupt, not a saved synthesizer, or written by a newer version; the message names the part.</exception>
    public ISynthesizerModel Load(Stream stream) => SynthesizerModelBase.Load(stream);

    /// <summary>Loads a synthesizer saved to a file (as <see cref="Load(Stream)"/>).</summary>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt, not a saved synthesizer, or written by a newer version.</exception>
    public ISynthesizerModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }
}

/// <summary>Differential privacy, reached with <c>mlContext.Synthetic().Privacy</c>.</summary>
public sealed class PrivacyCatalog : SyntheticSubCatalog
{
    internal PrivacyCatalog(SyntheticCatalog owner)
        : base(owner)
    {
    }
}

/// <summary>Model search, reached with <c>mlContext.Synthetic().AutoTrain</c>.</summary>
public sealed class AutoTrainCatalog : SyntheticSubCatalog
{
    internal AutoTrainCatalog(SyntheticCatalog owner)
        : base(owner)
    {
    }
}

/// <summary>Train-only resampling stages, reached with <c>mlContext.Synthetic().Resampling</c>.</summary>
public sealed class ResamplingCatalog : SyntheticSubCatalog
{
    internal ResamplingCatalog(SyntheticCatalog owner)
        : base(owner)
    {
    }
}

/// <summary>Table input and output, reached with <c>mlContext.Synthetic().Data</c>.</summary>
public sealed class DataCatalog : SyntheticSubCatalog
{
    internal DataCatalog(SyntheticCatalog owner)
        : base(owner)
    {
    }
}

/// <summary>ONNX export, reached with <c>mlContext.Synthetic().Onnx</c>.</summary>
public sealed class OnnxCatalog : SyntheticSubCatalog
{
    internal OnnxCatalog(SyntheticCatalog owner)
        : base(owner)
    {
    }
}

/// <summary>Table metadata, reached with <c>mlContext.Synthetic().Metadata</c>.</summary>
public sealed class MetadataCatalog : SyntheticSubCatalog
{
    internal MetadataCatalog(SyntheticCatalog owner)
        : base(owner)
    {
    }
}

/// <summary>Constraints, reached with <c>mlContext.Synthetic().Constraints</c>.</summary>
public sealed class ConstraintCatalog : SyntheticSubCatalog
{
    internal ConstraintCatalog(SyntheticCatalog owner)
        : base(owner)
    {
    }
}
