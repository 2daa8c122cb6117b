using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Data;

[TestClass]
public sealed class TemporalColumnTests
{
    private sealed class Stamps
    {
        public DateTime When { get; set; }
    }

    private sealed class Texts
    {
        public string Joined { get; set; } = "";
    }

    private static TabularData Read(MLContext ml, params DateTime[] values) =>
        TabularData.FromDataView(ml.Data.LoadFromEnumerable(values.Select(v => new Stamps { When = v }).ToList()));

    /// <summary>The same schema with other values in the one continuous column.</summary>
    private static TabularData WithValues(TabularData table, string column, params double[] values) =>
        new(table.Schema, table.Columns.Select(c => c.Name == column ? new ContinuousColumn(c.Name, values, ((ContinuousColumn)c).IsInteger) : c.SelectRows(Enumerable.Range(0, values.Length).Select(i => i % c.Length).ToArray())).ToArray());

    [TestMethod]
    public void FromDataView_DateTimeColumns_AreContinuousSecondsSinceTheUnixEpoch()
    {
        var ml = new MLContext(seed: 1);
        var table = TabularData.FromDataView(DateTimeTable.Load(ml, 50));

        foreach (var name in new[] { "Day", "Stamp", "Wait" })
        {
            Assert.AreEqual(ColumnKind.Continuous, table[name].Kind, name);
        }

        var day = (ContinuousColumn)table["Day"];
        // 1850-03-01 is 43,770 days before 1970-01-01: 120 years of 365 days, 29 leap days (1852…1968 but not 1900), less the 59 days of January and February 1850.
        Assert.AreEqual(-43_770.0 * 86_400, day.Values[0]);
        Assert.AreEqual((new DateTime(2150, 12, 31) - DateTime.UnixEpoch).TotalSeconds, day.Values[1]);
        Assert.IsTrue(day.IsInteger, "whole days are whole seconds");
        Assert.IsTrue(double.IsNaN(day.Values[24]), "default(DateTime) is a missing value");
        Assert.AreEqual(2, day.MissingCount);
        var stamp = (ContinuousColumn)table["Stamp"];
        var row0 = DateTimeTable.Rows(50)[0].Stamp;
        Assert.AreEqual((row0.UtcDateTime - DateTime.UnixEpoch).TotalSeconds, stamp.Values[0], "a DateTimeOffset is its UTC instant");
        Assert.AreEqual(DateTimeTable.Rows(50)[3].Wait.TotalSeconds, ((ContinuousColumn)table["Wait"]).Values[3]);
    }

    [TestMethod]
    public void ToDataView_RoundTrip_GivesTheSourceTypesAndEveryValue()
    {
        var ml = new MLContext(seed: 1);
        var source = DateTimeTable.Load(ml, 200);
        var back = TabularData.FromDataView(source).ToDataView();

        for (int i = 0; i < source.Schema.Count; i++)
        {
            Assert.AreEqual(source.Schema[i].Type, back.Schema[i].Type, source.Schema[i].Name);
        }

        CollectionAssert.AreEqual(DateTimeTable.Values<DateTime>(source, "Day"), DateTimeTable.Values<DateTime>(back, "Day"));
        CollectionAssert.AreEqual(DateTimeTable.Values<TimeSpan>(source, "Wait"), DateTimeTable.Values<TimeSpan>(back, "Wait"));
        var stamps = DateTimeTable.Values<DateTimeOffset>(source, "Stamp");
        var stampsBack = DateTimeTable.Values<DateTimeOffset>(back, "Stamp");
        CollectionAssert.AreEqual(stamps.Select(s => s.UtcTicks).ToList(), stampsBack.Select(s => s.UtcTicks).ToList(), "every instant is kept");
        Assert.IsTrue(stampsBack.All(s => s.Offset == TimeSpan.FromHours(2)), "generated values carry the most frequent offset (+02:00, 90 % of rows)");
    }

