namespace Microsoft.ML.Synthetic.AutoTrain.Validation;

/// <summary>
/// Which rows form the held-out part of each fold: k-fold cross-validation over a seeded permutation of the rows
/// (fold sizes differ by at most one), or one holdout split when there is a single fold.
/// </summary>
internal sealed class FoldPlan
{
    private readonly int[] _foldOfRow;

    private FoldPlan(int[] foldOfRow, int folds)
    {
        _foldOfRow = foldOfRow;
        Folds = folds;
    }

    /// <summary>The number of folds (1 for a holdout split).</summary>
    public int Folds { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => _foldOfRow.Length;

    /// <summary>k folds over <paramref name="rows"/> rows, or (k = 1) a holdout of <paramref name="holdoutFraction"/> of them.</summary>
    public static FoldPlan Create(int rows, int folds, double holdoutFraction, int seed)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        new Random(seed).Shuffle(order);
        var foldOfRow = new int[rows];
        if (folds == 1)
        {
            int held = (int)Math.Round(rows * holdoutFraction);
            for (int i = 0; i < rows; i++) foldOfRow[order[i]] = i < held ? 0 : -1;
        }
        else
        {
            for (int i = 0; i < rows; i++) foldOfRow[order[i]] = i % folds;
        }

        return new FoldPlan(foldOfRow, folds);
    }

    /// <summary>A mask of the held-out rows of fold <paramref name="fold"/>.</summary>
    public bool[] HeldOut(int fold) => _foldOfRow.Select(f => f == fold).ToArray();

    /// <summary>A mask of the training rows of fold <paramref name="fold"/>.</summary>
    public bool[] Training(int fold) => _foldOfRow.Select(f => f != fold).ToArray();
}
