using System.Text;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Privacy;

/// <summary>
/// A saved DP-TVAE or DP-CTGAN model holds the declared metadata and nothing observed in the private rows: trained on
/// rows whose extremes (97.123456, 18.654321, 61.7531, 3.1415) and category set ("Zanzibar-Private") differ from the
/// declared ones, the file contains none of them — as UTF-8 or UTF-16 text, or as a little-endian double or float —
/// while the declared bounds and categories are there.
/// </summary>
[TestClass]
public sealed class DpModelFileTests
{
    private const double AgeMax = 97.123456, AgeMin = 18.654321;
    private const float HoursMax = 61.7531f, HoursMin = 3.1415f;
    private const string PrivateCategory = "Zanzibar-Private";

    private sealed class Row
    {
        public double Age { get; set; }
        public float Hours { get; set; }
        public string Country { get; set; } = "";
        public bool Member { get; set; }
    }

    private static IDataView PrivateRows(MLContext ml)
    {
        var random = new Random(5);
        string[] countries = ["Norway", "Peru", PrivateCategory];
        var rows = Enumerable.Range(0, 400).Select(i => new Row
        {
            Age = AgeMin + ((AgeMax - AgeMin) * (0.05 + (0.9 * random.NextDouble()))),
            Hours = HoursMin + ((HoursMax - HoursMin) * (0.05f + (0.9f * random.NextSingle()))),
            Country = countries[i % 3],
            Member = random.NextDouble() < 0.4,
        }).ToList();
        rows[7].Age = AgeMax;
        rows[8].Age = AgeMin;
        rows[9].Hours = HoursMax;
        rows[10].Hours = HoursMin;
        return ml.Data.LoadFromEnumerable(rows);
    }

    private static void Declare(IDictionary<string, (double Lower, double Upper)> bounds, IDictionary<string, IReadOnlyList<string>> categories)
    {
        bounds["Age"] = (0, 120);
        bounds["Hours"] = (0, 100);
        categories["Country"] = ["Norway", "Peru", "Chile"];
    }

    private sealed class Recorder : IProgress<DeepTrainingProgress>
    {
        public List<DeepTrainingProgress> Reports { get; } = [];

        public void Report(DeepTrainingProgress value) => Reports.Add(value);
    }

    [TestMethod]
    public void DpTvae_SavedFile_HoldsTheDeclaredMetadata_AndNoPrivateExtremeOrCategory()
    {
        var ml = new MLContext(seed: 1);
        var progress = new Recorder();
        var options = new TvaeOptions { Epochs = 2, BatchSize = 100, CompressDims = [16], DecompressDims = [16], EmbeddingDim = 8, Epsilon = 3, Delta = 1e-5, Progress = progress };
        Declare(options.DifferentialPrivacy!.PublicBounds, options.DifferentialPrivacy.PublicCategories);
        var model = (TvaeModel)ml.Synthetic().Synthesizers.Tvae(options).Fit(PrivateRows(ml));

        AssertDeclaredOnly(model, model.TrainingHistory, progress);
    }

    [TestMethod]
    public void DpCtgan_SavedFile_HoldsTheDeclaredMetadata_AndNoPrivateExtremeOrCategory()
    {
        var ml = new MLContext(seed: 1);
        var progress = new Recorder();
        var options = new CtganOptions { Epochs = 2, BatchSize = 100, GeneratorDims = [16], DiscriminatorDims = [16], EmbeddingDim = 8, Epsilon = 3, Delta = 1e-5, Progress = progress };
        Declare(options.DifferentialPrivacy!.PublicBounds, options.DifferentialPrivacy.PublicCategories);
        var model = (CtganModel)ml.Synthetic().Synthesizers.Ctgan(options).Fit(PrivateRows(ml));

        AssertDeclaredOnly(model, model.TrainingHistory, progress);
    }

    private static void AssertDeclaredOnly(SynthesizerModelBase model, IReadOnlyList<DeepTrainingProgress> history, Recorder progress)
    {
        // In memory: the schema is the declared one.
        var schema = model.TableSchema;
        var age = schema.Columns[schema.IndexOf("Age")];
        Assert.AreEqual(0.0, age.Min);
        Assert.AreEqual(120.0, age.Max);
        var hours = schema.Columns[schema.IndexOf("Hours")];
        Assert.AreEqual(100.0, hours.Max);
        CollectionAssert.AreEqual(new[] { "Chile", "Norway", "Peru" }, schema.Columns[schema.IndexOf("Country")].Categories.ToArray());

        // The un-noised figures reach the progress callback, labelled; the model keeps only ε.
        Assert.IsNotEmpty(progress.Reports);
        Assert.IsTrue(progress.Reports.All(r => r.Note is not null && r.Note.Contains("not covered by the DP guarantee", StringComparison.Ordinal)));
        Assert.IsTrue(progress.Reports.All(r => r.ToString().Contains("not covered by the DP guarantee", StringComparison.Ordinal)));
        Assert.IsTrue(progress.Reports.Any(r => r.Losses.Count > 1), "the progress callback sees the diagnostics");
        Assert.IsNotEmpty(history);
        Assert.IsTrue(history.All(h => h.Losses.Keys.SequenceEqual(["epsilon"])), "the model keeps only ε: " + string.Join("; ", history));

        using var stream = new MemoryStream();
        model.Save(stream);
        byte[] file = stream.ToArray();

        foreach (var text in new[] { PrivateCategory, "Zanzibar", "97.123456", "18.654321", "61.7531", "3.1415" })
        {
            Assert.IsFalse(Contains(file, Encoding.UTF8.GetBytes(text)), $"'{text}' as UTF-8");
            Assert.IsFalse(Contains(file, Encoding.Unicode.GetBytes(text)), $"'{text}' as UTF-16");
        }

        foreach (double value in new[] { AgeMax, AgeMin, HoursMax, HoursMin })
        {
            Assert.IsFalse(Contains(file, BitConverter.GetBytes(value)), $"{value} as a double");
            Assert.IsFalse(Contains(file, BitConverter.GetBytes((float)value)), $"{value} as a float");
        }

        Assert.IsTrue(Contains(file, BitConverter.GetBytes(120.0)), "the declared upper bound of Age is saved");
        Assert.IsTrue(Contains(file, BitConverter.GetBytes(100.0)), "the declared upper bound of Hours is saved");
        Assert.IsTrue(Contains(file, Encoding.UTF8.GetBytes("Chile")), "the declared categories are saved");

        // And the file loads back with the declared schema.
        stream.Position = 0;
        var loaded = new MLContext().Synthetic().Synthesizers.Load(stream);
        var country = (CategoricalColumn)loaded.SampleTable(50, null, 1)["Country"];
        CollectionAssert.AreEqual(new[] { "Chile", "Norway", "Peru" }, country.Categories.ToArray());
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
