namespace Microsoft.ML.Synthetic.Benchmarks;

/// <summary>
/// What the command-line selectors choose. A selector is a prefix of figure names: <c>ctgan</c>, <c>ctgan.epoch</c>
/// or a figure's full name <c>ctgan.epoch.adult</c>. A group runs when a selector is a prefix of its name, or when
/// the group's name is a prefix of the selector and no longer group's name also is (the longest matching group:
/// <c>report.wide_category.200k</c> runs group <c>report.wide_category</c>, not also group <c>report</c>). Within
/// the groups that run, a figure is printed only when its name starts with a selector, so a full figure name runs its
/// group and prints that figure alone. No selector: every group runs and every figure is printed.
/// </summary>
public sealed class FigureSelection
{
    private readonly IReadOnlyList<string> _selectors;

    /// <summary>Creates the selection of <paramref name="selectors"/> (none: everything).</summary>
    public FigureSelection(IReadOnlyList<string> selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        _selectors = selectors;
    }

    /// <summary>The selectors given on the command line.</summary>
    public IReadOnlyList<string> Selectors => _selectors;

    /// <summary>Whether <paramref name="group"/> runs, given every group name of the runner in <paramref name="groups"/>.</summary>
    public bool RunsGroup(string group, IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(groups);
        return _selectors.Count == 0 || _selectors.Any(s => group.StartsWith(s, StringComparison.Ordinal) ||
            (s.StartsWith(group, StringComparison.Ordinal) &&
             !groups.Any(g => g.Length > group.Length && s.StartsWith(g, StringComparison.Ordinal))));
    }

    /// <summary>Whether the figure of this full name is printed: its name starts with a selector.</summary>
    public bool Prints(string figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return _selectors.Count == 0 || _selectors.Any(s => figure.StartsWith(s, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether some figure whose name starts with <paramref name="stem"/> may be printed: a selector is a prefix of
    /// the stem, or the stem a prefix of a selector (<c>ctgan.epoch</c> is wanted under <c>ctgan.epoch.adult</c>).
    /// Benchmarks ask this before the work that produces those figures.
    /// </summary>
    public bool Wants(string stem)
    {
        ArgumentNullException.ThrowIfNull(stem);
        return _selectors.Count == 0 || _selectors.Any(s => stem.StartsWith(s, StringComparison.Ordinal) || s.StartsWith(stem, StringComparison.Ordinal));
    }

    /// <summary>
    /// Checks the selection rules on the runner's own group names; returns the failures (empty when all hold).
    /// <c>--list</c> runs it, so CI checks the rules on every build.
    /// </summary>
    public static IReadOnlyList<string> SelfCheck(IReadOnlyCollection<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var failures = new List<string>();
        void Expect(bool actual, bool expected, string what)
        {
            if (actual != expected) failures.Add($"{what}: expected {expected}, got {actual}");
        }

        foreach (string group in groups.Distinct())
        {
            string figure = group + ".some_figure";
            var byFigure = new FigureSelection([figure]);
            Expect(byFigure.RunsGroup(group, groups), true, $"selector '{figure}' runs group '{group}'");
            Expect(byFigure.Prints(figure), true, $"selector '{figure}' prints figure '{figure}'");
            Expect(byFigure.Prints(group + ".other"), false, $"selector '{figure}' prints figure '{group}.other'");
            Expect(byFigure.Wants(group), true, $"selector '{figure}' wants stem '{group}'");
            foreach (string shorter in groups.Where(g => g.Length < group.Length && group.StartsWith(g, StringComparison.Ordinal)))
                Expect(byFigure.RunsGroup(shorter, groups), false, $"selector '{figure}' runs the shorter group '{shorter}'");
            foreach (string other in groups.Where(g => !figure.StartsWith(g, StringComparison.Ordinal) && !g.StartsWith(figure, StringComparison.Ordinal)))
                Expect(byFigure.RunsGroup(other, groups), false, $"selector '{figure}' runs unrelated group '{other}'");
            Expect(new FigureSelection([group]).RunsGroup(group, groups), true, $"selector '{group}' runs its group");
        }

        var everything = new FigureSelection([]);
        Expect(groups.All(g => everything.RunsGroup(g, groups) && everything.Prints(g) && everything.Wants(g)), true, "no selector selects everything");
        var full = new FigureSelection(["ctgan.epoch.adult"]);
        Expect(full.Wants("ctgan.epoch"), true, "selector 'ctgan.epoch.adult' wants stem 'ctgan.epoch'");
        Expect(full.Wants("ctgan.sample"), false, "selector 'ctgan.epoch.adult' wants stem 'ctgan.sample'");
        Expect(full.Prints("ctgan.epoch.adult"), true, "selector 'ctgan.epoch.adult' prints 'ctgan.epoch.adult'");
        Expect(full.Prints("ctgan.epoch"), false, "selector 'ctgan.epoch.adult' prints 'ctgan.epoch'");
        return failures;
    }
}
