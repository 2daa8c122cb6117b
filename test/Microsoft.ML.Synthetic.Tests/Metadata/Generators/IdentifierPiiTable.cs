using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Metadata.Generators;

namespace Microsoft.ML.Synthetic.Tests.Metadata.Generators;

/// <summary>
/// A table with an integer id, a text id (<c>C-000123</c>), an e-mail, a phone and three modelled columns; the e-mail
/// has 10 % missing values. <see cref="Metadata"/> declares the four generated columns.
/// </summary>
internal static class IdentifierPiiTable
{
    public const int Rows = 400;

    public sealed class Row
    {
        public int CustomerId { get; set; }
        public string Code { get; set; } = "";
        public float X { get; set; }
        public string Email { get; set; } = "";
        public string Color { get; set; } = "";
        public string Phone { get; set; } = "";
        public int Count { get; set; }
    }

    public static TableMetadata Metadata { get; } = TableMetadata.Empty
        .With("CustomerId", ColumnMetadata.Identifier())
        .With("Code", ColumnMetadata.Identifier())
        .With("Email", ColumnMetadata.Pii(PiiType.Email))
        .With("Phone", ColumnMetadata.Pii(PiiType.Phone));

    public static TabularDataOptions Options { get; } = new() { Metadata = Metadata };

    public static List<Row> CreateRows()
    {
        var random = new Random(7);
        var rows = new List<Row>();
        for (int i = 0; i < Rows; i++)
        {
            double x = random.NextDouble() * 10;
            rows.Add(new Row
            {
                CustomerId = 5000 + (i * 3),
                Code = string.Create(CultureInfo.InvariantCulture, $"C-{100 + (i * 7):000000}"),
                X = (float)x,
                // Training e-mails include the generator's own style on its reserved domain, so rejection is exercised.
                Email = i % 10 == 0 ? "" : i % 2 == 0
                    ? $"{CommonNames.Given[i % 100].ToLowerInvariant()}.{CommonNames.Family[i / 4 % 100].ToLowerInvariant()}@example.com"
                    : string.Create(CultureInfo.InvariantCulture, $"user{i}@mail{i % 3}.org"),
                Color = x < 3 ? "red" : x < 7 ? "green" : "blue",
                Phone = string.Create(CultureInfo.InvariantCulture, $"+1 (555) {100 + (i % 900):000}-{i * 37 % 10000:0000}"),
                Count = random.Next(0, 5),
            });
        }

        return rows;
    }

    public static IDataView Load(MLContext ml) => ml.Data.LoadFromEnumerable(CreateRows());

    /// <summary>The non-empty values of a text column.</summary>
    public static string[] Texts(IDataView data, string column) =>
        data.GetColumn<ReadOnlyMemory<char>>(column).Select(m => m.ToString()).ToArray();
}
