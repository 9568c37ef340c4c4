using System.Text;
using System.Text.Json;
using Ombud.Web.Features.AnnualReport;
using static Ombud.Web.Features.AnnualReport.AnnualStatistics;

namespace Ombud.Tests.Features.AnnualReport;

/// <summary>Small-cell suppression (Rules/Suppression.cs) and publication mode on the report (Rules/Publication.cs).</summary>
public class SuppressionTests
{
    /// <summary>
    /// What a reader can work out from one published sum: a suppressed cell is determined when it is the only suppressed
    /// cell of the sum, or when the total is published and the suppressed parts can only be ones (zeros are published, so
    /// every suppressed cell is at least 1). Written independently of <see cref="Suppression.Discloses"/>.
    /// </summary>
    private static List<string> Determined(IReadOnlyList<int> values, IReadOnlyList<Suppression.Sum> sums, bool[] hidden)
    {
        var found = new List<string>();
        foreach (var sum in sums)
        {
            var hiddenParts = sum.Parts.Where(p => hidden[p]).ToList();
            if (hidden[sum.Total])
            {
                if (hiddenParts.Count == 0) found.Add($"total {sum.Total} = the sum of its published parts");
                continue;
            }
            var rest = values[sum.Total] - sum.Parts.Where(p => !hidden[p]).Sum(p => values[p]);
            foreach (var h in hiddenParts)
            {
                var max = rest - (hiddenParts.Count - 1); // the others at least 1 each
                var min = hiddenParts.Count == 1 ? rest : 1;
                if (min == max) found.Add($"cell {h} = {max} from the sum with total {sum.Total}");
            }
        }
        return found;
    }

    [Fact]
    public void One_man_among_57_clients_is_hidden_with_another_part_and_the_total_stays()
    {
        int[] values = [57, 56, 1, 0, 0]; // total, women, men, other, unknown
        var sums = new[] { new Suppression.Sum(0, [1, 2, 3, 4]) };
        var hidden = Suppression.Suppress(values, sums, 3);
        Assert.Equal([false, true, true, false, false], hidden);
        Assert.Empty(Determined(values, sums, hidden));
    }

    [Fact]
    public void One_small_municipality_hides_a_neighbour_so_the_unit_total_does_not_give_it_away()
    {
        int[] values = [52, 50, 2]; // unit, big municipality, small municipality
        var hidden = Suppression.Suppress(values, [new Suppression.Sum(0, [1, 2])], 3);
        Assert.Equal([false, true, true], hidden);
    }

    [Fact]
    public void Zeros_stay_and_nothing_is_hidden_without_small_counts()
    {
        int[] values = [20, 0, 20, 0, 0];
        Assert.All(Suppression.Suppress(values, [new Suppression.Sum(0, [1, 2, 3, 4])], 3), Assert.False);
        Assert.All(Suppression.Suppress([5, 1, 4], [new Suppression.Sum(0, [1, 2])], 0), Assert.False); // threshold 0: nothing
    }

    [Fact]
    public void Two_hidden_ones_under_a_published_total_are_not_left_alone()
    {
        int[] values = [12, 1, 1, 10]; // 1 + 1 = 12 − 10: both ones would be known
        var sums = new[] { new Suppression.Sum(0, [1, 2, 3]) };
        var hidden = Suppression.Suppress(values, sums, 3);
        Assert.True(hidden[3]);
        Assert.Empty(Determined(values, sums, hidden));
    }

