using System.Text.RegularExpressions;
using Microsoft.ML.Synthetic.Metadata.Generators;

namespace Microsoft.ML.Synthetic.Tests.Metadata.Generators;

[TestClass]
public sealed class TextShapeTests
{
    [TestMethod]
    public void Learn_PrefixedIds_KeepsTheLetterAndSeparatorAndFreesTheDigits()
    {
        var shape = TextShape.Learn(["C-000100", "C-000107", "C-004213"])!;
        CollectionAssert.AreEqual(new[] { "C", "-", TextShape.Digits, TextShape.Digits, TextShape.Digits, TextShape.Digits, TextShape.Digits, TextShape.Digits }, shape.Positions.ToArray());
    }

    [TestMethod]
    public void Learn_HexIds_UnitesTheClassesSeenPerPosition()
    {
        var shape = TextShape.Learn(["a1f3", "9b0c", "77e1"])!;
        Assert.IsTrue(shape.Positions.All(p => p == TextShape.Lower + TextShape.Digits));
    }

    [TestMethod]
    public void Learn_SeparatorAndLetterInOnePosition_GivesNull() =>
        Assert.IsNull(TextShape.Learn(["AB-1", "ABC1"]));

    [TestMethod]
    [DataRow(@"[A-Z]{2}-[0-9]{4}")]
    [DataRow(@"^INV\d{3,5}$")]
    [DataRow(@"[A-F0-9]{8}\.x?")]
    public void FromPattern_DrawnValues_MatchThePattern(string pattern)
    {
        var shape = TextShape.FromPattern(pattern, "code");
        var regex = new Regex("^(" + pattern.TrimStart('^').TrimEnd('$') + ")$");
        for (int i = 0; i < 200; i++)
        {
            var random = new RowRandom(3, i, 0);
            var value = shape.Draw(ref random);
            Assert.IsTrue(regex.IsMatch(value), value);
        }
    }

    [TestMethod]
    [DataRow(@"[A-Z]+")]
    [DataRow(@"(AB|CD)\d")]
    [DataRow(@"\w{3}")]
    public void FromPattern_UnsupportedPattern_ThrowsNamingTheColumnAndWhatIsSupported(string pattern)
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => TextShape.FromPattern(pattern, "code"));
        StringAssert.Contains(e.Message, "'code'");
        StringAssert.Contains(e.Message, IdPattern.Supported);
    }
}
