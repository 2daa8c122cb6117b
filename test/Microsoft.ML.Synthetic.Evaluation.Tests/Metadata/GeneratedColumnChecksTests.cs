using System.Globalization;
using Microsoft.ML;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Metadata;

/// <summary>Evaluate with declared identifier and PII columns: left out of the figures, checked for duplicates and copies.</summary>
[TestClass]
public sealed class GeneratedColumnChecksTests
{
    private sealed class Row
    {
        public long Id { get; set; }
        public string Account { get; set; } = "";
        public string Mail { get; set; } = "";
        public double Amount { get; set; }
        public string Segment { get; set; } = "";
    }

    private static readonly TableMetadata Declared = TableMetadata.Empty
        .With("Id", ColumnMetadata.Identifier())
        .With("Account", ColumnMetadata.Identifier(@"AC[0-9]{5}"))
        .With("Mail", ColumnMetadata.Pii(PiiType.Email));

    private static readonly EvaluationOptions Options = new()
    {
        Seed = 1,
        Detection = { Enabled = false },
        Privacy = { Enabled = false },
        ReadOptions = new TabularDataOptions { Metadata = Declared },
    };

    private static IDataView Real(MLContext ml) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, 300).Select(i => new Row
    {
        Id = 10_000 + i,
        Account = string.Create(CultureInfo.InvariantCulture, $"AC{i * 31:00000}"),
        Mail = string.Create(CultureInfo.InvariantCulture, $"Person{i}@Mail.example"),
        Amount = (i % 17) * 3.5,
        Segment = (i % 3) switch { 0 => "a", 1 => "b", _ => "c" },
    }).ToList());

    [TestMethod]
    public void Evaluate_SynthesizerSample_ChecksPassAndTheColumnsAreNotScored()
    {
        var ml = new MLContext(seed: 1);
        var real = Real(ml);
        var model = ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = Options.ReadOptions }).Fit(real);
        var report = ml.Synthetic().Evaluate(real, model.Sample(300, seed: 2), options: Options);
        foreach (var c in report.MetadataChecks)
        {
            Console.WriteLine($"{c.Column} ({c.Kind}{(c.PiiType is { } t ? "/" + t : "")}): {c.SyntheticValues} values, {c.DuplicateValues} duplicates, {c.ValuesCopiedFromTraining} copied from training");
        }

        Console.WriteLine(string.Join(Environment.NewLine, report.Scores.Where(p => p.Key.StartsWith("metadata.", StringComparison.Ordinal) || p.Key == "fidelity.overall").Select(p => $"{p.Key} = {p.Value}")));

        Assert.HasCount(3, report.MetadataChecks);
        Assert.IsTrue(report.MetadataChecks.All(c => c.SyntheticValues == 300));
        Assert.IsTrue(report.MetadataChecks.Where(c => c.Kind == MetadataKind.Identifier).All(c => c.DuplicateValues == 0));
        Assert.IsTrue(report.MetadataChecks.All(c => c.ValuesCopiedFromTraining == 0));
        Assert.AreEqual(0, report.Scores["metadata.pii_copied_from_training"]);
        Assert.AreEqual(0, report.Scores["metadata.identifier_duplicates"]);
        Assert.AreEqual(0, report.Scores["metadata.identifiers_copied_from_training"]);
        StringAssert.Contains(report.ToString(), "metadata.pii_copied_from_training = 0");
        StringAssert.Contains(report.ToJson(), "\"metadataChecks\"");
        CollectionAssert.AreEquivalent(new[] { "Amount", "Segment" }, report.Fidelity.Shapes.Select(s => s.Column).ToArray());
    }

    [TestMethod]
    public void Evaluate_RealAsSynthetic_CountsEveryCopiedValue()
    {
        var ml = new MLContext(seed: 1);
        var real = Real(ml);
        var copy = ml.Data.LoadFromEnumerable(ml.Data.CreateEnumerable<Row>(real, reuseRowObject: false)
            .Select(r => new Row { Id = r.Id, Account = r.Account, Mail = r.Mail.ToUpperInvariant(), Amount = r.Amount, Segment = r.Segment }).ToList());
        var report = ml.Synthetic().Evaluate(real, copy, options: Options);

        Assert.AreEqual(300, report.Scores["metadata.pii_copied_from_training"], "e-mails compare ignoring case");
        Assert.AreEqual(600, report.Scores["metadata.identifiers_copied_from_training"]);
        Assert.AreEqual(0, report.Scores["metadata.identifier_duplicates"]);
    }

    [TestMethod]
    public void Evaluate_RepeatedIds_CountsTheDuplicates()
    {
        var ml = new MLContext(seed: 1);
        var real = Real(ml);
        var repeated = ml.Data.LoadFromEnumerable(ml.Data.CreateEnumerable<Row>(real, reuseRowObject: false)
            .Select(r => new Row { Id = r.Id % 100, Account = "AC00001", Mail = "x@example.com", Amount = r.Amount, Segment = r.Segment }).ToList());
        var report = ml.Synthetic().Evaluate(real, repeated, options: Options);

        Assert.AreEqual(200, report.MetadataChecks.Single(c => c.Column == "Id").DuplicateValues);
        Assert.AreEqual(299, report.MetadataChecks.Single(c => c.Column == "Account").DuplicateValues);
        Assert.AreEqual(499, report.Scores["metadata.identifier_duplicates"]);
    }

    [TestMethod]
    public void Evaluate_NoMetadata_HasNoChecksAndNoMetadataFigures()
    {
        var ml = new MLContext(seed: 1);
        var real = Real(ml);
        var report = ml.Synthetic().Evaluate(real, real, options: new EvaluationOptions { Seed = 1, Detection = { Enabled = false }, Privacy = { Enabled = false } });
        Assert.IsEmpty(report.MetadataChecks);
        Assert.IsFalse(report.Scores.Keys.Any(k => k.StartsWith("metadata.", StringComparison.Ordinal)));
    }
}