    [Fact]
    public void In_random_tables_no_suppressed_cell_follows_from_a_published_row_or_column_sum()
    {
        var rnd = new Random(20261203);
        for (var n = 0; n < 2000; n++)
        {
            var rows = rnd.Next(1, 7);
            var cols = rnd.Next(1, 6);
            var threshold = rnd.Next(1, 5);
            var (values, sums) = RandomTables.Make(rnd, rows, cols);

            var hidden = Suppression.Suppress(values, sums, threshold);

            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] >= 1 && values[i] <= threshold) Assert.True(hidden[i], $"table {n}: cell {i} = {values[i]} is published");
                if (values[i] == 0) Assert.False(hidden[i], $"table {n}: a zero is hidden");
            }
            var determined = Determined(values, sums, hidden);
            Assert.True(determined.Count == 0, $"table {n} ({rows}×{cols}, threshold {threshold}): {string.Join("; ", determined)}");
        }
    }

    // --- publication mode on the report ---

    private static DateOnly D(int y, int m, int d) => new(y, m, d);
    private static int _client;

    private static IEnumerable<MandateFact> Clients(int count, Gender g, string reason = "Ekonomi") =>
        Enumerable.Range(0, count).Select(_ => new MandateFact(
            Interlocked.Increment(ref _client), g, 1980, ChildrenAtHome.No, D(2025, 3, 1), null, "Egen kontakt", null, [reason]));

    private static YearReport.Report Report(string? municipality, IEnumerable<MandateFact> facts) =>
        YearReport.Build(
            new YearReport.Header("Enheten", 2025, municipality, D(2026, 1, 10)),
            Compute(2025, facts) with { Fte = 1.5m },
            Compute(2024, []));

    [Fact]
    public void The_unit_and_its_municipalities_are_suppressed_together_and_the_exact_view_is_unchanged()
    {
        var big = Clients(40, Gender.Woman).Concat(Clients(15, Gender.Man)).ToList();
        var small = Clients(1, Gender.Woman, "Annat").Concat(Clients(1, Gender.Man, "Annat")).ToList();
        var unit = Report(null, big.Concat(small));
        var a = Report("Storstad", big);
        var b = Report("Lillby", small);

        var publishedUnit = Publication.Apply(unit, unit, [a, b], 3);
        var publishedA = Publication.Apply(a, unit, [a, b], 3);
        var publishedB = Publication.Apply(b, unit, [a, b], 3);

        // the small municipality shows nothing of its two clients; the big one hides enough that the unit's sums don't give them away
        Assert.All(publishedB["clients"].Rows.Where(r => r.Label is "Totalt" or "Kvinnor" or "Män"),
            r => Assert.True(r.ValueSuppressed && r.Value is null));
        Assert.True(publishedA["clients"].Rows.Single(r => r.Label == "Totalt").ValueSuppressed);
        // the unit: 57 clients, 41 women, 16 men are published; "Annat" (2 clients) is not
        Assert.Equal([57m, 41m, 16m, 0m, 0m], publishedUnit["clients"].Rows.Select(r => r.Value!.Value));
        Assert.True(publishedUnit["contact-reasons"].Rows.Single(r => r.Label == "Annat").ValueSuppressed);
        Assert.Contains("– = dolt för publicering", publishedUnit["contact-reasons"].Note);
        // unit figures about no person are never suppressed
        Assert.Equal(1.5m, publishedB["fte"].Rows[0].Value);
        // for every row: the municipalities' published cells never leave exactly one hidden cell against the unit's published value
        foreach (var table in publishedUnit.Tables.Where(t => !Publication.UnitTables.Contains(t.Key)))
            foreach (var row in table.Rows)
            {
                var cells = new[] { publishedA, publishedB }
                    .Select(r => r[table.Key].Rows.FirstOrDefault(x => x.Label == row.Label))
                    .ToList();
                var hiddenCount = cells.Count(c => c?.ValueSuppressed == true) + (row.ValueSuppressed ? 1 : 0);
                Assert.True(hiddenCount != 1, $"{table.Key}/{row.Label}");
            }
        // the exact view is what it was
        Assert.Equal(2m, b["clients"].Rows[0].Value);
        Assert.Null(unit.Header.PublicationThreshold);
    }

    [Fact]
    public void One_man_among_57_is_a_dash_with_a_footnote_in_the_files_and_null_in_the_json_with_the_threshold()
    {
        var facts = Clients(56, Gender.Woman).Concat(Clients(1, Gender.Man)).ToList();
        var unit = Report(null, facts);
        var only = Report("Staden", facts);
        var published = Publication.Apply(unit, unit, [only], 3);

        var clients = published["clients"].Rows;
        Assert.Equal(57m, clients[0].Value);
        Assert.True(clients[1].ValueSuppressed && clients[2].ValueSuppressed); // women and the one man
        Assert.Null(clients[2].Difference);

        using var json = JsonDocument.Parse(ReportJson.Serialize(published));
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("publication").GetProperty("threshold").GetInt32());
        Assert.Equal(57, root.GetProperty("clients").GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("clients").GetProperty("men").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("clients").GetProperty("women").ValueKind);
        Assert.Equal(0, root.GetProperty("clients").GetProperty("other").GetInt32());
        Assert.Equal(57, root.GetProperty("ageGroups").GetProperty("30-49").GetInt32());
        Assert.False(root.GetProperty("previousYear").TryGetProperty("publication", out _)); // only at the top
        // the exact report has no publication object and the man's 1
        using var exact = JsonDocument.Parse(ReportJson.Serialize(unit));
        Assert.False(exact.RootElement.TryGetProperty("publication", out _));
        Assert.Equal(1, exact.RootElement.GetProperty("clients").GetProperty("men").GetInt32());

        var csv = Encoding.UTF8.GetString(ReportFiles.Csv(published));
        Assert.Contains("\r\nTotalt;57;0;57\r\nKvinnor;–;0;–\r\nMän;–;0;–\r\nAnnat;0;0;0\r\n", csv);
        Assert.Contains("– = dolt för publicering: 1–3", csv);
        Assert.Contains("Publicering;", csv);
    }

    [Fact]
    public void A_median_of_one_to_threshold_mandates_is_hidden()
    {
        var closed = new MandateFact(
            1, Gender.Woman, 1980, ChildrenAtHome.No, D(2025, 1, 1), D(2025, 7, 1), "Egen kontakt", "Flyttat", ["Ekonomi"]);
        var f = Compute(2025, [closed]) with
        {
            Activity = ActivityStatistics.Compute(2025,
                new ActivityStatistics.Facts([], [], [], [new(D(2025, 1, 1), D(2025, 1, 1), D(2025, 7, 1))])),
        };
        var r = YearReport.Build(new YearReport.Header("Enheten", 2025, null, D(2026, 1, 10)), f, Compute(2024, []));
        Assert.Equal(5.9m, r["mandate-length"].Rows[1].Value);
        var published = Publication.Apply(r, r, [], 3);
        Assert.All(published["mandate-length"].Rows, row => Assert.True(row.ValueSuppressed, row.Label));
        using var json = JsonDocument.Parse(ReportJson.Serialize(published));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("mandateLength").GetProperty("medianMonths").ValueKind);
    }
}
