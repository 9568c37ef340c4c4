using Ombud.Web.Features.AnnualReport;
using static Ombud.Web.Features.AnnualReport.AnnualStatistics;

namespace Ombud.Tests.Features.AnnualReport;

/// <summary><c>report --all-units</c>: the installation's figures are the units' figures added up.</summary>
public class OperatorYearReportSumTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static MandateFact M(int client, DateOnly start, DateOnly? closed = null, Gender g = Gender.Woman, int? born = 1980,
        string referral = "Egen kontakt", ChildrenAtHome children = ChildrenAtHome.No, params string[] reasons) =>
        new(client, g, born, children, start, closed, referral,
            closed is null ? null : "Flyttat", reasons.Length == 0 ? ["Ekonomi"] : reasons);

    // Client ids differ between the units, as they do in one database.
    private static readonly MandateFact[] North =
    [
        M(1, D(2024, 3, 1)),
        M(2, D(2025, 2, 1), D(2025, 10, 1), Gender.Man, referral: "Psykiatrin", reasons: "Bostad"),
        M(3, D(2025, 4, 1), born: 1950, children: ChildrenAtHome.Partly, reasons: ["Ekonomi", "Bostad"]),
    ];

    private static readonly MandateFact[] South =
    [
        M(11, D(2025, 1, 10), g: Gender.Other, born: null, reasons: "Annat"),
        M(12, D(2023, 6, 1), D(2025, 3, 1), referral: "Psykiatrin"),
        M(12, D(2025, 5, 1)), // returned: one client, active at the year's end
    ];

    [Fact]
    public void Client_figures_of_the_sum_equal_the_figures_of_all_mandates_together()
    {
        var sum = OperatorYearReport.Sum(2025, [Compute(2025, North), Compute(2025, South)]);
        var together = Compute(2025, [.. North, .. South]);

        Assert.Equal(together.Clients, sum.Clients);
        Assert.Equal(together.NewClients, sum.NewClients);
        Assert.Equal(together.ClosedClients, sum.ClosedClients);
        Assert.Equal(together.ActiveAtYearEnd, sum.ActiveAtYearEnd);
        Assert.Equal(together.ClientsWithChildrenAtHome, sum.ClientsWithChildrenAtHome);
        Assert.Equal(together.AgeGroups.ToList(), sum.AgeGroups.ToList());
        Assert.Equal(together.ContactReasons.ToList(), sum.ContactReasons.ToList()); // same counts, same order (most first)
        Assert.Equal(together.ReferralPaths.ToList(), sum.ReferralPaths.ToList());
        Assert.Equal(together.ClosureReasons.ToList(), sum.ClosureReasons.ToList());
        Assert.Equal(5, sum.Clients.Total);
    }

    [Fact]
    public void Unit_level_figures_add_up_and_organisations_are_named_once()
    {
        var north = Compute(2025, North) with
        {
            Fte = 2.5m,
            SteeringGroupMeetings = 4,
            SteeringGroupOrganisations = ["Region Stockholm", "Försäkringskassan"],
            SystemFaults = new FaultFigures(3, new Dictionary<string, int> { ["Bostad"] = 2, ["Psykiatrin"] = 1 },
                new Dictionary<string, int> { ["Lokal"] = 3, ["Regional"] = 0 }),
        };
        var south = Compute(2025, South) with
        {
            SteeringGroupMeetings = 2,
            SteeringGroupOrganisations = ["Försäkringskassan", "Arbetsförmedlingen"],
            SystemFaults = new FaultFigures(2, new Dictionary<string, int> { ["Psykiatrin"] = 2 },
                new Dictionary<string, int> { ["Lokal"] = 1, ["Regional"] = 1 }),
        };

        var sum = OperatorYearReport.Sum(2025, [north, south]);

        Assert.Equal(2025, sum.Year);
        Assert.Equal(2.5m, sum.Fte); // a unit without årsarbetare adds nothing
        Assert.Equal(6, sum.SteeringGroupMeetings);
        Assert.Equal(["Arbetsförmedlingen", "Försäkringskassan", "Region Stockholm"], sum.SteeringGroupOrganisations);
        Assert.Equal(5, sum.SystemFaults.Total);
        Assert.Equal([new("Psykiatrin", 3), new("Bostad", 2)], sum.SystemFaults.ByCategory.ToList());
        Assert.Equal([new("Lokal", 4), new("Regional", 1)], sum.SystemFaults.ByLevel.ToList());

        Assert.Null(OperatorYearReport.Sum(2025, [Compute(2025, North), Compute(2025, South)]).Fte);
        var none = OperatorYearReport.Sum(2025, []);
        Assert.Equal(0, none.Clients.Total);
        Assert.Equal(AgeGroupKeys, none.AgeGroups.Keys);
    }
}
