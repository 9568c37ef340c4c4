using System.Text.Json;
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

    [Fact]
    public async Task The_review_counts_stale_mandates_new_and_closed_this_year_and_a_twelve_month_trend_from_the_database()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var review = await lead.Get<ReviewCaseload.Handler>().ReviewAsync(new ReviewCaseload.Query(StaleWeeks: 4));
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

    [Fact]
    public async Task The_review_counts_overdue_sip_follow_ups_and_measures_this_month_and_needs_per_life_area_as_a_brute_force_count_does()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var review = await lead.Get<ReviewCaseload.Handler>().ReviewAsync(new ReviewCaseload.Query());
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

    [Fact]
    public async Task Side_by_side_the_review_gives_exactly_what_it_gives_in_turn()
    {
        // The demo unit is small, so the review reads in turn; a threshold of 0 makes the same handler read its two halves
        // side by side on connections of their own, as it does for a large unit (ParallelReads).
        await using var lead = await HostScope.AsAsync(app, "chef");
        var config = lead.Get<IConfiguration>();
        var sideBySideConfig = new ConfigurationBuilder().AddConfiguration(config)
            .AddInMemoryCollection(new Dictionary<string, string?> { [ReviewCaseload.LargeOpenCaseloadSetting] = "0" }).Build();
        var sideBySide = new ReviewCaseload.Handler(
            lead.Get<IDbContextFactory<OmbudDbContext>>(), lead.Get<ICurrentUser>(), lead.Get<TimeProvider>(), sideBySideConfig);
        var query = new ReviewCaseload.Query(StaleWeeks: 4);
        var inTurn = await lead.Get<ReviewCaseload.Handler>().ReviewAsync(query);
        var both = await sideBySide.ReviewAsync(query);
        Assert.True(inTurn.Rows.Sum(r => r.NewThisYear + r.ClosedThisYear + r.SipMeasuresOverdue + r.OpenNeeds) > 0);
        Assert.Contains(inTurn.Trend, m => m.Started > 0);
        Assert.Equal(JsonSerializer.Serialize(inTurn), JsonSerializer.Serialize(both));
    }

    [Fact]
    public async Task An_ombud_cannot_use_the_unit_overview()
    {
        await using var ombud = await HostScope.AsAsync(app, "ombud");
        await Assert.ThrowsAsync<DomainException>(() => ombud.Get<ReviewCaseload.Handler>().HandleAsync());
    }
}
