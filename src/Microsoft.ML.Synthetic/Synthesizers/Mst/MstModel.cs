using System.Runtime.CompilerServices;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Privacy.Marginals;
using Microsoft.ML.Synthetic.Synthesizers;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A fitted MST synthesizer: a tree-structured graphical model over the columns' public cells (categories, or bins of
/// number columns), estimated by Private-PGM from noisy one- and two-way marginals. Sampling draws each block's cells
/// along the tree as the reference does (the model's marginal times the block's rows, rounded, then the conditional
/// within each group of rows sharing the parent's value, shuffled), then a value per cell: the category, or a number uniformly within the bin (a
/// whole number uniformly among those the bin holds). Samples conditioned on one category of one categorical column
/// are drawn exactly, by rooting the tree at that column. Saved and loaded with format name <c>Mst</c>.
/// </summary>
public sealed class MstModel : SynthesizerModelBase, IPrivacyLedgerSource
{
    internal const string Format = "Mst";

    /// <summary>The version of the body <see cref="SaveContents"/> writes.</summary>
    internal const int FormatVersion = 1;

    private readonly ColumnCells[] _cells;
    private readonly DomainCompression[] _maps;
    private readonly ForestModel _model;
    private readonly double[][] _marginals;
    private readonly ForestSampler _unconditional;
    private readonly ConditionalWeakTable<ResolvedConditions, ForestSampler> _samplers = new();

    internal MstModel(TabularSchema schema, ColumnCells[] cells, DomainCompression[] maps, ForestModel model, double[][] marginals, IReadOnlyList<PrivacyLedgerEntry> ledger)
        : base(schema)
    {
        _cells = cells;
        _maps = maps;
        _model = model;
        _marginals = marginals;
        PrivacyLedgerEntries = ledger;
        _unconditional = new ForestSampler(model, marginals);
    }

    /// <inheritdoc/>
    public IReadOnlyList<PrivacyLedgerEntry> PrivacyLedgerEntries { get; }

    /// <summary>The column pairs of the tree whose two-way marginals were measured, by column name.</summary>
    public IReadOnlyList<(string First, string Second)> TreeEdges =>
        [.. _model.Cliques.Where(c => c.Length == 2).Select(c => (ModelSchema.Columns[c[0]].Name, ModelSchema.Columns[c[1]].Name))];

    /// <inheritdoc/>
    private protected override string FormatName => Format;

    internal ForestModel Model => _model;

    /// <summary>The public cells of each column (for measuring marginals on the model's own domain).</summary>
    internal IReadOnlyList<ColumnCells> Cells => _cells;

    internal double[][] Marginals => _marginals;

    /// <inheritdoc/>
    private protected override TabularData GenerateBlock(int rowCount, ResolvedConditions? conditions, Random random)
    {
        int fixedColumn = -1, fixedCode = -1;
        var sampler = _unconditional;
        if (conditions is not null)
        {
            (fixedColumn, fixedCode) = ColumnCells.SingleCategory(conditions, "MST", "the tree is re-rooted there, so the draw is exact");
            int column = fixedColumn;
            sampler = _samplers.GetValue(conditions, _ => new ForestSampler(_model, _marginals, column));
        }

        var rng = Xoshiro256StarStar.From(random);
        int p = ModelSchema.Columns.Count;
        var drawn = new int[p][];
        for (int c = 0; c < p; c++)
        {
            drawn[c] = new int[rowCount];
        }

        int rootCell = fixedColumn >= 0 ? _maps[fixedColumn].ToCompressed[fixedCode] : -1;
        sampler.DrawRounded(rng, rowCount, drawn, rootCell);
        return ColumnCells.DecodeTable(ModelSchema, _cells, drawn, rowCount, rng, _maps, fixedColumn, fixedCode);
    }

    /// <inheritdoc/>
    private protected override void SaveContents(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        LedgerRecords.Write(writer, PrivacyLedgerEntries);

        for (int c = 0; c < _cells.Length; c++)
        {
            _cells[c].Write(writer);
            _maps[c].Write(writer);
        }

        var edges = _model.Cliques.Where(c => c.Length == 2).ToArray();
        writer.Write(edges.Length);
        foreach (var e in edges)
        {
            writer.Write(e[0]);
            writer.Write(e[1]);
        }

        foreach (var table in _marginals)
        {
            foreach (var v in table)
            {
                writer.Write(v);
            }
        }
    }

    /// <summary>Reads what <see cref="SaveContents"/> wrote, validating every field against <paramref name="schema"/>.</summary>
    internal static MstModel Read(ModelReader reader, TabularSchema schema)
    {
        int p = schema.Columns.Count;
        var ledger = LedgerRecords.Read(reader);

        var cells = new ColumnCells[p];
        var maps = new DomainCompression[p];
        for (int c = 0; c < p; c++)
        {
            using var part = reader.Part($"column '{schema.Columns[c].Name}'");
            cells[c] = ColumnCells.Read(reader, schema.Columns[c]);
            maps[c] = DomainCompression.Read(reader, cells[c].Count);
        }

        int edgeCount = reader.ReadInt32("tree edges", 0, p - 1);
        var edges = new (int, int)[edgeCount];
        for (int i = 0; i < edgeCount; i++)
        {
            edges[i] = (reader.ReadInt32("edge column", 0, p - 1), reader.ReadInt32("edge column", 0, p - 1));
            reader.Check(edges[i].Item1 < edges[i].Item2, $"tree edge {i} does not list its columns in increasing order");
        }

        ForestModel model;
        try
        {
            model = new ForestModel(maps.Select(m => m.Size).ToArray(), edges);
        }
        catch (ArgumentException e)
        {
            throw reader.Corrupt(e.Message);
        }

        reader.CheckCount("marginal cells", model.TotalCells, int.MaxValue, sizeof(double));
        var marginals = new double[model.Cliques.Length][];
        for (int c = 0; c < marginals.Length; c++)
        {
            marginals[c] = reader.ReadDoubles("marginal", model.CliqueSize(c));
            reader.Check(marginals[c].All(v => double.IsFinite(v) && v >= 0), $"clique {c}'s marginal holds a negative or non-finite value");
        }

        return new MstModel(schema, cells, maps, model, marginals, ledger);
    }
}