    [TestMethod]
    public void ToDataView_GeneratedSeconds_AreRoundedToTheTrainingStepAndKeptInTheTrainingRange()
    {
        var ml = new MLContext(seed: 1);
        var table = Read(ml, new DateTime(2000, 1, 1), new DateTime(2000, 1, 10));
        double day = 86_400, start = (new DateTime(2000, 1, 1) - DateTime.UnixEpoch).TotalSeconds;
        var generated = WithValues(table, "When", start + (2.4 * day), start + (2.6 * day), start - (30 * day), start + (400 * day), double.NaN);

        var values = DateTimeTable.Values<DateTime>(generated.ToDataView(), "When");

        CollectionAssert.AreEqual(
            new[] { new DateTime(2000, 1, 3), new DateTime(2000, 1, 4), new DateTime(2000, 1, 1), new DateTime(2000, 1, 10), default },
            values, "dates stay dates, within [first, last]; a missing value is default(DateTime)");
    }

    [TestMethod]
    public void ToDataView_ValuesFarOutsideTheDateRange_DoNotOverflowNearMinAndMaxValue()
    {
        var ml = new MLContext(seed: 1);
        var low = DateTime.MinValue.AddDays(1);
        var high = DateTime.MaxValue.Date;
        var table = Read(ml, low, high);
        var generated = WithValues(table, "When", -1e300, 1e300, double.MinValue, double.MaxValue, -7e10, 3e11);

        var values = DateTimeTable.Values<DateTime>(generated.ToDataView(), "When");

        CollectionAssert.AreEqual(new[] { low, high, low, high, low, high }, values);
        CollectionAssert.AreEqual(new[] { low, high }, DateTimeTable.Values<DateTime>(table.ToDataView(), "When"), "both ends come back exactly");
    }

    [TestMethod]
    public void RoundTrip_Milliseconds_SurviveExactlyUpToYear9999_AndMicrosecondsNear1970()
    {
        var ml = new MLContext(seed: 1);
        var millis = new[] { new DateTime(9999, 12, 31, 23, 59, 59, 999), new DateTime(1, 1, 1, 0, 0, 0, 1), new DateTime(2026, 12, 7, 18, 1, 2, 345) };
        var micros = new[] { new DateTime(2026, 12, 7, 18, 1, 2, 345, 678), new DateTime(1903, 1, 1, 0, 0, 0, 0, 1), new DateTime(2037, 12, 31, 23, 59, 59, 999, 999) };

        CollectionAssert.AreEqual(millis, DateTimeTable.Values<DateTime>(Read(ml, millis).ToDataView(), "When"));
        CollectionAssert.AreEqual(micros, DateTimeTable.Values<DateTime>(Read(ml, micros).ToDataView(), "When"));
    }

    [TestMethod]
    public void TextDeclaredDateTime_IsReadWithItsFormat_AndWrittenBackInIt()
    {
        var ml = new MLContext(seed: 1);
        var texts = new[] { "01/02/1850", "31/12/2150", "?", "15/06/2001" };
        var view = ml.Data.LoadFromEnumerable(texts.Select(t => new Texts { Joined = t }).ToList());
        var options = new TabularDataOptions { Metadata = TableMetadata.Empty.With("Joined", ColumnMetadata.DateTime(format: "dd/MM/yyyy")) };

        var table = TabularData.FromDataView(view, options);
        var joined = (ContinuousColumn)table["Joined"];
        Assert.AreEqual((new DateTime(1850, 2, 1) - DateTime.UnixEpoch).TotalSeconds, joined.Values[0]);
        Assert.IsTrue(joined.IsMissing(2));
        Assert.AreEqual(TextDataViewType.Instance, table.ToDataView().Schema["Joined"].Type);
        CollectionAssert.AreEqual(texts, DateTimeTable.Texts(table.ToDataView(), "Joined"), "the same text, in the same format; '?' stays the missing text");

        var shifted = WithValues(table, "Joined", joined.Values.Select(v => v + 3600).ToArray());
        CollectionAssert.AreEqual(texts, DateTimeTable.Texts(shifted.ToDataView(), "Joined"), "an hour later rounds back to the same day");
    }

