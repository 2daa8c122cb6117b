namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>Which leaf of a tree each of the first <c>n</c> rows falls into, and the rows of each leaf (grouped by node).</summary>
internal sealed class LeafMembership
{
    private LeafMembership(int[] leafOfRow, int[] start, int[] rows)
    {
        LeafOfRow = leafOfRow;
        Start = start;
        Rows = rows;
    }

    /// <summary>The leaf node of each row.</summary>
    public int[] LeafOfRow { get; }

    /// <summary>Rows of node <c>v</c> are <c>Rows[Start[v] .. Start[v + 1])</c>, ascending.</summary>
    public int[] Start { get; }

    public int[] Rows { get; }

    public int Count(int node) => Start[node + 1] - Start[node];

    public static LeafMembership Of(DecisionTree tree, int[][] codes, bool[] categorical, int n)
    {
        var leafOf = new int[n];
        var start = new int[tree.NodeCount + 1];
        for (int row = 0; row < n; row++)
        {
            leafOf[row] = tree.LeafOf(codes, categorical, row);
            start[leafOf[row] + 1]++;
        }

        for (int v = 0; v < tree.NodeCount; v++)
        {
            start[v + 1] += start[v];
        }

        var next = (int[])start.Clone();
        var rows = new int[n];
        for (int row = 0; row < n; row++)
        {
            rows[next[leafOf[row]]++] = row;
        }

        return new LeafMembership(leafOf, start, rows);
    }
}
