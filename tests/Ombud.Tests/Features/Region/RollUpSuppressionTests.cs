using Ombud.Tests.Features.AnnualReport;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Region;
using static Ombud.Web.Features.AnnualReport.AnnualStatistics;

namespace Ombud.Tests.Features.Region;

/// <summary>
/// Suppression across units (the regional roll-up): units × figures is a table with a margin (the sum column), and
/// each unit's column has its own margins (gender parts add up to the total, age groups to the clients). No suppressed
/// cell may follow from one published row or column sum, and a cell a unit hides in its own publication stays hidden.
/// </summary>
public class RollUpSuppressionTests
{
    /// <summary>
    /// The cells of one sum a reader can pin down (written independently of <see cref="Suppression.Discloses"/>): the only
    /// hidden cell of a sum, a hidden total of published parts, or hidden parts that can only be ones under a published total.
    /// </summary>
    private static IEnumerable<string> Determined(
        string what, decimal? total, bool totalHidden, IReadOnlyList<(decimal? Value, bool Hidden)> parts)
    {
        var hiddenParts = parts.Count(p => p.Hidden);
        if (totalHidden)
        {
            if (hiddenParts == 0) yield return $"{what}: the hidden total is the sum of its parts";
            yield break;
        }
        if (hiddenParts == 0) yield break;
        var rest = (total ?? 0) - parts.Where(p => !p.Hidden).Sum(p => p.Value ?? 0);
        if (hiddenParts == 1 || rest == hiddenParts) yield return $"{what}: {hiddenParts} hidden part(s) add up to {rest}";
    }

    [Fact]
    public void Forced_cells_stay_hidden_and_no_hidden_cell_follows_from_one_sum_in_random_tables()
    {
        var rnd = new Random(1403);
        for (var n = 0; n < 1500; n++)
        {
            var rows = rnd.Next(1, 6);
            var cols = rnd.Next(2, 6);
            var threshold = rnd.Next(1, 5);
            var (values, sums) = RandomTables.Make(rnd, rows, cols);
            // another publication hid some cells (never a zero)
            var forced = values.Select(v => v > 0 && rnd.Next(8) == 0).ToArray();

            var hidden = Suppression.Suppress(values, sums, threshold, forced);

            for (var i = 0; i < values.Count; i++)
            {
                if (forced[i]) Assert.True(hidden[i], $"table {n}: forced cell {i} = {values[i]} is published");
                if (values[i] >= 1 && values[i] <= threshold) Assert.True(hidden[i], $"table {n}: cell {i} = {values[i]} is published");
                if (values[i] == 0) Assert.False(hidden[i], $"table {n}: a zero is hidden");
            }
            var determined = sums.SelectMany(s => Determined($"sum {s.Total}", values[s.Total], hidden[s.Total],
                s.Parts.Select(p => ((decimal?)values[p], hidden[p])).ToList())).ToList();
            Assert.True(determined.Count == 0, $"table {n} ({rows}×{cols}, threshold {threshold}): {string.Join("; ", determined)}");
        }
    }

    private static int _client;
    private static readonly string[] Reasons = ["Ekonomi", "Bostad", "Vård", "Annat"];
    private static readonly Gender[] Genders = [Gender.Woman, Gender.Man, Gender.Other, Gender.Unknown];

    private static List<MandateFact> RandomUnit(Random rnd)
    {
        var facts = new List<MandateFact>();
        var count = rnd.Next(4) == 0 ? rnd.Next(0, 4) : rnd.Next(4, 40);
        for (var i = 0; i < count; i++)
        {
            var gender = rnd.Next(10) switch { < 5 => Gender.Woman, < 9 => Gender.Man, _ => Genders[rnd.Next(4)] };
            var closed = rnd.Next(3) == 0 ? new DateOnly(2025, rnd.Next(6, 13), 1) : (DateOnly?)null;
            facts.Add(new MandateFact(
                Interlocked.Increment(ref _client),
                gender,
                rnd.Next(5) == 0 ? null : 1950 + rnd.Next(55),
                ChildrenAtHome.No,
                new DateOnly(2025, rnd.Next(1, 6), 1),
                closed,
                "Egen kontakt",
                closed is null ? null : "Klienten avslutar",
                [Reasons[rnd.Next(Reasons.Length)]]));
        }
        return facts;
    }

    private static YearReport.Report Report(string name, IReadOnlyList<MandateFact> facts) =>
        YearReport.Build(new YearReport.Header(name, 2025, null, new DateOnly(2026, 1, 10)), Compute(2025, facts), Compute(2024, []));

