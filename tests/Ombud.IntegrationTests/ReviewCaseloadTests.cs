using Microsoft.Extensions.Configuration;
using Ombud.Web.Features.Caseload;

namespace Ombud.IntegrationTests;

public class ReviewCaseloadTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Fact]
    public async Task The_lead_sees_open_mandates_per_ombud_matching_the_database()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var rows = await lead.Get<ReviewCaseload.Handler>().HandleAsync();
        Assert.Equal(2, rows.Count); // the two demo ombud
        await using var db = await lead.DbAsync();
        foreach (var r in rows)
        {
            Assert.Equal(await db.Mandates.CountAsync(m => m.OmbudId == r.OmbudId && m.Status == MandateStatus.Active), r.Active);
            Assert.Equal(await db.Mandates.CountAsync(m => m.OmbudId == r.OmbudId && m.Status == MandateStatus.Paused), r.Paused);
            Assert.Equal(await db.Mandates.CountAsync(m => m.OmbudId == r.OmbudId && m.Status == MandateStatus.Waiting), r.Waiting);
        }
        Assert.True(rows.Sum(r => r.Open) > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_review_counts_stale_mandates_new_and_closed_this_year_and_a_twelve_month_trend_from_the_database(
        bool sideBySide)
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var review = await (await ReviewerAsync(lead, sideBySide)).ReviewAsync(new ReviewCaseload.Query(StaleWeeks: 4));
        Assert.Equal(4, review.StaleWeeks);
        Assert.Equal(12, review.Trend.Count);
        var today = review.Today;
        await using var db = await lead.DbAsync();
        var yearStart = new DateOnly(today.Year, 1, 1);
        var staleBefore = today.AddDays(-28);
        foreach (var r in review.Rows)
        {
            Assert.Equal(await db.Mandates.CountAsync(m => m.OmbudId == r.OmbudId && m.Status != MandateStatus.Closed
                && m.Status != MandateStatus.Waiting && m.LastActivityOn < staleBefore), r.Stale);
            Assert.Equal(await db.Mandates.CountAsync(m => m.OmbudId == r.OmbudId && m.StartDate >= yearStart), r.NewThisYear);
            Assert.Equal(await db.Mandates.CountAsync(m => m.OmbudId == r.OmbudId && m.ClosedOn >= yearStart), r.ClosedThisYear);
            Assert.Equal(await db.Needs.CountAsync(n => n.Mandate!.OmbudId == r.OmbudId && n.Mandate.Status != MandateStatus.Closed
                && (n.Status == NeedStatus.Identified || n.Status == NeedStatus.InProgress)), r.OpenNeeds);
        }
        Assert.Equal(review.Rows.Sum(r => r.OpenNeeds), review.Needs.Sum(n => n.Total));
        var last = review.Trend[^1];
        Assert.Equal(await db.Mandates.CountAsync(m => m.StartDate != null && m.Status != MandateStatus.Closed), last.OpenAtEnd);
        Assert.Equal(await db.Mandates.CountAsync(m => m.Status == MandateStatus.Waiting), last.WaitingAtEnd);
        // Every month against a brute-force count over every mandate's dates (the handler back-counts from today).
        var spans = await db.Mandates.Select(m => new { m.RegisteredOn, m.StartDate, m.ClosedOn }).ToListAsync();
        foreach (var month in review.Trend)
        {
            var lastDay = month.First.AddMonths(1).AddDays(-1);
            var end = lastDay < today ? lastDay : today;
            Assert.Equal(spans.Count(s => s.StartDate >= month.First && s.StartDate <= lastDay), month.Started);
            Assert.Equal(spans.Count(s => s.ClosedOn >= month.First && s.ClosedOn <= lastDay), month.Closed);
            Assert.Equal(spans.Count(s => s.StartDate <= end && (s.ClosedOn == null || s.ClosedOn > end)), month.OpenAtEnd);
            Assert.Equal(
                spans.Count(s => s.RegisteredOn <= end
                    && (s.StartDate == null || s.StartDate > end)
                    && (s.ClosedOn == null || s.ClosedOn > end)),
                month.WaitingAtEnd);
        }
        Assert.Contains(review.Trend, m => m.Started > 0);
        Assert.Contains(review.Trend, m => m.WaitingAtEnd != last.WaitingAtEnd || m.OpenAtEnd != last.OpenAtEnd); // the months differ
        Assert.True(review.Rows.Sum(r => r.Stale) > 0); // the demo caseload has quiet mandates
        var longer = await lead.Get<ReviewCaseload.Handler>().ReviewAsync(new ReviewCaseload.Query(StaleWeeks: 26));
        Assert.True(longer.Rows.Sum(r => r.Stale) <= review.Rows.Sum(r => r.Stale));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_review_counts_overdue_sip_follow_ups_and_measures_this_month_and_needs_per_life_area_as_a_brute_force_count_does(
        bool sideBySide)
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var review = await (await ReviewerAsync(lead, sideBySide)).ReviewAsync(new ReviewCaseload.Query());
        var today = review.Today;
        await using var db = await lead.DbAsync();
        // Every open mandate with all its meetings and measures, through the domain's rules for the current SIP.
        var mandates = await db.Mandates.AsNoTracking().Where(m => m.Status != MandateStatus.Closed && m.OmbudId != null)
            .Include(m => m.SipMeetings).ThenInclude(s => s.Measures).ToListAsync();
        foreach (var r in review.Rows)
        {
            int followUps = 0, measures = 0;
            foreach (var m in mandates.Where(m => m.OmbudId == r.OmbudId))
            {
                if (SipMeeting.Current(m.SipMeetings) is not { Status: not SipStatus.Cancelled } current) continue;
                if (!current.IsFollowedUpIn(m.SipMeetings) && current.IsFollowUpOverdue(today)) followUps++;
                measures += current.Measures.Count(x => x.IsOverdue(today));
            }
            Assert.Equal(followUps, r.SipFollowUpsOverdue);
            Assert.Equal(measures, r.SipMeasuresOverdue);
        }
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        foreach (var r in review.Rows)
        {
            Assert.Equal(await db.Mandates.CountAsync(m => m.OmbudId == r.OmbudId && m.StartDate >= monthStart), r.NewThisMonth);
            Assert.Equal(await db.Mandates.CountAsync(m => m.OmbudId == r.OmbudId && m.ClosedOn >= monthStart), r.ClosedThisMonth);
        }
        // The demo caseload has an overdue follow-up, overdue measures and a followed-up meeting whose measures were handed on.
        Assert.True(review.Rows.Sum(r => r.SipFollowUpsOverdue) > 0);
        Assert.True(review.Rows.Sum(r => r.SipMeasuresOverdue) > 0);

        var needs = await db.Needs.Where(n => n.Mandate!.Status != MandateStatus.Closed
                && (n.Status == NeedStatus.Identified || n.Status == NeedStatus.InProgress))
            .Select(n => new { n.Mandate!.OmbudId, Area = n.LifeArea!.Name }).ToListAsync();
        var ombudIds = review.Rows.Select(r => r.OmbudId).ToHashSet();
        Assert.Equal(needs.Where(n => ombudIds.Contains(n.OmbudId!)).Select(n => n.Area).Distinct().Order(),
            review.Needs.Select(n => n.LifeArea).Order());
        foreach (var area in review.Needs)
            foreach (var r in review.Rows)
            {
                var expected = needs.Count(n => n.OmbudId == r.OmbudId && n.Area == area.LifeArea);
                Assert.Equal(expected, area.PerOmbud.GetValueOrDefault(r.OmbudId));
            }
    }

    /// <summary>
    /// The review as the app resolves it (the demo unit is small: its reads run in turn), or with a threshold of 0, so that
    /// the same handler reads its two halves side by side on connections of their own, as for a large unit (ParallelReads).
    /// </summary>
    private static async Task<ReviewCaseload.Handler> ReviewerAsync(HostScope lead, bool sideBySide)
    {
        if (!sideBySide) return lead.Get<ReviewCaseload.Handler>();
        var dbf = lead.Get<IDbContextFactory<OmbudDbContext>>();
        Assert.True(await ParallelReads.OwnConnectionsAsync(dbf, default)); // else BothAsync would read in turn after all
        var config = new ConfigurationBuilder().AddConfiguration(lead.Get<IConfiguration>())
            .AddInMemoryCollection(new Dictionary<string, string?> { [ReviewCaseload.LargeOpenCaseloadSetting] = "0" }).Build();
        return new ReviewCaseload.Handler(dbf, lead.Get<ICurrentUser>(), lead.Get<TimeProvider>(), config);
    }

    [Fact]
    public async Task A_mandate_of_another_unit_never_counts_even_with_one_of_the_units_ombud_on_it()
    {
        // Defence in depth: an ombud's mandates are their unit's, but should an account ever move to another unit (or the
        // data be mended by hand), the review still counts the unit's own mandates only. Its own database: the mandate is
        // moved to another unit straight in the database.
        await using var own = new OmbudAppFactory();
        await using var lead = await HostScope.AsAsync(own, "chef");
        var before = await lead.Get<ReviewCaseload.Handler>().ReviewAsync(new ReviewCaseload.Query());
        var today = before.Today;
        int moved;
        string ombudId;
        await using (var db = await lead.DbAsync())
        {
            var m = await db.Mandates.Where(m => m.OmbudId != null && m.StartDate >= new DateOnly(today.Year, 1, 1)
                    && m.Status == MandateStatus.Active
                    && m.Needs.Any(n => n.Status == NeedStatus.Identified || n.Status == NeedStatus.InProgress))
                .Select(m => new { m.Id, m.OmbudId }).FirstAsync();
            (moved, ombudId) = (m.Id, m.OmbudId!);
            var other = new Unit { Name = "PO Syd" };
            db.Units.Add(other);
            await db.SaveChangesAsync();
            await db.Mandates.Where(x => x.Id == moved).ExecuteUpdateAsync(u => u.SetProperty(x => x.UnitId, other.Id));
        }
        var openNeeds = before.Rows.Single(r => r.OmbudId == ombudId).OpenNeeds;
        await using (var db = await lead.DbAsync())
            openNeeds -= await db.Needs.CountAsync(n => n.MandateId == moved
                && (n.Status == NeedStatus.Identified || n.Status == NeedStatus.InProgress));
        foreach (var sideBySide in new[] { false, true })
        {
            var after = await (await ReviewerAsync(lead, sideBySide)).ReviewAsync(new ReviewCaseload.Query());
            var was = before.Rows.Single(r => r.OmbudId == ombudId);
            var now = after.Rows.Single(r => r.OmbudId == ombudId);
            Assert.Equal(was.Active - 1, now.Active);
            Assert.Equal(was.NewThisYear - 1, now.NewThisYear);
            Assert.Equal(openNeeds, now.OpenNeeds);
            Assert.Equal(before.Trend[^1].OpenAtEnd - 1, after.Trend[^1].OpenAtEnd);
        }
    }

    [Fact]
    public async Task An_ombud_cannot_use_the_unit_overview()
    {
        await using var ombud = await HostScope.AsAsync(app, "ombud");
        await Assert.ThrowsAsync<DomainException>(() => ombud.Get<ReviewCaseload.Handler>().HandleAsync());
    }
}
