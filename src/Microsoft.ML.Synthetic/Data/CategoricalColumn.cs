namespace Microsoft.ML.Synthetic;

/// <summary>
/// A categorical column: one integer code per row (an index into <see cref="Categories"/>), -1 where missing.
/// </summary>
public sealed class CategoricalColumn : TableColumn
{
    private Dictionary<string, int>? _index;

    /// <summary>Creates a categorical column over <paramref name="codes"/> (not copied).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="codes">One code per row: -1 for missing, else an index into <paramref name="categories"/>.</param>
    /// <param name="categories">The text of each category, as it appears in the source data.</param>
    public CategoricalColumn(string name, int[] codes, IReadOnlyList<string> categories)
        : base(name, ColumnKind.Categorical)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(categories);
        Codes = codes;
        Categories = categories;
    }

    /// <summary>The code of each row: -1 for missing, else an index into <see cref="Categories"/>.</summary>
    public int[] Codes { get; }

    /// <summary>The text of each category.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The number of categories.</summary>
    public int CategoryCount => Categories.Count;

    /// <inheritdoc/>
    public override int Length => Codes.Length;

    /// <inheritdoc/>
    public override int MissingCount => Codes.Count(c => c < 0);

    /// <inheritdoc/>
    public override bool IsMissing(int row) => Codes[row] < 0;

    /// <summary>How many rows hold each category (missing rows are not counted).</summary>
    public int[] CountByCategory()
    {
        var counts = new int[CategoryCount];
        foreach (var c in Codes)
        {
            if (c >= 0)
            {
                counts[c]++;
            }
        }

        return counts;
    }

    /// <summary>The code of <paramref name="category"/> (ordinal comparison), or -1 when it is not a category.</summary>
    public int IndexOf(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        _index ??= Categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        return _index.TryGetValue(category, out var i) ? i : -1;
    }

    /// <summary>
    /// This column over another category list that holds every one of its categories (a superset, in any order): each
    /// row keeps its text, missing stays missing.
    /// </summary>
    /// <exception cref="ArgumentException">A category of this column is not in <paramref name="categories"/>.</exception>
    internal CategoricalColumn Recode(IReadOnlyList<string> categories)
    {
        var target = new Dictionary<string, int>(categories.Count, StringComparer.Ordinal);
        for (int k = 0; k < categories.Count; k++)
        {
            target.TryAdd(categories[k], k);
        }

        var map = new int[CategoryCount];
        for (int k = 0; k < map.Length; k++)
        {
            if (!target.TryGetValue(Categories[k], out map[k]))
            {
                throw new ArgumentException($"Column '{Name}': category '{Categories[k]}' is not in the target category list.", nameof(categories));
            }
        }

        var codes = new int[Codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = Codes[i] < 0 ? -1 : map[Codes[i]];
        }

        return new CategoricalColumn(Name, codes, categories);
    }

    /// <inheritdoc/>
    public override TableColumn SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var codes = new int[rows.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = Codes[rows[i]];
        }

        return new CategoricalColumn(Name, codes, Categories);
    }

    /// <inheritdoc/>
    public override TableColumn Concat(TableColumn other)
    {
        if (other is not CategoricalColumn c || c.Name != Name || !c.Categories.SequenceEqual(Categories))
        {
            throw new ArgumentException($"Column '{Name}' is categorical; it can only be joined with a column of the same name and categories.", nameof(other));
        }

        return new CategoricalColumn(Name, [.. Codes, .. c.Codes], Categories);
    }

    /// <inheritdoc/>
    internal override TableColumn Concat(IReadOnlyList<TableColumn> pieces)
    {
        var codes = new int[pieces.Sum(p => p.Length)];
        int at = 0;
        foreach (var piece in pieces)
        {
            if (piece is not CategoricalColumn c || c.Name != Name || !ReferenceEquals(c.Categories, Categories) && !c.Categories.SequenceEqual(Categories))
            {
                throw new ArgumentException($"Column '{Name}' is categorical; it can only be joined with a column of the same name and categories.", nameof(pieces));
            }

            c.Codes.CopyTo(codes.AsSpan(at));
            at += c.Codes.Length;
        }

        return new CategoricalColumn(Name, codes, Categories);
    }
}
