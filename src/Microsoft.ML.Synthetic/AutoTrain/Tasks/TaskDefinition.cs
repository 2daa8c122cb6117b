using Microsoft.ML.Synthetic.AutoTrain.Trainers;

namespace Microsoft.ML.Synthetic.AutoTrain.Tasks;

/// <summary>What differs between tasks: trainers, metrics, the label's type and the checks on each fold.</summary>
internal abstract class TaskDefinition
{
    /// <summary>The task.</summary>
    public abstract AutoTrainTask Task { get; }

    /// <summary>The metric used when none is given.</summary>
    public abstract AutoTrainMetric DefaultMetric { get; }

    /// <summary>The metrics this task can optimize.</summary>
    public abstract IReadOnlyList<AutoTrainMetric> Metrics { get; }

    /// <summary>The trainers named (all when null), cheapest first.</summary>
    public abstract IReadOnlyList<TrainerCandidate> Candidates(IEnumerable<string>? names);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the label column when its type does not fit the task.</summary>
    public abstract void ValidateLabel(string labelColumnName, ColumnInfo label);

    /// <summary>Throws when a fold cannot be trained or scored (one class, constant label, …).</summary>
    public abstract void CheckFold(IDataView training, IDataView heldOut, string labelColumnName, AutoTrainMetric metric, int fold);

    /// <summary>The metric on scored held-out rows.</summary>
    public abstract double Compute(IDataView scored, string labelColumnName, AutoTrainMetric metric);

    /// <summary>The definition of <paramref name="task"/>.</summary>
    public static TaskDefinition For(AutoTrainTask task) => task switch
    {
        AutoTrainTask.BinaryClassification => new BinaryTask(),
        AutoTrainTask.MulticlassClassification => new MulticlassTask(),
        AutoTrainTask.Regression => new RegressionTask(),
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task."),
    };

    /// <summary>Reads one column of a view as an array.</summary>
    protected static List<T> Read<T>(IDataView view, string column)
    {
        var c = view.Schema[column];
        var values = new List<T>();
        using var cursor = view.GetRowCursor([c]);
        var getter = cursor.GetGetter<T>(c);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }

        return values;
    }
}
