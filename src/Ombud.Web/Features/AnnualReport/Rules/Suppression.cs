namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// Small-cell suppression for figures that leave the unit (publication mode, docs/statistics.md "Publicering"). Every
/// count from 1 to the threshold is suppressed (primary), 0 stays 0; then, for every sum a reader knows (a total and its
/// parts: women + men + other + unknown = total, the municipalities add up to the unit), further cells are suppressed
/// until no suppressed cell can be worked out from that one sum: a sum never has exactly one suppressed cell, and when its
/// total is published its suppressed parts are never all ones (zeros are published, so a reader knows a suppressed
/// cell is at least 1). The further cells are the smallest non-zero published parts, the total only when no part will do.
/// Pure.
/// </summary>
public static class Suppression
{
    public const int DefaultThreshold = 3;

    /// <summary>
    /// A relation a reader knows: the cells <paramref name="Parts"/> add up to the cell <paramref name="Total"/> (indexes).
    /// </summary>
    public sealed record Sum(int Total, IReadOnlyList<int> Parts);

    /// <summary>Which of <paramref name="values"/> to suppress, given the sums a reader knows.</summary>
    /// <param name="alsoHidden">
    /// Cells to suppress whatever their value (null = none): cells already suppressed in another publication of the same
    /// figures — a unit's own published report, when the regional roll-up lays the units side by side — so that the
    /// roll-up does not publish a cell that the other publication hid; complementary suppression then works from them too.
    /// </param>
    public static bool[] Suppress(IReadOnlyList<int> values, IReadOnlyList<Sum> sums, int threshold, IReadOnlyList<bool>? alsoHidden = null)
    {
        var hidden = values.Select((v, i) => v >= 1 && v <= threshold || alsoHidden?[i] == true && v != 0).ToArray();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var sum in sums)
            {
                if (!Discloses(sum, values, hidden)) continue;
                var candidate = sum.Parts.Where(p => !hidden[p] && values[p] > 0 && p != sum.Total)
                    .OrderBy(p => values[p]).ThenBy(p => p).Cast<int?>().FirstOrDefault();
                candidate ??= !hidden[sum.Total] && values[sum.Total] > 0 ? sum.Total : null;
                if (candidate is not { } c) continue; // cannot happen for consistent sums; nothing left to hide
                hidden[c] = true;
                changed = true;
            }
        }
        return hidden;
    }

    /// <summary>True when a suppressed cell of the sum can be worked out from the sum and its published cells alone.</summary>
    public static bool Discloses(Sum sum, IReadOnlyList<int> values, IReadOnlyList<bool> hidden)
    {
        var cells = sum.Parts.Append(sum.Total).Distinct().Where(c => hidden[c]).ToList();
        if (cells.Count == 1) return true;
        // with the total published, hidden parts that add up to their number are all ones
        return cells.Count > 1 && !hidden[sum.Total] && cells.Sum(c => values[c]) == cells.Count;
    }
}
