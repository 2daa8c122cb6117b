using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Tests.Metadata.Generators;

/// <summary>
/// Identifier and PII columns through every synthesizer: removed before fitting, regenerated after sampling, with the
/// user's schema, unique ids, no training value, the same rows for the same seed, and after saving and loading.
/// </summary>
[TestClass]
public sealed class SynthesizerGeneratedColumnsTests
{
    public const string Copula = "copula";
    public const string Tvae = "tvae";
    public const string Ctgan = "ctgan";
    public const string Arf = "arf";

    private static readonly Dictionary<string, ISynthesizerModel> Models = [];

    private static ISynthesizerModel Model(string synthesizer)
    {
        lock (Models)
        {
            if (!Models.TryGetValue(synthesizer, out var model))
            {
                var ml = new MLContext(seed: 1);
                var options = IdentifierPiiTable.Options;
                IEstimator<ISynthesizerModel> estimator = synthesizer switch
                {
                    Copula => ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = options }),
                    Tvae => ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = 2, BatchSize = 200, CompressDims = [16], DecompressDims = [16], EmbeddingDim = 8, DataOptions = options }),
                    Ctgan => ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { Epochs = 2, BatchSize = 100, GeneratorDims = [16], DiscriminatorDims = [16], EmbeddingDim = 8, DataOptions = options }),
                    _ => ml.Synthetic().Synthesizers.Arf(new ArfOptions { Trees = 5, DataOptions = options }),
                };
                model = estimator.Fit(IdentifierPiiTable.Load(ml));
                Models.Add(synthesizer, model);
            }

            return model;
        }
    }

    [TestMethod]
    [DataRow(Copula)]
    [DataRow(Tvae)]
    [DataRow(Ctgan)]
    [DataRow(Arf)]
    public void Sample_HasTheInputSchemaUniqueIdsAndNoTrainingPii(string synthesizer)
    {
        var ml = new MLContext(seed: 1);
        var training = IdentifierPiiTable.Load(ml);
        var model = Model(synthesizer);
        var sample = model.Sample(500, seed: 11);

        Assert.AreEqual(training.Schema.Count, sample.Schema.Count);
        for (int i = 0; i < training.Schema.Count; i++)
        {
            Assert.AreEqual(training.Schema[i].Name, sample.Schema[i].Name);
            Assert.AreEqual(training.Schema[i].Type, sample.Schema[i].Type, training.Schema[i].Name);
        }

        Assert.AreEqual(model.TrainingSchema.Count, training.Schema.Count);
        var ids = sample.GetColumn<int>("CustomerId").ToArray();
        Assert.AreEqual(ids.Length, ids.Distinct().Count());
        var codes = IdentifierPiiTable.Texts(sample, "Code");
        Assert.AreEqual(codes.Length, codes.Distinct().Count());
        Assert.IsTrue(codes.All(c => Regex.IsMatch(c, "^C-[0-9]{6}$")));
        var rows = IdentifierPiiTable.CreateRows();
        Assert.IsFalse(ids.Intersect(rows.Select(r => r.CustomerId)).Any());
        Assert.IsFalse(codes.Intersect(rows.Select(r => r.Code)).Any());
        Assert.IsFalse(IdentifierPiiTable.Texts(sample, "Email").Where(e => e.Length > 0).Intersect(rows.Select(r => r.Email), StringComparer.OrdinalIgnoreCase).Any());
        Assert.IsFalse(IdentifierPiiTable.Texts(sample, "Phone").Intersect(rows.Select(r => r.Phone)).Any());
        var colors = IdentifierPiiTable.Texts(sample, "Color").Distinct().ToArray();
        Assert.IsTrue(colors.All(c => c is "red" or "green" or "blue"), "modelled columns keep their categories");
    }

    [TestMethod]
    [DataRow(Copula)]
    [DataRow(Tvae)]
    [DataRow(Ctgan)]
    [DataRow(Arf)]
    public void Sample_SameSeedGivesTheSameRows_AndSaveLoadKeepsThem(string synthesizer)
    {
        var model = Model(synthesizer);
        var first = model.SampleTable(300, seed: 5);
        SynthesizerAssert.SameValues(first, model.SampleTable(300, seed: 5));
        SynthesizerAssert.SameValues(first, TabularData.FromDataView(model.Sample(300, seed: 5)));

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = new MLContext(seed: 2).Synthetic().Synthesizers.Load(stream);
        SynthesizerAssert.SameValues(first, loaded.SampleTable(300, seed: 5));
        Assert.AreEqual(model.TrainingSchema.Count, loaded.TrainingSchema.Count);
    }

    [TestMethod]
    public void Sample_AcrossTwoStreamedBlocks_IdsAreUniqueAndEqualToOneBlock()
    {
        // 10,000 rows stream as blocks of 8,192 and 1,808; SampleTable reverses them as one block of 10,000.
        var model = Model(Copula);
        var streamed = TabularData.FromDataView(model.Sample(10_000, seed: 3));
        var whole = model.SampleTable(10_000, seed: 3);
        foreach (var name in new[] { "CustomerId", "Code", "Email", "Phone" })
        {
            CollectionAssert.AreEqual(SynthesizerAssert.Values(whole[name]), SynthesizerAssert.Values(streamed[name]), name);
        }

        Assert.AreEqual(10_000, SynthesizerAssert.Values(streamed["CustomerId"]).Distinct().Count());
        Assert.AreEqual(10_000, SynthesizerAssert.Values(streamed["Code"]).Distinct().Count());
    }

    [TestMethod]
    public void Fit_MetadataWithoutIdentifierOrPii_SavesTheSameBytesAsNoMetadata()
    {
        byte[] Saved(TabularDataOptions? options)
        {
            var ml = new MLContext(seed: 1);
            var model = ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = options }).Fit(IdentifierPiiTable.Load(ml));
            using var stream = new MemoryStream();
            model.Save(stream);
            return stream.ToArray();
        }

        CollectionAssert.AreEqual(Saved(null), Saved(new TabularDataOptions { Metadata = TableMetadata.Empty.With("Color", ColumnMetadata.Categorical()) }));
    }

    [TestMethod]
    public void Load_DamagedGeneratedColumnsPart_ThrowsInvalidDataExceptionOrSamples()
    {
        using var stream = new MemoryStream();
        Model(Copula).Save(stream);
        var (format, version, body) = Synthesizers.ModelFiles.ModelFileBytes.Split(stream.ToArray());
        var ml = new MLContext(seed: 1);

        // Cut inside the part (the hashes alone take 8 bytes per training value): the error names the part.
        foreach (int cut in new[] { 1, 7, 8, 100, 3000 })
        {
            var e = Assert.ThrowsExactly<InvalidDataException>(() => ml.Synthetic().Synthesizers.Load(new MemoryStream(Synthesizers.ModelFiles.ModelFileBytes.Build(format, version, body[..^cut]))));
            StringAssert.Contains(e.Message, "generated columns", e.Message);
        }

        // Seeded random changes to the last 12,000 bytes under a valid header: rejected at Load, or a model that samples.
        var random = new Random(5);
        int loaded = 0;
        for (int i = 0; i < 200; i++)
        {
            var damaged = (byte[])body.Clone();
            int at = damaged.Length - 1 - random.Next(Math.Min(12_000, damaged.Length));
            damaged[at] = (byte)random.Next(256);
            ISynthesizerModel model;
            try
            {
                model = ml.Synthetic().Synthesizers.Load(new MemoryStream(Synthesizers.ModelFiles.ModelFileBytes.Build(format, version, damaged)));
            }
            catch (InvalidDataException)
            {
                continue;
            }

            loaded++;
            Assert.AreEqual(1, TabularData.FromDataView(model.Sample(1, seed: 1)).RowCount);
        }

        Console.WriteLine($"{loaded} of 200 damaged files loaded and sampled; the others were rejected at Load");
    }

    [TestMethod]
    public void Fit_DifferentiallyPrivateSynthesizer_RefusesGeneratedColumnsNamingThem()
    {
        var ml = new MLContext(seed: 1);
        var estimators = new IEstimator<ISynthesizerModel>[]
        {
            ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = 1, DifferentialPrivacy = new() { Epsilon = 1, Delta = 1e-5 }, DataOptions = IdentifierPiiTable.Options }),
            ml.Synthetic().Synthesizers.Mst(new MstOptions { Epsilon = 1, DataOptions = IdentifierPiiTable.Options }),
        };
        foreach (var estimator in estimators)
        {
            var e = Assert.ThrowsExactly<ArgumentException>(() => estimator.Fit(IdentifierPiiTable.Load(ml)));
            StringAssert.Contains(e.Message, "'CustomerId', 'Code', 'Email', 'Phone'");
            StringAssert.Contains(e.Message, "differentially private");
        }
    }
}
