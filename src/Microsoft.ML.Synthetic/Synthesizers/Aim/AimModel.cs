using System.Runtime.CompilerServices;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Privacy.Marginals;
using Microsoft.ML.Synthetic.Synthesizers;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A fitted AIM synthesizer: a Private-PGM graphical model on a junction tree over the columns' public cells
/// (categories, or bins of number columns), estimated from the noisy marginals AIM measured. Sampling draws each
/// block's cells as the reference does (variables in reverse elimination order, each from its conditional given the
/// drawn variables it shares a clique with, rounded within each group of rows), then a value per cell: the category,
/// or a number uniformly within the bin. Samples conditioned on one category of one categorical column are drawn
/// exactly, from the model with that evidence. Saved and loaded with format name <c>Aim</c>.
/// </summary>
public sealed class AimModel : SynthesizerModelBase, IPrivacyLedgerSource
{
    internal const string Format = "Aim";

    /// <summary>The version of the body <see cref="SaveContents"/> writes.</summary>
    internal const int FormatVersion = 1;

    private readonly ColumnCells[] _cells;
    private readonly int[][] _measured;
    private readonly JunctionTreeModel _model;
    private readonly double[][] _theta;
    private readonly double _total;
    private readonly JunctionTreeSampler _unconditional;
    private readonly ConditionalWeakTable<ResolvedConditions, JunctionTreeSampler> _samplers = new();

    internal AimModel(TabularSchema schema, ColumnCells[] cells, int[][] measured, double[][] theta, double total, IReadOnlyList<PrivacyLedgerEntry> ledger)
        : this(schema, cells, measured, new JunctionTreeModel([.. cells.Select(c => c.Count)], measured), theta, total, ledger)
    {
    }

    private AimModel(TabularSchema schema, ColumnCells[] cells, int[][] measured, JunctionTreeModel model, double[][] theta, double total, IReadOnlyList<PrivacyLedgerEntry> ledger)
        : base(schema)
    {
        _cells = cells;
        _measured = measured;
        _model = model;
        _theta = theta;
        _total = total;
        PrivacyLedgerEntries = ledger;
        Marginals = model.Marginals(theta, total);
        _unconditional = new JunctionTreeSampler(model, Marginals);
    }

    /// <inheritdoc/>
    public IReadOnlyList<PrivacyLedgerEntry> PrivacyLedgerEntries { get; }

    /// <summary>The marginals AIM measured, in the order measured (the one-way marginals first), by column name.</summary>
    public IReadOnlyList<IReadOnlyList<string>> MeasuredMarginals =>
        [.. _measured.Select(m => (IReadOnlyList<string>)[.. m.Select(v => ModelSchema.Columns[v].Name)])];

    /// <inheritdoc/>
    private protected override string FormatName => Format;

    internal JunctionTreeModel Model => _model;

    /// <summary>The public cells of each column.</summary>
    internal IReadOnlyList<ColumnCells> Cells => _cells;

    /// <summary>The model's clique marginals, scaled to its estimated total.</summary>
    internal double[][] Marginals { get; }

    /// <inheritdoc/>
    private protected override TabularData GenerateBlock(int rowCount, ResolvedConditions? conditions, Random random)
    {
        int fixedColumn = -1, fixedCode = -1;
        var sampler = _unconditional;
        if (conditions is not null)
        {
            (fixedColumn, fixedCode) = ColumnCells.SingleCategory(conditions, "AIM", "exactly, from the model with that evidence");
            int column = fixedColumn, code = fixedCode;
            sampler = _samplers.GetValue(conditions, _ => new JunctionTreeSampler(_model, _model.Marginals(_model.WithEvidence(_theta, column, code), _total)));
        }

        var rng = Xoshiro256StarStar.From(random);
        int p = ModelSchema.Columns.Count;
        var drawn = new int[p][];
        for (int c = 0; c < p; c++)
        {
            drawn[c] = new int[rowCount];
        }

        sampler.DrawRounded(rng, rowCount, drawn);
        return ColumnCells.DecodeTable(ModelSchema, _cells, drawn, rowCount, rng, fixedColumn: fixedColumn, fixedCode: fixedCode);
    }

    /// <inheritdoc/>
    private protected override void SaveContents(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        LedgerRecords.Write(writer, PrivacyLedgerEntries);
        foreach (var cells in _cells)
        {
            cells.Write(writer);
        }

        writer.Write(_measured.Length);
        foreach (var m in _measured)
        {
            writer.Write(m.Length);
            foreach (var v in m)
            {
                writer.Write(v);
            }
        }

        writer.Write(_total);
        foreach (var table in _theta)
        {
            foreach (var v in table)
            {
                writer.Write(v);
            }
        }
    }

    /// <summary>Reads what <see cref="SaveContents"/> wrote, validating every field against <paramref name="schema"/>.</summary>
    internal static AimModel Read(ModelReader reader, TabularSchema schema)
    {
        int p = schema.Columns.Count;
        var ledger = LedgerRecords.Read(reader);
        var cells = new ColumnCells[p];
        for (int c = 0; c < p; c++)
        {
            using var part = reader.Part($"column '{schema.Columns[c].Name}'");
            cells[c] = ColumnCells.Read(reader, schema.Columns[c]);
        }

        var measured = new int[reader.ReadInt32("measured marginals", p, 1_000_000)][];
        for (int i = 0; i < measured.Length; i++)
        {
            measured[i] = new int[reader.ReadInt32("marginal columns", 1, p)];
            for (int k = 0; k < measured[i].Length; k++)
            {
                measured[i][k] = reader.ReadInt32("marginal column", 0, p - 1);
                reader.Check(k == 0 || measured[i][k] > measured[i][k - 1], $"measured marginal {i} does not list its columns in increasing order");
            }
        }

        double total = reader.ReadFinite("total");
        reader.Check(total > 0, "the model's total is not positive");
        JunctionTreeModel model;
        try
        {
            model = new JunctionTreeModel([.. cells.Select(c => c.Count)], measured, (long)(16_384.0 * (1 << 20) / 8));
        }
        catch (ArgumentException e)
        {
            throw reader.Corrupt(e.Message);
        }

        reader.CheckCount("potential cells", model.TotalCells, int.MaxValue, sizeof(double));
        var theta = new double[model.Cliques.Length][];
        for (int c = 0; c < theta.Length; c++)
        {
            theta[c] = reader.ReadDoubles("potential", model.CliqueSize(c));
            reader.Check(theta[c].All(double.IsFinite), $"clique {c}'s potential holds a non-finite value");
        }

        return new AimModel(schema, cells, measured, model, theta, total, ledger);
    }
}
