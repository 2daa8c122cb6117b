using Microsoft.ML.Synthetic.Constraints;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Constraints on <c>mlContext.Synthetic().Constraints</c>: rules every sampled row follows. Declare them in
/// <see cref="TabularDataOptions.Constraints"/> of a synthesizer's data options (and of <see cref="TabularDataOptions"/>
/// given to <c>Evaluate</c> to score them); see Constraints/README.md for how each is kept.
/// </summary>
/// <example><code>
/// var c = mlContext.Synthetic().Constraints;
/// var data = new TabularDataOptions { Constraints = [c.Inequality("checkin", "checkout"), c.FixedCombinations("city", "country")] };
/// var model = mlContext.Synthetic().Synthesizers.GaussianCopula(dataOptions: data).Fit(bookings);
/// </code></example>
public static class ConstraintCatalogExtensions
{
    /// <summary>
    /// <paramref name="low"/> ≤ <paramref name="high"/> in every row (&lt; when <paramref name="strict"/>), for two number
    /// columns (check-in before check-out). Modelled as <paramref name="low"/> and log(high − low + 1) (strict: log(high − low)), as SDV does.
    /// A row with either value missing follows the rule; when training rows have missing values there, the rule is kept by rejection alone.
    /// </summary>
    /// <param name="catalog">The constraint catalog.</param>
    /// <param name="low">The column that is not greater.</param>
    /// <param name="high">The column that is not smaller.</param>
    /// <param name="strict">Whether the two must differ (low &lt; high).</param>
    /// <param name="handling">How the rule is kept: <see cref="ConstraintHandling.Auto"/> (the default) chooses from the training rows; <see cref="ConstraintHandling.Transform"/> or <see cref="ConstraintHandling.Reject"/> forces one (see <see cref="ConstraintHandling"/>).</param>
    public static TableConstraint Inequality(this ConstraintCatalog catalog, string low, string high, bool strict = false, ConstraintHandling handling = ConstraintHandling.Auto)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return With(new OrderedColumnsConstraint(Names(low, high), strict), handling);
    }

    /// <summary>
    /// <paramref name="low"/> ≤ <paramref name="middle"/> ≤ <paramref name="high"/> in every row (&lt; when
    /// <paramref name="strict"/>), for three number columns; modelled as two chained inequalities.
    /// </summary>
    /// <param name="catalog">The constraint catalog.</param>
    /// <param name="low">The smallest column.</param>
    /// <param name="middle">The column in between.</param>
    /// <param name="high">The largest column.</param>
    /// <param name="strict">Whether neighbours must differ.</param>
    /// <param name="handling">How the rule is kept: <see cref="ConstraintHandling.Auto"/> (the default) chooses from the training rows; <see cref="ConstraintHandling.Transform"/> or <see cref="ConstraintHandling.Reject"/> forces one (see <see cref="ConstraintHandling"/>).</param>
    public static TableConstraint Range(this ConstraintCatalog catalog, string low, string middle, string high, bool strict = false, ConstraintHandling handling = ConstraintHandling.Auto)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return With(new OrderedColumnsConstraint(Names(low, middle, high), strict), handling);
    }

    /// <summary>
    /// <paramref name="lower"/> ≤ value ≤ <paramref name="upper"/> for a number column (&lt; when
    /// <paramref name="strict"/>); an infinite bound is no bound. Modelled as the logit of the value's place between
    /// the bounds (one bound: the log of its distance to it).
    /// </summary>
    /// <param name="catalog">The constraint catalog.</param>
    /// <param name="column">The number column.</param>
    /// <param name="lower">The smallest allowed value, or <see cref="double.NegativeInfinity"/>.</param>
    /// <param name="upper">The largest allowed value, or <see cref="double.PositiveInfinity"/>.</param>
    /// <param name="strict">Whether the bounds themselves are excluded.</param>
    /// <param name="handling">How the rule is kept: <see cref="ConstraintHandling.Auto"/> (the default) chooses from the training rows; <see cref="ConstraintHandling.Transform"/> or <see cref="ConstraintHandling.Reject"/> forces one (see <see cref="ConstraintHandling"/>).</param>
    /// <exception cref="ArgumentException">A bound is NaN, lower ≥ upper, or both bounds are infinite.</exception>
    public static TableConstraint ScalarRange(this ConstraintCatalog catalog, string column, double lower, double upper, bool strict = false, ConstraintHandling handling = ConstraintHandling.Auto)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (double.IsNaN(lower) || double.IsNaN(upper) || !(lower < upper) || (double.IsInfinity(lower) && double.IsInfinity(upper)))
        {
            throw new ArgumentException($"ScalarRange on column '{column}' needs lower < upper with at least one finite bound; got [{lower}, {upper}].", nameof(lower));
        }

        return With(new ScalarRangeConstraint(Names(column)[0], lower, upper, strict), handling);
    }

    /// <summary>Values of a number column are ≥ 0 (&gt; 0 when <paramref name="strict"/>), as SDV's Positive.</summary>
    /// <param name="catalog">The constraint catalog.</param>
    /// <param name="column">The number column.</param>
    /// <param name="strict">Whether zero is excluded.</param>
    /// <param name="handling">How the rule is kept: <see cref="ConstraintHandling.Auto"/> (the default) chooses from the training rows; <see cref="ConstraintHandling.Transform"/> or <see cref="ConstraintHandling.Reject"/> forces one (see <see cref="ConstraintHandling"/>).</param>
    public static TableConstraint Positive(this ConstraintCatalog catalog, string column, bool strict = false, ConstraintHandling handling = ConstraintHandling.Auto)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return With(new ScalarRangeConstraint(Names(column)[0], 0, double.PositiveInfinity, strict, "Positive"), handling);
    }

    /// <summary>Values of a number column are ≤ 0 (&lt; 0 when <paramref name="strict"/>), as SDV's Negative.</summary>
    /// <param name="catalog">The constraint catalog.</param>
    /// <param name="column">The number column.</param>
    /// <param name="strict">Whether zero is excluded.</param>
    /// <param name="handling">How the rule is kept: <see cref="ConstraintHandling.Auto"/> (the default) chooses from the training rows; <see cref="ConstraintHandling.Transform"/> or <see cref="ConstraintHandling.Reject"/> forces one (see <see cref="ConstraintHandling"/>).</param>
    public static TableConstraint Negative(this ConstraintCatalog catalog, string column, bool strict = false, ConstraintHandling handling = ConstraintHandling.Auto)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return With(new ScalarRangeConstraint(Names(column)[0], double.NegativeInfinity, 0, strict, "Negative"), handling);
    }

    /// <summary>
    /// The values of two or more categorical columns come only in the combinations seen in the training rows
    /// (city and country). Modelled as one categorical column of those combinations.
    /// </summary>
    /// <param name="catalog">The constraint catalog.</param>
    /// <param name="columns">Two or more categorical columns.</param>
    /// <param name="handling">How the rule is kept: <see cref="ConstraintHandling.Auto"/> (the default) chooses from the training rows; <see cref="ConstraintHandling.Transform"/> or <see cref="ConstraintHandling.Reject"/> forces one (see <see cref="ConstraintHandling"/>).</param>
    /// <exception cref="ArgumentException">Fewer than two columns, or a column named twice.</exception>
    public static TableConstraint FixedCombinations(this ConstraintCatalog catalog, string[] columns, ConstraintHandling handling = ConstraintHandling.Auto)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length < 2)
        {
            throw new ArgumentException($"FixedCombinations needs at least two columns; got {columns.Length}.", nameof(columns));
        }

        return With(new FixedCombinationsConstraint(Names(columns)), handling);
    }

    /// <summary>Every value of a number column is a whole multiple of <paramref name="increment"/> (prices in steps of 0.05). Modelled as value / increment, a whole number.</summary>
    /// <param name="catalog">The constraint catalog.</param>
    /// <param name="column">The number column.</param>
    /// <param name="increment">The step k &gt; 0.</param>
    /// <param name="handling">How the rule is kept: <see cref="ConstraintHandling.Auto"/> (the default) chooses from the training rows; <see cref="ConstraintHandling.Transform"/> or <see cref="ConstraintHandling.Reject"/> forces one (see <see cref="ConstraintHandling"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="increment"/> is not a positive finite number.</exception>
    public static TableConstraint FixedIncrements(this ConstraintCatalog catalog, string column, double increment, ConstraintHandling handling = ConstraintHandling.Auto)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!double.IsFinite(increment) || increment <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(increment), increment, $"FixedIncrements on column '{column}' needs a positive finite increment.");
        }

        return With(new FixedIncrementsConstraint(Names(column)[0], increment), handling);
    }

    /// <summary>
    /// A rule given as code: <paramref name="isValid"/> says whether a row follows it. It is kept by rejection, or, when
    /// <paramref name="column"/>, <paramref name="toModel"/> and <paramref name="fromModel"/> are given, the model sees that
    /// number column through <paramref name="toModel"/> and samples go back through <paramref name="fromModel"/> (its inverse)
    /// before the rule is checked. A model fitted with a custom rule cannot be saved (its Save throws naming the rule).
    /// </summary>
    /// <param name="catalog">The constraint catalog.</param>
    /// <param name="name">The rule's name in reports and messages.</param>
    /// <param name="isValid">Whether a row follows the rule.</param>
    /// <param name="column">The number column to map, or null for rejection alone.</param>
    /// <param name="toModel">The map into the model's space (finite on every training value).</param>
    /// <param name="fromModel">Its inverse.</param>
    /// <exception cref="ArgumentException">The name is empty, or only some of the column and the two maps are given.</exception>
    public static TableConstraint Custom(this ConstraintCatalog catalog, string name, Func<ConstraintRow, bool> isValid,
        string? column = null, Func<double, double>? toModel = null, Func<double, double>? fromModel = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(isValid);
        if ((column is null) != (toModel is null) || (toModel is null) != (fromModel is null))
        {
            throw new ArgumentException($"Custom constraint '{name}': give the column, the map into model space and its inverse together, or none of them.", nameof(column));
        }

        return new CustomConstraint(name, isValid, column, toModel, fromModel);
    }

    /// <summary>
    /// The values of two or more categorical columns come only in the combinations seen in the training rows
    /// (city and country). Modelled as one categorical column of those combinations.
    /// </summary>
    /// <param name="catalog">The constraint catalog.</param>
    /// <param name="columns">Two or more categorical columns.</param>
    /// <exception cref="ArgumentException">Fewer than two columns, or a column named twice.</exception>
    public static TableConstraint FixedCombinations(this ConstraintCatalog catalog, params string[] columns) =>
        FixedCombinations(catalog, columns, ConstraintHandling.Auto);

    private static TableConstraint With(TableConstraint rule, ConstraintHandling handling)
    {
        if (!Enum.IsDefined(handling))
        {
            throw new ArgumentOutOfRangeException(nameof(handling), handling, $"Constraint {rule.Name}: {handling} is not a {nameof(ConstraintHandling)} (Auto, Transform or Reject).");
        }

        rule.Handling = handling;
        return rule;
    }

    private static string[] Names(params string[] columns)
    {
        foreach (var c in columns)
        {
            ArgumentException.ThrowIfNullOrEmpty(c, nameof(columns));
        }

        if (columns.Distinct(StringComparer.Ordinal).Count() != columns.Length)
        {
            throw new ArgumentException($"A constraint names column '{columns.GroupBy(c => c, StringComparer.Ordinal).First(g => g.Count() > 1).Key}' twice.", nameof(columns));
        }

        return columns;
    }
}