    [Fact]
    public void In_random_roll_ups_no_hidden_unit_cell_follows_from_the_sum_column_or_the_units_own_totals()
    {
        var rnd = new Random(2026);
        for (var n = 0; n < 150; n++)
        {
            var units = Enumerable.Range(0, rnd.Next(2, 5)).Select(i => Report($"Enhet {i}", RandomUnit(rnd))).ToList();
            var sum = YearReport.Build(new YearReport.Header("Summa", 2025, null, new DateOnly(2026, 1, 10)),
                OperatorYearReport.Sum(2025, units.Select(u => u.Current).ToList()),
                OperatorYearReport.Sum(2024, units.Select(u => u.Previous).ToList()));
            // each unit's own publication (no municipalities here: the unit is its own total)
            var own = units.Select(u => Publication.Apply(u, u, [], 3)).ToList();
            var published = units.Select(u => Publication.Apply(u, sum, units, 3, own)).ToList();
            var publishedSum = Publication.Apply(sum, sum, units, 3, own);

            var failures = new List<string>();
            foreach (var table in publishedSum.Tables.Where(t => !Publication.UnitTables.Contains(t.Key)))
                foreach (var row in table.Rows.Where(r => r.DependsOn is null))
                {
                    var cells = published.Select(p => p[table.Key].Rows.FirstOrDefault(r => r.JsonName == row.JsonName))
                        .Select(c => c is null ? ((decimal?)0, false) : (c.Value, c.ValueSuppressed)).ToList();
                    failures.AddRange(Determined($"{table.Key}/{row.Label} across units", row.Value, row.ValueSuppressed, cells));
                    for (var u = 0; u < units.Count; u++)
                        if (own[u][table.Key].Rows.FirstOrDefault(r => r.JsonName == row.JsonName) is { ValueSuppressed: true })
                            Assert.True(cells[u].Item2,
                                $"roll-up {n}: {table.Key}/{row.Label} of unit {u} is hidden in its own publication but shown here");
                }
            foreach (var report in published.Append(publishedSum))
                foreach (var key in Publication.GenderedTables)
                {
                    var rows = report[key].Rows;
                    var total = rows.Single(r => r.JsonName == "total");
                    failures.AddRange(Determined($"{report.Header.Unit} {key} by gender", total.Value, total.ValueSuppressed,
                        rows.Where(r => r.JsonName != "total").Select(r => (r.Value, r.ValueSuppressed)).ToList()));
                }
            Assert.True(failures.Count == 0, $"roll-up {n}: {string.Join("; ", failures)}");
            // small counts never show: every published count of a person-table is 0 or above the threshold
            foreach (var report in published.Append(publishedSum))
                foreach (var table in report.Tables.Where(t => !Publication.UnitTables.Contains(t.Key)))
                    Assert.All(table.Rows.Where(r => r.DependsOn is null && !r.ValueSuppressed),
                        r => Assert.False(r.Value is >= 1 and <= 3,
                            $"roll-up {n}: {report.Header.Unit} {table.Key}/{r.Label} = {r.Value}"));
        }
    }

    [Fact]
    public void A_unit_with_two_men_hides_them_and_another_unit_hides_enough_that_the_sum_does_not_give_them_away()
    {
        static MandateFact Client(Gender gender) => new(Interlocked.Increment(ref _client), gender, 1980,
            ChildrenAtHome.No, new DateOnly(2025, 2, 1), null, "Egen kontakt", null, ["Ekonomi"]);
        var big = Report("Norr", Enumerable.Range(0, 30).Select(_ => Client(Gender.Woman))
            .Concat(Enumerable.Range(0, 10).Select(_ => Client(Gender.Man)))
            .ToList());
        var small = Report("Söder", Enumerable.Range(0, 20).Select(i => Client(i < 2 ? Gender.Man : Gender.Woman)).ToList());
        List<YearReport.Report> units = [big, small];
        var sum = YearReport.Build(new YearReport.Header("Summa", 2025, null, new DateOnly(2026, 1, 10)),
            OperatorYearReport.Sum(2025, units.Select(u => u.Current).ToList()),
            OperatorYearReport.Sum(2024, units.Select(u => u.Previous).ToList()));

        var north = Publication.Apply(big, sum, units, 3);
        var south = Publication.Apply(small, sum, units, 3);
        var total = Publication.Apply(sum, sum, units, 3);

        Assert.True(south["clients"].Rows.Single(r => r.JsonName == "men").ValueSuppressed);
        // 12 men in the sum minus Norr's 10 would give Söder's 2: so Norr's men (or the sum's) are hidden too
        Assert.True(north["clients"].Rows.Single(r => r.JsonName == "men").ValueSuppressed
                    || total["clients"].Rows.Single(r => r.JsonName == "men").ValueSuppressed);
        Assert.Equal(60m, total["clients"].Rows.Single(r => r.JsonName == "total").Value);
    }

    [Fact]
    public void Audit_ids_name_every_unit_and_fit_the_column()
    {
        Assert.Equal(["2025 visad enheter 3,7"], RollUpYearReport.AuditIds(2025, [7, 3], "visad"));
        Assert.Equal(["2025 xlsx enheter –"], RollUpYearReport.AuditIds(2025, [], "xlsx"));
        var many = RollUpYearReport.AuditIds(2025, Enumerable.Range(1, 60), "visad");
        Assert.True(many.Count > 1);
        Assert.All(many, id => Assert.True(id.Length <= 60, id));
        Assert.Equal(Enumerable.Range(1, 60), many.SelectMany(id => id["2025 visad enheter ".Length..].Split(',')).Select(int.Parse));
    }
}
