using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Metadata.Generators;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Tests.Metadata.Generators;

/// <summary>The generators on their own: uniqueness, formats, training values refused, missing rates, blocks, saving.</summary>
[TestClass]
public sealed class GeneratedColumnTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static TabularData Training() => TabularData.FromDataView(IdentifierPiiTable.Load(Ml));

    private static GeneratedColumnsStep Step(out TabularData modelled)
    {
        var (step, table) = GeneratedColumnsStep.Fit(Training(), IdentifierPiiTable.Metadata, () => 42);
        modelled = table;
        return step!;
    }

    private static string?[] Texts(TableColumn column) => ((CategoricalColumn)column).Codes.Select(c => c < 0 ? null : ((CategoricalColumn)column).Categories[c]).ToArray();

    private static byte[] Written(GeneratedColumnsStep step)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            step.Write(writer);
        }

        return stream.ToArray();
    }

    private static GeneratedColumn Generator(string name) => Step(out _).Generators.Single(g => g.Name == name);

    [TestMethod]
    public void Fit_RemovesTheDeclaredColumnsAndKeepsTheOthersInOrder()
    {
        Step(out var modelled);
        CollectionAssert.AreEqual(new[] { "X", "Color", "Count" }, modelled.Columns.Select(c => c.Name).ToArray());
    }

    [TestMethod]
    public void Fit_NoIdentifierOrPiiDeclared_ReturnsNoStepAndTheSameTable()
    {
        var table = Training();
        var (step, modelled) = GeneratedColumnsStep.Fit(table, TableMetadata.Empty.With("Color", ColumnMetadata.Categorical()), () => throw new AssertFailedException("no salt is needed"));
        Assert.IsNull(step);
        Assert.AreSame(table, modelled);
    }

    [TestMethod]
    public void IntegerIds_TwentyThousandRows_AreUniqueWholeNumbersAboveTheTrainingIds()
    {
        var generator = (IntegerIdColumn)Generator("CustomerId");
        // Training ids 5000 … 6197 (span 1,198): the domain is the power of two at or above twice that, after 6197.
        Assert.AreEqual(6198, generator.Start);
        Assert.AreEqual(4096UL, generator.Domain);
        var values = ((ContinuousColumn)generator.Generate(0, 20_000, seed: 5).Column).Values;
        Assert.AreEqual(values.Length, values.Distinct().Count());
        Assert.IsTrue(values.All(v => v == Math.Floor(v) && v >= 6198));
        // The first 4,096 rows are a permutation of 6198 … 10293 (not in order); later rows continue with 6198 + row.
        CollectionAssert.AreEquivalent(Enumerable.Range(6198, 4096).Select(i => (double)i).ToArray(), values.Take(4096).ToArray());
        Assert.IsFalse(values.Take(10).SequenceEqual(Enumerable.Range(6198, 10).Select(i => (double)i)));
        Assert.AreEqual(6198 + 19_999, values[^1]);
    }

    [TestMethod]
    public void IntegerIds_NoRoomAboveTheTrainingIds_StartFromTheSmallest()
    {
        var rows = Enumerable.Range(0, 100).Select(i => new { Id = (byte)(150 + i), V = (float)i }).ToList();
        var table = TabularData.FromDataView(Ml.Data.LoadFromEnumerable(rows));
        var (step, _) = GeneratedColumnsStep.Fit(table, TableMetadata.Empty.With("Id", ColumnMetadata.Identifier()), () => 1);
        var generator = (IntegerIdColumn)step!.Generators.Single();
        Assert.AreEqual(150, generator.Start);
        Assert.AreEqual(106UL, generator.Domain, "150 … 255: what a byte holds");
        var values = ((ContinuousColumn)generator.Generate(0, 106, seed: 1).Column).Values;
        CollectionAssert.AreEquivalent(Enumerable.Range(150, 106).Select(i => (double)i).ToArray(), values);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => generator.Generate(0, 107, seed: 1));
        StringAssert.Contains(e.Message, "'Id'");
    }

    [TestMethod]
    [DataRow("CustomerId")]
    [DataRow("Code")]
    [DataRow("Email")]
    [DataRow("Phone")]
    public void Generate_InTwoBlocksOfAnySize_GivesTheSameRowsAsInOne(string name)
    {
        var generator = Generator(name);
        string?[] Values(TableColumn c) => c is ContinuousColumn n ? n.Values.Select(v => v.ToString("R")).ToArray() : Texts(c);
        var whole = Values(generator.Generate(0, 3000, seed: 9).Column);
        foreach (int cut in new[] { 1, 1234, 2999 })
        {
            var parts = Values(generator.Generate(0, cut, seed: 9).Column).Concat(Values(generator.Generate(cut, 3000 - cut, seed: 9).Column));
            CollectionAssert.AreEqual(whole, parts.ToArray(), $"cut at {cut}");
        }

        CollectionAssert.AreNotEqual(whole, Values(generator.Generate(0, 3000, seed: 10).Column), "another seed gives other values");
    }

    [TestMethod]
    public void TextIds_AreUniqueInTheTrainingFormatAndNeverATrainingId()
    {
        var training = Texts(Training()["Code"]).ToHashSet();
        var ids = Texts(Generator("Code").Generate(0, 20_000, seed: 3).Column);
        Assert.AreEqual(ids.Length, ids.Distinct().Count());
        Assert.IsTrue(ids.All(id => Regex.IsMatch(id!, "^C-[0-9]{6}$")), ids.FirstOrDefault(id => !Regex.IsMatch(id!, "^C-[0-9]{6}$")));
        Assert.IsFalse(ids.Any(training.Contains));
    }

    [TestMethod]
    public void TextIds_DenseTrainingIds_StillAvoidEveryOne()
    {
        // 900 of the 1,000 three-digit ids are taken: each row needs several candidates.
        var rows = Enumerable.Range(0, 900).Select(i => new { Code = $"K{i:000}", V = (float)i }).ToList();
        var table = TabularData.FromDataView(Ml.Data.LoadFromEnumerable(rows));
        var (step, _) = GeneratedColumnsStep.Fit(table, TableMetadata.Empty.With("Code", ColumnMetadata.Identifier()), () => 1);
        var generator = (TextIdColumn)step!.Generators.Single();
        Assert.AreEqual(64, generator.Attempts);
        var ids = Texts(generator.Generate(0, 1, seed: 1).Column);
        Assert.IsFalse(rows.Any(r => r.Code == ids[0]));
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => generator.Generate(0, 100, seed: 1));
        StringAssert.Contains(e.Message, "'Code'");
        StringAssert.Contains(e.Message, "room for");
    }

    [TestMethod]
    public void Emails_AreValidAddressesOnReservedDomainsAndNeverATrainingAddress()
    {
        var training = Texts(Training()["Email"]).Where(v => v is not null).Select(v => v!.ToLowerInvariant()).ToHashSet();
        var emails = Texts(Generator("Email").Generate(0, 5000, seed: 2).Column).Where(v => v is not null).ToArray();
        Assert.IsTrue(emails.All(e => Microsoft.ML.Synthetic.Metadata.TextPatterns.IsEmail(e!) && Regex.IsMatch(e!, @"@example\.(com|org|net)$")));
        Assert.IsFalse(emails.Any(e => training.Contains(e!)));
    }

    [TestMethod]
    public void Emails_KeepTheTrainingMissingRate()
    {
        // 10 % of the training e-mails are missing: 5,000 rows hold 500 ± 4 standard deviations (4 × 21).
        int missing = Texts(Generator("Email").Generate(0, 5000, seed: 2).Column).Count(v => v is null);
        Assert.IsInRange(500 - 85, 500 + 85, missing);
    }

    [TestMethod]
    public void Phones_KeepTheTrainingShapeAndNeverATrainingNumber()
    {
        var training = Texts(Training()["Phone"]).Select(p => new string(p!.Where(char.IsAsciiDigit).ToArray())).ToHashSet();
        var phones = Texts(Generator("Phone").Generate(0, 5000, seed: 2).Column);
        Assert.IsTrue(phones.All(p => Regex.IsMatch(p!, @"^\+[0-9] \([0-9]{3}\) [0-9]{3}-[0-9]{4}$")), phones[0]);
        Assert.IsFalse(phones.Any(p => training.Contains(new string(p!.Where(char.IsAsciiDigit).ToArray()))));
    }

    [TestMethod]
    public void Names_FromTheBuiltInLists_AvoidTrainingNamesAndKeepTheirArrangement()
    {
        // Training: every pair of the first 20 given and 20 family names, as "Family, Given" in capitals.
        var names = (from g in CommonNames.Given.Take(20) from f in CommonNames.Family.Take(20) select $"{f}, {g}".ToUpperInvariant()).ToList();
        var table = TabularData.FromDataView(Ml.Data.LoadFromEnumerable(names.Select((n, i) => new { Name = n, V = (float)i })));
        var (step, _) = GeneratedColumnsStep.Fit(table, TableMetadata.Empty.With("Name", ColumnMetadata.Pii(PiiType.Name)), () => 1);
        var generated = Texts(step!.Generators.Single().Generate(0, 3000, seed: 4).Column);
        var training = names.ToHashSet();
        Assert.IsFalse(generated.Any(training.Contains));
        Assert.IsTrue(generated.All(n => Regex.IsMatch(n!, "^[A-Z]+, [A-Z]+$")), generated[0]);
        var parts = generated.Select(n => n!.Split(", ")).ToArray();
        Assert.IsTrue(parts.All(p => CommonNames.Family.Contains(p[0], StringComparer.OrdinalIgnoreCase) && CommonNames.Given.Contains(p[1], StringComparer.OrdinalIgnoreCase)));
    }

    [TestMethod]
    public void Write_ThenRead_GivesTheSameValuesAndHoldsNoTrainingValueInClear()
    {
        var step = Step(out var modelled);
        var bytes = Written(step);
        var text = Encoding.UTF8.GetString(bytes);
        foreach (var name in new[] { "Code", "Email", "Phone" })
        {
            foreach (var value in Texts(Training()[name]).Where(v => !string.IsNullOrEmpty(v)))
            {
                Assert.IsFalse(text.Contains(value!, StringComparison.Ordinal), $"training value '{value}' is in the file");
            }
        }

        var read = GeneratedColumnsStep.Read(ModelReader.Over(bytes), modelled.Schema);
        var block = modelled.SelectRows(Enumerable.Range(0, 300).ToArray());
        SynthesizerAssert.SameValues(step.Reverse(block, 17, 8), read.Reverse(block, 17, 8));
    }

    [TestMethod]
    public void Read_NewerVersion_ThrowsNamingThePart()
    {
        var step = Step(out var modelled);
        var bytes = Written(step);
        bytes[18] = 2; // the version follows the 18-byte section name
        var e = Assert.ThrowsExactly<InvalidDataException>(() => GeneratedColumnsStep.Read(ModelReader.Over(bytes), modelled.Schema));
        StringAssert.Contains(e.Message, "generated columns");
        StringAssert.Contains(e.Message, "version 2");
    }

    [TestMethod]
    public void Fit_EveryColumnGenerated_ThrowsNamingThem()
    {
        var table = TabularData.FromDataView(Ml.Data.LoadFromEnumerable(new[] { new { Code = "A1" }, new { Code = "A2" } }));
        var e = Assert.ThrowsExactly<ArgumentException>(() => GeneratedColumnsStep.Fit(table, TableMetadata.Empty.With("Code", ColumnMetadata.Identifier()), () => 1));
        StringAssert.Contains(e.Message, "Code");
        StringAssert.Contains(e.Message, "nothing to model");
    }

    [TestMethod]
    public void Fit_PiiOnANumberColumn_ThrowsNamingTheColumnAndTheType()
    {
        var table = Training();
        var e = Assert.ThrowsExactly<ArgumentException>(() => GeneratedColumnsStep.Fit(table, TableMetadata.Empty.With("Count", ColumnMetadata.Pii(PiiType.IdLike)), () => 1));
        StringAssert.Contains(e.Message, "'Count'");
        StringAssert.Contains(e.Message, "Int32");
    }
}
