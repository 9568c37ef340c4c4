using Ombud.Web.Features.AnnualReport;

namespace Ombud.Tests.Features.AnnualReport;

/// <summary>
/// A random table for the suppression tests: rows × cols inner cells (0, small, middling or large), then the row totals,
/// the column totals and the grand total, with the sums that tie them (each row, each column, the grand total both ways).
/// </summary>
internal static class RandomTables
{
    public static (List<int> Values, List<Suppression.Sum> Sums) Make(Random rnd, int rows, int cols)
    {
        var inner = Enumerable.Range(0, rows * cols)
            .Select(_ => rnd.Next(4) switch { 0 => 0, 1 => rnd.Next(1, 4), 2 => rnd.Next(4, 10), _ => rnd.Next(10, 60) })
            .ToList();
        var values = new List<int>(inner);
        int At(int r, int c) => r * cols + c;
        var rowTotal = Enumerable.Range(0, rows)
            .Select(r => { values.Add(Enumerable.Range(0, cols).Sum(c => inner[At(r, c)])); return values.Count - 1; })
            .ToList();
        var colTotal = Enumerable.Range(0, cols)
            .Select(c => { values.Add(Enumerable.Range(0, rows).Sum(r => inner[At(r, c)])); return values.Count - 1; })
            .ToList();
        values.Add(inner.Sum());
        var grand = values.Count - 1;
        var sums = new List<Suppression.Sum>();
        for (var r = 0; r < rows; r++) sums.Add(new(rowTotal[r], Enumerable.Range(0, cols).Select(c => At(r, c)).ToList()));
        for (var c = 0; c < cols; c++) sums.Add(new(colTotal[c], Enumerable.Range(0, rows).Select(r => At(r, c)).ToList()));
        sums.Add(new(grand, rowTotal));
        sums.Add(new(grand, colTotal));
        return (values, sums);
    }
}
