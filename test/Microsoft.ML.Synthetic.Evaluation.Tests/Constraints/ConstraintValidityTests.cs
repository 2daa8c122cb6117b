using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Constraints;

/// <summary>Evaluate reports the share of synthetic rows that follow each declared constraint, and the metadata it used.</summary>
[TestClass]
public sealed class ConstraintValidityTests
{
    private sealed class Stay
    {
        public string City { get; set; } = "";
        public string Country { get; set; } = "";
        public int CheckIn { get; set; }
        public int CheckOut { get; set; }
    }

    // Real pairs: Paris, Lyon (France), Berlin, Munich (Germany).
    private static readonly (string City, string Country)[] Pairs = [("Paris", "France"), ("Lyon", "France"), ("Berlin", "Germany"), ("Munich", "Germany")];

    private static List<Stay> Real() =>
        [.. Enumerable.Range(0, 40).Select(i => new Stay { City = Pairs[i % 4].City, Country = Pairs[i % 4].Country, CheckIn = i, CheckOut = i + 1 + (i % 5) })];

    /// <summary>20 synthetic rows: rows 0 and 1 check out before they check in, rows 2, 3 and 4 put Paris in Germany.</summary>
    private static List<Stay> Synthetic()
    {
        var rows = Real().Take(20).ToList();
        rows[0].CheckOut = rows[0].CheckIn - 1;
        rows[1].CheckOut = rows[1].CheckIn - 3;
        foreach (var r in rows.Skip(2).Take(3))
        {
            r.City = "Paris";
            r.Country = "Germany";
        }

        return rows;
    }

    [TestMethod]
    public void Evaluate_DeclaredConstraints_ReportsTheShareOfSyntheticRowsFollowingEach()
    {
        var ml = new MLContext(seed: 1);
        var c = ml.Synthetic().Constraints;
        var options = EvaluationOptions.QualityOnly(seed: 1);
        options.ReadOptions = new TabularDataOptions
        {
            Constraints = [c.Inequality(nameof(Stay.CheckIn), nameof(Stay.CheckOut)), c.FixedCombinations(nameof(Stay.City), nameof(Stay.Country))],
            Metadata = TableMetadata.Empty.With(nameof(Stay.CheckIn), ColumnMetadata.Numerical(isInteger: true)),
        };

        var report = ml.Synthetic().Evaluate(ml.Data.LoadFromEnumerable(Real()), ml.Data.LoadFromEnumerable(Synthetic()), options: options);

        var result = report.Constraints!;
        Assert.AreEqual(2, result.Constraints.Count);
        Assert.AreEqual("Inequality(CheckIn ≤ CheckOut)", result.Constraints[0].Constraint);
        Assert.AreEqual(18 / 20.0, result.Constraints[0].SyntheticValidity, 1e-12);
        Assert.AreEqual(2, result.Constraints[0].SyntheticViolations);
        Assert.AreEqual(1.0, result.Constraints[0].RealValidity);
        Assert.AreEqual("FixedCombinations(City, Country)", result.Constraints[1].Constraint);
        Assert.AreEqual(17 / 20.0, result.Constraints[1].SyntheticValidity, 1e-12);
        Assert.AreEqual(15 / 20.0, result.Validity, 1e-12, "rows 0–4 break one rule each");
        Assert.AreEqual(15 / 20.0, report.Scores["constraints.validity"], 1e-12);
        Assert.AreEqual(1, result.Metadata.Count);
        StringAssert.StartsWith(result.Metadata[0], "CheckIn: ");
        StringAssert.Contains(report.ToJson(), "\"syntheticValidity\"");
    }

    [TestMethod]
    public void Evaluate_NoConstraintsOrMetadata_ReportsNoConstraintFigure()
    {
        var ml = new MLContext(seed: 1);
        var report = ml.Synthetic().Evaluate(ml.Data.LoadFromEnumerable(Real()), ml.Data.LoadFromEnumerable(Synthetic()), options: EvaluationOptions.QualityOnly(seed: 1));
        Assert.IsNull(report.Constraints);
        Assert.IsFalse(report.Scores.ContainsKey("constraints.validity"));
    }

    [TestMethod]
    public void Evaluate_ConstraintOnAColumnTheTablesLack_ThrowsNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var options = EvaluationOptions.QualityOnly(seed: 1);
        options.ReadOptions = new TabularDataOptions { Constraints = [ml.Synthetic().Constraints.Positive("Price")] };
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Evaluate(ml.Data.LoadFromEnumerable(Real()), ml.Data.LoadFromEnumerable(Synthetic()), options: options));
        StringAssert.Contains(e.Message, "'Price'");
    }
}
