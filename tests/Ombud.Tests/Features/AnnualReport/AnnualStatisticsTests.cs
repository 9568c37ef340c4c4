using static Ombud.Web.Features.AnnualReport.AnnualStatistics;

namespace Ombud.Tests.Features.AnnualReport;

/// <summary>Every definition in docs/statistics.md, with its edge cases (year 2025 unless said).</summary>
public class AnnualStatisticsTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static MandateFact M(int client, DateOnly? start, DateOnly? closed = null, Gender g = Gender.Woman, int? born = 1980,
        ChildrenAtHome children = ChildrenAtHome.No, string? referral = "Egen kontakt", string? closure = null, params string[] reasons) =>
        new(client, g, born, children, start, closed, referral,
            closed is null ? null : closure ?? "Uppdraget slutfört", reasons.Length == 0 ? ["Ekonomi"] : reasons);

    [Fact]
    public void A_mandate_spanning_several_years_counts_in_each_year_but_is_new_only_in_its_first()
    {
        var facts = new[] { M(1, D(2023, 5, 1), D(2026, 2, 1)) };
        foreach (var y in new[] { 2023, 2024, 2025, 2026 }) Assert.Equal(1, Compute(y, facts).Clients.Total);
        Assert.Equal(1, Compute(2023, facts).NewClients.Total);
        Assert.Equal(0, Compute(2024, facts).NewClients.Total);
        Assert.Equal(1, Compute(2025, facts).ActiveAtYearEnd.Total);
        Assert.Equal(0, Compute(2025, facts).ClosedClients.Total);
        Assert.Equal(1, Compute(2026, facts).ClosedClients.Total);
        Assert.Equal(0, Compute(2022, facts).Clients.Total);
        Assert.Equal(0, Compute(2027, facts).Clients.Total);
    }

    [Fact]
    public void A_client_closed_and_reopened_in_the_same_year_is_one_client_active_at_year_end_and_not_closed()
    {
        var facts = new[] { M(1, D(2025, 2, 1), D(2025, 5, 1)), M(1, D(2025, 9, 1)) };
        var f = Compute(2025, facts);
        Assert.Equal(1, f.Clients.Total);
        Assert.Equal(1, f.NewClients.Total);
        Assert.Equal(0, f.ClosedClients.Total);
        Assert.Equal(1, f.ActiveAtYearEnd.Total);
        Assert.Empty(f.ClosureReasons);
    }

    [Fact]
    public void A_client_counts_once_per_contact_reason()
    {
        var facts = new[]
        {
            M(1, D(2025, 1, 10), null, reasons: ["Ekonomi", "Frågor om bostad"]),
            M(2, D(2025, 3, 1), null, reasons: ["Ekonomi"]),
        };
        var f = Compute(2025, facts);
        Assert.Equal(2, f.ContactReasons["Ekonomi"]);
        Assert.Equal(1, f.ContactReasons["Frågor om bostad"]);
        // the same reason on two mandates of one client in the year still counts once
        var twice = Compute(2025, [M(1, D(2025, 1, 1), D(2025, 2, 1), reasons: ["Ekonomi"]), M(1, D(2025, 6, 1), reasons: ["Ekonomi"])]);
        Assert.Equal(1, twice.ContactReasons["Ekonomi"]);
    }

    [Theory]
    [InlineData(1996, "18-29")] // 29 in 2025
    [InlineData(1995, "30-49")] // 30
    [InlineData(1976, "30-49")] // 49
    [InlineData(1975, "50-64")] // 50
    [InlineData(1961, "50-64")] // 64
    [InlineData(1960, "65+")]   // 65
    [InlineData(null, "unknown")]
    public void Age_group_is_by_age_reached_in_the_year(int? born, string group)
    {
        var f = Compute(2025, [M(1, D(2025, 6, 1), born: born)]);
        Assert.Equal(1, f.AgeGroups[group]);
        Assert.Equal(1, f.AgeGroups.Values.Sum());
    }

    [Fact]
    public void Waiting_list_entries_never_count_and_paused_mandates_count_as_active()
    {
        var waiting = M(1, null);
        var paused = M(2, D(2024, 3, 1)); // paused: open, no closing date
        var f = Compute(2025, [waiting, paused]);
        Assert.Equal(1, f.Clients.Total);
        Assert.Equal(1, f.ActiveAtYearEnd.Total);
    }

    [Fact]
    public void Closed_on_31_December_is_closed_that_year_and_starting_on_1_January_is_new_the_next()
    {
        var closedNye = M(1, D(2025, 3, 1), D(2025, 12, 31));
        var startsNewYear = M(2, D(2026, 1, 1));
        var f2025 = Compute(2025, [closedNye, startsNewYear]);
        Assert.Equal(1, f2025.Clients.Total);
        Assert.Equal(1, f2025.ClosedClients.Total);
        Assert.Equal(0, f2025.ActiveAtYearEnd.Total);
        var f2026 = Compute(2026, [closedNye, startsNewYear]);
        Assert.Equal(1, f2026.Clients.Total);
        Assert.Equal(1, f2026.NewClients.Total);
        Assert.Equal(0, f2026.ClosedClients.Total);
    }

    [Fact]
    public void Figures_split_by_gender_children_referral_and_closure_reason()
    {
        var facts = new[]
        {
            M(1, D(2025, 1, 5), g: Gender.Woman, children: ChildrenAtHome.Fully, referral: "Psykiatrin"),
            M(2, D(2025, 2, 5), D(2025, 8, 1), g: Gender.Man, children: ChildrenAtHome.Partly, referral: "Egen kontakt",
                closure: "Flyttat"),
            M(3, D(2024, 2, 5), g: Gender.Other, children: ChildrenAtHome.No, referral: "Egen kontakt"),
            M(4, D(2024, 2, 5), D(2025, 3, 1), g: Gender.Unknown, children: ChildrenAtHome.Unknown, referral: null, closure: "Flyttat"),
        };
        var f = Compute(2025, facts);
        Assert.Equal(new ByGender(4, 1, 1, 1, 1), f.Clients);
        Assert.Equal(new ByGender(2, 1, 1, 0, 0), f.NewClients);
        Assert.Equal(new ByGender(2, 0, 1, 0, 1), f.ClosedClients);
        Assert.Equal(new ByGender(2, 1, 0, 1, 0), f.ActiveAtYearEnd);
        Assert.Equal(2, f.ClientsWithChildrenAtHome);
        Assert.Equal(2, f.ReferralPaths["Egen kontakt"]);
        Assert.Equal(1, f.ReferralPaths["Psykiatrin"]);
        Assert.Equal(2, f.ClosureReasons["Flyttat"]);
    }

    [Fact]
    public void Of_two_mandates_closed_the_same_day_the_later_registered_gives_the_closure_reason_whatever_the_row_order()
    {
        var earlier = M(1, D(2025, 1, 5), D(2025, 6, 1), closure: "Flyttat") with { MandateId = 10, AfterMandate = "Arbete" };
        var later = M(1, D(2025, 3, 5), D(2025, 6, 1), closure: "Klienten avslutade") with { MandateId = 11, AfterMandate = "Studier" };
        foreach (var facts in new[] { new[] { earlier, later }, [later, earlier] })
        {
            var f = Compute(2025, facts);
            Assert.Equal(1, f.ClosedClients.Total);
            Assert.Equal(new Dictionary<string, int> { ["Klienten avslutade"] = 1 }, f.ClosureReasons);
            Assert.Equal(new Dictionary<string, int> { ["Studier"] = 1 }, f.AfterMandate);
        }
    }

    [Fact]
    public void A_published_result_can_be_reproduced()
    {
        // Södermalm 2018 (the domain notes): 57 clients, 39 women, 35 new, 20 closed, 7 with children at home.
        var facts = new List<MandateFact>();
        for (var i = 0; i < 57; i++)
        {
            var start = i < 35 ? D(2018, 1 + i % 12, 1) : D(2017, 6, 1);
            var closed = i >= 37 ? D(2018, 11, 1) : (DateOnly?)null; // 20 closed
            facts.Add(M(i, start, closed,
                g: i < 39 ? Gender.Woman : Gender.Man,
                children: i < 7 ? ChildrenAtHome.Partly : ChildrenAtHome.No));
        }
        var f = Compute(2018, facts);
        Assert.Equal(57, f.Clients.Total);
        Assert.Equal(39, f.Clients.Women);
        Assert.Equal(35, f.NewClients.Total);
        Assert.Equal(20, f.ClosedClients.Total);
        Assert.Equal(37, f.ActiveAtYearEnd.Total);
        Assert.Equal(7, f.ClientsWithChildrenAtHome);
    }
}