    [TestMethod]
    public void TextDeclaredDateTime_ValueInAnotherFormat_ThrowsNamingColumnRowAndValue()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromEnumerable(new[] { "2001-01-05", "2001-13-40" }.Select(t => new Texts { Joined = t }).ToList());
        var options = new TabularDataOptions { Metadata = TableMetadata.Empty.With("Joined", ColumnMetadata.DateTime(format: "yyyy-MM-dd")) };

        var e = Assert.ThrowsExactly<FormatException>(() => TabularData.FromDataView(view, options));
        StringAssert.Contains(e.Message, "'Joined'");
        StringAssert.Contains(e.Message, "row 1");
        StringAssert.Contains(e.Message, "'2001-13-40'");
        StringAssert.Contains(e.Message, "yyyy-MM-dd");
    }

    [TestMethod]
    public void TextDeclaredDateTimeWithOffset_KeepsInstantsAndWritesTheMostFrequentOffset()
    {
        var ml = new MLContext(seed: 1);
        var texts = new[] { "2021-05-01T08:30:15-05:00", "2021-05-02T10:00:00-05:00", "2021-05-03T12:00:00+01:00" };
        var view = ml.Data.LoadFromEnumerable(texts.Select(t => new Texts { Joined = t }).ToList());
        var options = new TabularDataOptions { Metadata = TableMetadata.Empty.With("Joined", ColumnMetadata.DateTime(hasOffset: true, format: "yyyy-MM-ddTHH:mm:sszzz")) };

        var back = DateTimeTable.Texts(TabularData.FromDataView(view, options).ToDataView(), "Joined");

        CollectionAssert.AreEqual(new[] { texts[0], texts[1], "2021-05-03T06:00:00-05:00" }, back, "the same instants, each in the most frequent offset");
    }

    [TestMethod]
    public void DetectedMetadata_ReadsIsoTextDates_AndWritesTheSameTextBack()
    {
        var ml = new MLContext(seed: 1);
        var view = Metadata.MixedTable.Load(ml);
        var metadata = ml.Synthetic().Metadata.Detect(view);
        var options = new TabularDataOptions { Columns = ["Joined", "Stamp"], Metadata = metadata };

        var table = TabularData.FromDataView(view, options);

        Assert.AreEqual(ColumnKind.Continuous, table["Joined"].Kind, "ISO dates detected as yyyy-MM-dd are read as dates");
        Assert.AreEqual(TimeSpan.TicksPerDay, table.Schema.Columns[0].Temporal!.StepTicks);
        Assert.AreEqual(TemporalSource.TextWithOffset, table.Schema.Columns[1].Temporal!.Source);
        CollectionAssert.AreEqual(DateTimeTable.Texts(view, "Joined"), DateTimeTable.Texts(table.ToDataView(), "Joined"));
        CollectionAssert.AreEqual(DateTimeTable.Texts(view, "Stamp"), DateTimeTable.Texts(table.ToDataView(), "Stamp"), "one offset (-05:00) in every value: the same text");
    }

    [TestMethod]
    public void DeclaringADateTimeColumnCategorical_ThrowsNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromEnumerable(new[] { new Stamps { When = new DateTime(2000, 1, 1) } });
        var e = Assert.ThrowsExactly<ArgumentException>(() => TabularData.FromDataView(view, new TabularDataOptions { ColumnKinds = { ["When"] = ColumnKind.Categorical } }));
        StringAssert.Contains(e.Message, "'When'");
    }

    [TestMethod]
    public void Schema_SaveAndLoad_KeepsTypesStepsOffsetAndFormat()
    {
        var ml = new MLContext(seed: 1);
        var typed = TabularData.FromDataView(DateTimeTable.Load(ml, 100));
        var text = TabularData.FromDataView(
            ml.Data.LoadFromEnumerable(new[] { "2001-01-05 10:00", "2001-02-05 11:00" }.Select(t => new Texts { Joined = t }).ToList()),
            new TabularDataOptions { Metadata = TableMetadata.Empty.With("Joined", ColumnMetadata.DateTime(format: "yyyy-MM-dd HH:mm")) });

        foreach (var table in new[] { typed, text })
        {
            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                table.Schema.Write(writer);
            }

            stream.Position = 0;
            using var reader = new BinaryReader(stream);
            var loaded = TabularSchema.Read(reader);
            for (int i = 0; i < table.Schema.Columns.Count; i++)
            {
                var (a, b) = (table.Schema.Columns[i], loaded.Columns[i]);
                Assert.AreEqual(a.OriginalType, b.OriginalType, a.Name);
                Assert.AreEqual(a.Temporal, b.Temporal, a.Name);
                Assert.AreEqual(a.Min, b.Min, a.Name);
            }

            // The loaded schema writes the same values back.
            var again = new TabularData(loaded, table.Columns);
            CollectionAssert.AreEqual(DateTimeTable.Texts(ToText(table.ToDataView()), "Joined"), DateTimeTable.Texts(ToText(again.ToDataView()), "Joined"));
        }

        Assert.AreEqual(TimeSpan.TicksPerDay, typed.Schema.Columns[0].Temporal!.StepTicks);
        Assert.AreEqual(TimeSpan.TicksPerSecond, typed.Schema.Columns[1].Temporal!.StepTicks);
        Assert.AreEqual(TimeSpan.FromHours(2), typed.Schema.Columns[1].Temporal!.Offset);
        Assert.AreEqual(TimeSpan.TicksPerMinute, typed.Schema.Columns[2].Temporal!.StepTicks);
        Assert.AreEqual("yyyy-MM-dd HH:mm", text.Schema.Columns[0].Temporal!.Format);
        Assert.AreEqual(TimeSpan.TicksPerHour, text.Schema.Columns[0].Temporal!.StepTicks);
    }

    /// <summary>Every column's first value as text, one text column (a way to compare views of any types).</summary>
    private static IDataView ToText(IDataView view)
    {
        var texts = new List<Texts>();
        var columns = view.Schema.ToArray();
        using var cursor = view.GetRowCursor(columns);
        var getters = columns.Select(c => Getter(cursor, c)).ToArray();
        while (cursor.MoveNext())
        {
            texts.Add(new Texts { Joined = string.Join("|", getters.Select(g => g())) });
        }

        return new MLContext().Data.LoadFromEnumerable(texts);
    }

    private static Func<string> Getter(DataViewRowCursor cursor, DataViewSchema.Column c) => c.Type switch
    {
        DateTimeDataViewType => Of<DateTime>(cursor, c, v => v.ToString("o", CultureInfo.InvariantCulture)),
        DateTimeOffsetDataViewType => Of<DateTimeOffset>(cursor, c, v => v.ToString("o", CultureInfo.InvariantCulture)),
        TimeSpanDataViewType => Of<TimeSpan>(cursor, c, v => v.ToString("c", CultureInfo.InvariantCulture)),
        TextDataViewType => Of<ReadOnlyMemory<char>>(cursor, c, v => v.ToString()),
        _ when c.Type.RawType == typeof(double) => Of<double>(cursor, c, v => v.ToString("R", CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException(c.Type.ToString()),
    };

    private static Func<string> Of<T>(DataViewRowCursor cursor, DataViewSchema.Column c, Func<T, string> text)
    {
        var g = cursor.GetGetter<T>(c);
        T v = default!;
        return () => { g(ref v); return text(v); };
    }
}
