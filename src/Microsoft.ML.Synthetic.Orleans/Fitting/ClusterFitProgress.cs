namespace Microsoft.ML.Synthetic;

/// <summary>Progress of a cluster fit, reported after every partition summarised or reassigned.</summary>
/// <param name="Pass">1 for the marginal statistics, 2 for the correlation statistics.</param>
/// <param name="PartitionsFinished">The partitions of this pass summarised so far.</param>
/// <param name="PartitionCount">All partitions (files).</param>
/// <param name="Reassignments">The partition attempts of this pass given to another silo so far.</param>
public sealed record ClusterFitProgress(int Pass, int PartitionsFinished, int PartitionCount, int Reassignments);
