using Microsoft.ML.Synthetic.Constraints;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Synthesizers.Steps;

/// <summary>
/// The fitted steps between the user's table and the table a synthesizer models, in order, and the row rules
/// (constraints) every sampled row must follow. A synthesizer fits on <see cref="ModelSchema"/>'s table; its
/// generated rows go back through <see cref="Reverse"/> and are kept only when <see cref="Accept"/> says so
/// (<see cref="ConstrainedSampler"/> redraws the rest). Saved after the synthesizer's own contents (see README.md).
/// </summary>
internal sealed class TableSteps
{
    /// <summary>The version of the part <see cref="Write"/> writes (2 adds each rule's <see cref="ConstraintHandling"/>; version 1 is read as <see cref="ConstraintHandling.Auto"/>).</summary>
    internal const int FormatVersion = 2;
    private const string Tag = "table-steps";

    /// <summary>The fewest bytes the part takes (tag, version, an empty schema, two counts): fewer bytes after a synthesizer's contents are left over, not steps.</summary>
    internal const int MinBytes = 1 + 11 + 4 + 4 + 4 + 4;

    private long _drawn, _accepted;

    public TableSteps(TabularSchema userSchema, IReadOnlyList<TableStep> steps, IReadOnlyList<TableConstraint> rules)
    {
        UserSchema = userSchema;
        Steps = steps;
        Rules = rules;
        ModelSchema = steps.Count == 0 ? userSchema : steps[^1].After;
        ChangedColumns = steps.SelectMany(s => s.ChangedColumns).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The user's table: what samples have.</summary>
    public TabularSchema UserSchema { get; }

    /// <summary>The table the synthesizer models.</summary>
    public TabularSchema ModelSchema { get; }

    /// <summary>The steps, from the user's side to the model's.</summary>
    public IReadOnlyList<TableStep> Steps { get; }

    /// <summary>The rules every sampled row must follow (fitted on the training rows).</summary>
    public IReadOnlyList<TableConstraint> Rules { get; }

    /// <summary>Rows drawn from the synthesizer and rows accepted, over every sampling call so far (for the acceptance rate the benchmarks report).</summary>
    internal (long Drawn, long Accepted) Draws => (Interlocked.Read(ref _drawn), Interlocked.Read(ref _accepted));

    /// <summary>The user's columns whose values the model does not see as they are.</summary>
    public IReadOnlySet<string> ChangedColumns { get; }

    /// <summary>Adds one sampling call's drawn and accepted rows to <see cref="Draws"/>.</summary>
    internal void CountDraws(long drawn, long accepted)
    {
        Interlocked.Add(ref _drawn, drawn);
        Interlocked.Add(ref _accepted, accepted);
    }

    /// <summary>Generated rows of <see cref="ModelSchema"/> back to the user's table.</summary>
    public TabularData Reverse(TabularData modelRows, Random random)
    {
        for (int i = Steps.Count - 1; i >= 0; i--)
        {
            modelRows = Steps[i].Reverse(modelRows, random);
        }

        return modelRows;
    }

    /// <summary>
    /// The conditions the synthesizer can honour itself: those on columns no step changes, re-indexed to
    /// <see cref="ModelSchema"/>. The others are checked on the user's rows by <see cref="Accept"/>.
    /// </summary>
    public ResolvedConditions? ModelConditions(ResolvedConditions? user)
    {
        if (user is null)
        {
            return null;
        }

        var mapped = new List<ResolvedCondition>();
        foreach (var c in user.Items)
        {
            var name = UserSchema.Columns[c.ColumnIndex].Name;
            int index = ModelSchema.IndexOf(name);
            if (!ChangedColumns.Contains(name) && index >= 0)
            {
                mapped.Add(c with { ColumnIndex = index });
            }
        }

        return mapped.Count == 0 ? null : new ResolvedConditions(ModelSchema.Columns.Count, mapped);
    }

    /// <summary>
    /// Which rows of <paramref name="rows"/> (the user's table) follow every rule and condition and hold only finite or
    /// missing numbers; <paramref name="rejectedBy"/>[i] counts the rows rule i was the first to reject (the last entry:
    /// the conditions and non-finite values).
    /// </summary>
    public bool[] Accept(TabularData rows, ResolvedConditions? conditions, long[] rejectedBy)
    {
        var valid = new bool[rows.RowCount];
        Array.Fill(valid, true);
        int accepted = valid.Length;
        for (int i = 0; i < Rules.Count; i++)
        {
            Rules[i].MarkViolations(rows, valid);
            int now = valid.Count(v => v);
            rejectedBy[i] += accepted - now;
            accepted = now;
        }

        for (int r = 0; r < valid.Length; r++)
        {
            if (valid[r] && !Holds(rows, conditions, r))
            {
                valid[r] = false;
                rejectedBy[^1]++;
            }
        }

        return valid;
    }

    private static bool Holds(TabularData rows, ResolvedConditions? conditions, int r)
    {
        foreach (var column in rows.Columns)
        {
            if (column is ContinuousColumn c && double.IsInfinity(c.Values[r]))
            {
                return false;
            }
        }

        if (conditions is null)
        {
            return true;
        }

        foreach (var c in conditions.Items)
        {
            var column = rows.Columns[c.ColumnIndex];
            double value = column is CategoricalColumn cat ? cat.Codes[r] : ((ContinuousColumn)column).Values[r];
            if (!c.IsSatisfiedBy(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws when a step or rule is user code, naming it: delegates cannot be saved.</summary>
    public void ThrowIfCannotSave()
    {
        var unsaved = Rules.Where(r => !r.CanSave).Select(r => r.Name).Concat(Steps.Where(s => !s.CanSave).Select(s => s.Description)).ToList();
        if (unsaved.Count > 0)
        {
            throw new NotSupportedException($"This synthesizer cannot be saved: it was fitted with {string.Join(", ", unsaved)}, which is code (a delegate) and cannot be written to a file. Keep the model in memory, or express the rule with the built-in constraints (Inequality, Range, ScalarRange, Positive, Negative, FixedCombinations, FixedIncrements).");
        }
    }

    /// <summary>Writes the tag and version, the user's schema, each step (format, model-side schema but for the last, state) and each rule.</summary>
    public void Write(BinaryWriter writer)
    {
        ThrowIfCannotSave();
        writer.Write(Tag);
        writer.Write(FormatVersion);
        UserSchema.Write(writer);
        writer.Write(Steps.Count);
        for (int i = 0; i < Steps.Count; i++)
        {
            writer.Write(Steps[i].Format);
            if (i < Steps.Count - 1)
            {
                Steps[i].After.Write(writer);
            }

            Steps[i].WriteState(writer);
        }

        writer.Write(Rules.Count);
        foreach (var rule in Rules)
        {
            writer.Write(rule.Format);
            rule.Write(writer);
            writer.Write((int)rule.Handling);
        }
    }

    /// <summary>The tag that opens the part <see cref="Write"/> writes.</summary>
    internal const string PartTag = Tag;

    /// <summary>
    /// Reads what <see cref="Write"/> wrote; <paramref name="modelSchema"/> is the schema the synthesizer was read with;
    /// <paramref name="tag"/> is the part's tag when the caller has read it already.
    /// </summary>
    public static TableSteps Read(ModelReader reader, TabularSchema modelSchema, string? tag = null)
    {
        using var part = reader.Part("table steps");
        reader.Check((tag ?? reader.ReadString("tag", 64)) == Tag, "the part after the synthesizer is not its table steps");
        int version = reader.ReadInt32("version");
        reader.Check(version is 1 or FormatVersion, $"table steps version {version} is not one this library reads (it reads versions 1 to {FormatVersion}); a newer SyntheticML may have written it");
        var user = TabularSchema.Read(reader);
        var steps = new TableStep[reader.ReadCount("step count", ModelFileLimits.MaxColumns, 2)];
        var before = user;
        for (int i = 0; i < steps.Length; i++)
        {
            using var step = reader.Part($"step {i}");
            var format = reader.ReadString("format", 64);
            var after = i < steps.Length - 1 ? TabularSchema.Read(reader) : modelSchema;
            steps[i] = TableStepFormats.Read(reader, format, before, after);
            before = after;
        }

        reader.Check(steps.Length > 0 || SameColumns(user, modelSchema), "with no steps, the user's columns differ from the model's");
        var rules = new TableConstraint[reader.ReadCount("rule count", ModelFileLimits.MaxColumns, 2)];
        for (int i = 0; i < rules.Length; i++)
        {
            using var rule = reader.Part($"rule {i}");
            rules[i] = ConstraintFormats.Read(reader, reader.ReadString("format", 64), user);
            if (version >= 2)
            {
                rules[i].Handling = (ConstraintHandling)reader.ReadInt32("handling", 0, (int)ConstraintHandling.Reject);
            }
        }

        return new TableSteps(user, steps, rules);
    }

    private static bool SameColumns(TabularSchema a, TabularSchema b) =>
        a.Columns.Count == b.Columns.Count && a.Columns.Zip(b.Columns).All(p => p.First.Name == p.Second.Name && p.First.Kind == p.Second.Kind && p.First.Categories.Count == p.Second.Categories.Count);
}
