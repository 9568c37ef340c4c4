namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// Publication mode: the report as it may leave the unit. Lays the report's tables out as cells over columns — the
/// total (the unit, or with <c>--all-units</c> the installation) and its parts (the unit's municipalities, or the units) —
/// with the sums a reader knows (each row's parts add up to the total column; per column the gender rows add up to
/// Totalt, the age groups to the clients, the closure reasons to the closed clients), suppresses them with
/// <see cref="Suppression"/>, and returns the chosen column with its suppressed cells empty and marked. Each year
/// (the report's and the previous) is suppressed on its own. Unit figures about no person (system faults, the
/// ledningsgrupp, årsarbetare) are published as they are. Medians and quartiles are hidden when they rest on 1 to
/// threshold mandates. Pure.
/// </summary>
public static class Publication
{
    /// <summary>Tables about the unit, not about people: never suppressed.</summary>
    public static readonly IReadOnlySet<string> UnitTables =
        new HashSet<string> { "fault-categories", "fault-levels", "steering-group", "fte", "posts" };

    public static readonly string[] GenderedTables = ["clients", "new-clients", "closed-clients", "active-at-year-end"];
    public static readonly string[] GenderParts = ["women", "men", "other", "unknown"];

    /// <summary>The footnote of a table with a suppressed cell.</summary>
    public static string Footnote(int threshold) =>
        $"– = dolt för publicering: 1–{threshold}, eller en uppgift som annars kan räknas fram ur summorna.";

    /// <param name="chosen">The report to publish: <paramref name="total"/> or one of <paramref name="parts"/>.</param>
    /// <param name="partsPublished">
    /// Each part's own publication (same order as <paramref name="parts"/>), or null: a cell suppressed there is suppressed
    /// here too (the regional roll-up, whose parts are units that publish their own reports).
    /// </param>
    public static YearReport.Report Apply(
        YearReport.Report chosen, YearReport.Report total, IReadOnlyList<YearReport.Report> parts, int threshold,
        IReadOnlyList<YearReport.Report>? partsPublished = null)
    {
        List<YearReport.Report> columns = [total, .. parts.Where(p => !ReferenceEquals(p, total))];
        var col = columns.FindIndex(c => ReferenceEquals(c, chosen));
        if (col < 0) throw new ArgumentException("The chosen report must be the total or one of the parts.", nameof(chosen));
        if (partsPublished is not null && (partsPublished.Count != parts.Count || parts.Any(p => ReferenceEquals(p, total))))
            throw new ArgumentException("One published report per part, and the total is not a part.", nameof(partsPublished));
        bool Forced(int c, string table, string row, Func<YearReport.Row, bool> suppressed) =>
            c > 0 && partsPublished is not null && FindRow(partsPublished[c - 1], table, row) is { } x && suppressed(x);
        var current = Hidden(columns, r => r.Value, threshold, (c, t, r) => Forced(c, t, r, x => x.ValueSuppressed));
        var previous = Hidden(columns, r => r.Previous, threshold, (c, t, r) => Forced(c, t, r, x => x.PreviousSuppressed));

        var tables = chosen.Tables.Select(t => UnitTables.Contains(t.Key) ? t : t with
        {
            Rows = t.Rows.Select(r =>
            {
                bool Hide(Dictionary<(string, string, int), bool> hidden, Func<YearReport.Row, decimal?> of) => r.DependsOn is { } d
                    ? t.Rows.FirstOrDefault(x => x.JsonName == d) is { } n && of(n) is decimal v && v >= 1 && v <= threshold
                    : hidden.GetValueOrDefault((t.Key, r.JsonName, col));
                var hideValue = Hide(current, x => x.Value);
                var hidePrevious = Hide(previous, x => x.Previous);
                return r with
                {
                    Value = hideValue ? null : r.Value,
                    Previous = hidePrevious ? null : r.Previous,
                    ValueSuppressed = hideValue,
                    PreviousSuppressed = hidePrevious,
                };
            }).ToList(),
        }).ToList();
        var suppressed = tables.Select(t => t.Rows.Any(r => r.ValueSuppressed || r.PreviousSuppressed)
            ? t with { Note = t.Note is null ? Footnote(threshold) : t.Note + " " + Footnote(threshold) } : t).ToList();
        return chosen with { Header = chosen.Header with { PublicationThreshold = threshold }, Tables = suppressed };
    }

    /// <summary>The row of a table of a report, by table key and row JSON name; null when the report has no such row.</summary>
    private static YearReport.Row? FindRow(YearReport.Report report, string table, string row) =>
        report.Tables.FirstOrDefault(t => t.Key == table)?.Rows.FirstOrDefault(r => r.JsonName == row);

    /// <summary>Which cells (table, row, column) of one year to suppress.</summary>
    private static Dictionary<(string, string, int), bool> Hidden(
        IReadOnlyList<YearReport.Report> columns, Func<YearReport.Row, decimal?> of, int threshold,
        Func<int, string, string, bool> forced)
    {
        var values = new List<int>();
        var index = new Dictionary<(string, string, int), int>();
        int Cell(string table, string row, int col)
        {
            if (index.TryGetValue((table, row, col), out var i)) return i;
            var value = FindRow(columns[col], table, row) is { } r ? of(r) ?? 0 : 0;
            values.Add((int)value);
            return index[(table, row, col)] = values.Count - 1;
        }

        var sums = new List<Suppression.Sum>();
        foreach (var table in columns[0].Tables.Select(t => t.Key).Where(k => !UnitTables.Contains(k)))
        {
            var rows = columns.SelectMany(c => c[table].Rows).Where(r => r.DependsOn is null).Select(r => r.JsonName).Distinct().ToList();
            foreach (var row in rows)
            {
                var cells = Enumerable.Range(0, columns.Count).Select(c => Cell(table, row, c)).ToList();
                if (columns.Count > 1) sums.Add(new Suppression.Sum(cells[0], cells[1..]));
            }
            for (var c = 0; c < columns.Count; c++)
            {
                var col = c;
                List<int> Cells(IEnumerable<string> parts) => parts.Select(p => Cell(table, p, col)).ToList();
                if (GenderedTables.Contains(table)) sums.Add(new(Cell(table, "total", col), Cells(GenderParts)));
                else if (table == "age-groups") sums.Add(new(Cell("clients", "total", col), Cells(rows)));
                else if (table == "closure-reasons") sums.Add(new(Cell("closed-clients", "total", col), Cells(rows)));
            }
        }
        var also = new bool[values.Count];
        foreach (var ((table, row, col), i) in index) also[i] = forced(col, table, row);
        var hidden = Suppression.Suppress(values, sums, threshold, also);
        return index.ToDictionary(kv => kv.Key, kv => hidden[kv.Value]);
    }
}
