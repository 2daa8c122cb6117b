using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Benchmarks.Deep;
using Microsoft.ML.Synthetic.Benchmarks.Privacy;

namespace Microsoft.ML.Synthetic.Benchmarks.Leaderboard;

/// <summary>
/// A real table the leaderboard runs on: its 80/20 split (seed 42; training rows and real holdout), the label the utility figures predict, and the
/// public metadata (bounds and categories known without looking at the rows) that the DP entries declare.
/// </summary>
internal sealed record LeaderboardTable(string Name, IDataView Train, IDataView Holdout, string Label,
    Action<DifferentialPrivacyOptions> DeclarePublicMetadata)
{
    /// <summary>The tables by name, in leaderboard order.</summary>
    public static readonly string[] Names = ["adult", "nltcs"];

    /// <summary>Rows of the training and holdout splits kept under <c>--quick</c>.</summary>
    private const int QuickTrainRows = 2000, QuickHoldoutRows = 1000;

    public static LeaderboardTable Load(string name, MLContext ml, bool quick) => name switch
    {
        "adult" => Shrink(Adult(ml), ml, quick),
        "nltcs" => Shrink(Nltcs(ml), ml, quick),
        _ => throw new ArgumentException($"No leaderboard table '{name}'; the tables are {string.Join(", ", Names)}.", nameof(name)),
    };

    private static LeaderboardTable Adult(MLContext ml)
    {
        var split = AdultSplit.Load(ml);
        return new LeaderboardTable("adult", split.TrainSet, split.TestSet, "income", DpTvaeBenchmarks.DeclareAdult);
    }

    /// <summary>
    /// NLTCS (see <c>Leaderboard/data/README.md</c>): 16 binary attributes read as categories "0"/"1", label
    /// <c>c15</c>; its public metadata is the file's own <c>nltcs.meta</c> (every column discrete with values 0 and 1).
    /// </summary>
    private static LeaderboardTable Nltcs(MLContext ml)
    {
        string[] names = Enumerable.Range(0, 16).Select(i => $"c{i}").ToArray();
        var columns = names.Select((n, i) => new TextLoader.Column(n, DataKind.String, i)).ToArray();
        string path = Path.Combine(AppContext.BaseDirectory, "data", "nltcs.dat");
        var data = ml.Data.LoadFromTextFile(path, columns, separatorChar: '\t', hasHeader: false);
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 42);
        return new LeaderboardTable("nltcs", split.TrainSet, split.TestSet, "c15", privacy =>
            privacy.PublicCategories = names.ToDictionary(n => n, _ => (IReadOnlyList<string>)["0", "1"]));
    }

    private static LeaderboardTable Shrink(LeaderboardTable table, MLContext ml, bool quick)
    {
        // A seeded shuffle before the cut: a file sorted by some column (NLTCS is) would otherwise give a subsample with
        // one label class.
        var train = quick ? ml.Data.TakeRows(ml.Data.ShuffleRows(table.Train, seed: 42, shufflePoolSize: 1_000_000), QuickTrainRows) : table.Train;
        var holdout = quick ? ml.Data.TakeRows(ml.Data.ShuffleRows(table.Holdout, seed: 42, shufflePoolSize: 1_000_000), QuickHoldoutRows) : table.Holdout;
        var cached = table with { Train = ml.Data.Cache(train), Holdout = ml.Data.Cache(holdout) };
        Fill(cached.Train);   // so that no entry's fit pays for parsing the file
        Fill(cached.Holdout);
        return cached;
    }

    private static void Fill(IDataView cache)
    {
        using var cursor = cache.GetRowCursor(cache.Schema);
        while (cursor.MoveNext())
        {
        }
    }
}
