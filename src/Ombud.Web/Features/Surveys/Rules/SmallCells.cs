namespace Ombud.Web.Features.Surveys;

/// <summary>
/// Hides small counts in a table whose row totals are published elsewhere: every count from 1 to the threshold becomes
/// null, and where a row then has exactly one hidden cell, its smallest other non-zero cell is hidden too, so the hidden
/// one cannot be worked out as the row total minus the rest. (Columns of a multiple-choice breakdown do not add up to a
/// published figure, so rows are what a reader can subtract from.)
/// </summary>
public static class SmallCells
{
    public static void Hide(IReadOnlyList<int?[]> rows, int threshold)
    {
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
                if (row[i] is { } n && n > 0 && n <= threshold) row[i] = null;
            if (row.Count(c => c is null) != 1) continue;
            var other = Enumerable.Range(0, row.Length).Where(i => row[i] is > 0).OrderBy(i => row[i]).Select(i => (int?)i).FirstOrDefault();
            if (other is { } j) row[j] = null;
        }
    }
}
