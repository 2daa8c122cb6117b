namespace Microsoft.ML.Synthetic.Evaluation.Privacy;

/// <summary>
/// Finds the reference groups of <see cref="DcrIndex"/> whose categories equal a query's in every column, or in every
/// column but one, without visiting the other groups: per column left out (and once with none left out), the 64-bit
/// hashes of the groups' remaining codes, sorted, searched by binary search; candidates are checked code by code, so
/// a hash collision costs time, never a wrong answer.
/// </summary>
internal sealed class GroupLookup
{
    private readonly int[][] _groupCodes;
    private readonly long[][] _hashes;   // [left-out column + 1][i], sorted; slot 0 leaves none out
    private readonly int[][] _groups;    // the group of each sorted hash

    public GroupLookup(int[][] groupCodes, int groupCount)
    {
        _groupCodes = groupCodes;
        int k = groupCodes.Length;
        _hashes = new long[k + 1][];
        _groups = new int[k + 1][];
        var codes = new int[k];
        for (int skip = -1; skip < k; skip++)
        {
            var hashes = new long[groupCount];
            var groups = new int[groupCount];
            for (int g = 0; g < groupCount; g++)
            {
                for (int j = 0; j < k; j++) codes[j] = groupCodes[j][g];
                hashes[g] = Hash(codes, skip);
                groups[g] = g;
            }

            Array.Sort(hashes, groups);
            _hashes[skip + 1] = hashes;
            _groups[skip + 1] = groups;
        }
    }

    /// <summary>The groups whose codes equal <paramref name="query"/> in every column except <paramref name="skip"/> (-1: every column).</summary>
    public IEnumerable<int> Matching(int[] query, int skip)
    {
        var hashes = _hashes[skip + 1];
        long hash = Hash(query, skip);
        int i = Array.BinarySearch(hashes, hash);
        if (i < 0) yield break;
        while (i > 0 && hashes[i - 1] == hash) i--;
        for (; i < hashes.Length && hashes[i] == hash; i++)
        {
            int g = _groups[skip + 1][i];
            bool equal = true;
            for (int j = 0; j < query.Length && equal; j++) equal = j == skip || _groupCodes[j][g] == query[j];
            if (equal) yield return g;
        }
    }

    private static long Hash(int[] codes, int skip)
    {
        ulong h = 0xCBF29CE484222325UL;
        for (int j = 0; j < codes.Length; j++)
        {
            if (j == skip) continue;
            h = (h ^ (uint)codes[j]) * 0x100000001B3UL;
            h ^= h >> 29;
        }

        return (long)h;
    }
}
