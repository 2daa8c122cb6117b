using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;
using Microsoft.ML.Synthetic.Transforms;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;

/// <summary>
/// The exact row count of every one-hot slot of every categorical column of a streamed table (what CTGAN's conditional
/// vector draws by), from the first pass's category and missing counts: each category's count goes to its slot (the
/// rare-category group's slot sums its categories), the missing count to the missing slot.
/// </summary>
internal static class StreamedSlotCounts
{
    public static int[][] Of(TabularEncoder encoder, StreamSummary summary) =>
        encoder.CategoricalColumns.Select(layout =>
        {
            var oneHot = (OneHotTransformer)layout.Transformer;
            var slots = new long[oneHot.Width];
            var counts = summary.CategoryCounts(layout.ColumnIndex);
            for (int code = 0; code < counts.Length; code++)
            {
                if (counts[code] > 0)
                {
                    slots[oneHot.SlotOf(code)] += counts[code];
                }
            }

            long missing = summary.MissingCount(layout.ColumnIndex);
            if (missing > 0)
            {
                slots[oneHot.MissingSlotIndex] += missing;
            }

            return slots.Select(n => n <= int.MaxValue ? (int)n
                : throw new NotSupportedException($"Column '{layout.Transformer.Column}' has a category with {n:N0} rows; CTGAN's conditional vector counts at most {int.MaxValue:N0} rows per category.")).ToArray();
        }).ToArray();
}
