using Ombud.Web.Features.Caseload;
using Ombud.Web.Features.Clients;

namespace Ombud.IntegrationTests;

public class WaitingListTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private static async Task<AddToWaitingList.Command> NewEntryAsync(HostScope lead)
    {
        await using var db = await lead.DbAsync();
        var today = lead.Get<TimeProvider>().Today().ToDateTime(TimeOnly.MinValue);
        return new AddToWaitingList.Command
        {
            RegisteredOn = today.AddDays(-10),
            MunicipalityId = await db.Municipalities.Select(m => m.Id).FirstAsync(),
            ReferralPathId = await db.Categories.Where(c => c.Kind == CategoryKind.ReferralPath).Select(c => c.Id).FirstAsync(),
            ContactReasonIds = await db.Categories.Where(c => c.Kind == CategoryKind.ContactReason).Select(c => c.Id).Take(2).ToListAsync(),
        };
    }

    private static DateTime Today(HostScope scope) => scope.Get<TimeProvider>().Today().ToDateTime(TimeOnly.MinValue);

    [Fact]
    public async Task A_person_waits_without_an_ombud_until_the_lead_assigns_one_who_then_sees_the_active_mandate()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var code = await lead.Get<AddToWaitingList.Handler>().HandleAsync(await NewEntryAsync(lead));

        var list = await lead.Get<ListWaitingList.Handler>().HandleAsync(new ListWaitingList.Query(OnlyUnassigned: true, PageSize: 200));
        var row = Assert.Single(list.Rows, r => r.Code == code);
        Assert.Null(row.OmbudId);
        Assert.Equal(10, row.DaysWaiting);
        Assert.Equal(2, row.ContactReasons.Count);
        Assert.True(list.Unassigned >= 1);

        await using (var ombud = await HostScope.AsAsync(app, "ombud"))
        {
            var mine = await ombud.Get<ListMyClients.Handler>().HandleAsync(new ListMyClients.Query { Search = code });
            Assert.Empty(mine.Rows); // nobody's client yet
        }

        string ombudId;
        await using (var db = await lead.DbAsync())
            ombudId = await db.Users.Where(u => u.UserName == "ombud").Select(u => u.Id).FirstAsync();
        await lead.Get<AssignFromWaitingList.Handler>().HandleAsync(new AssignFromWaitingList.Command
        {
            ClientId = row.ClientId,
            OmbudId = ombudId,
            StartDate = Today(lead),
        });

        await using (var db = await lead.DbAsync())
        {
            var mandate = await db.Mandates.SingleAsync(m => m.ClientId == row.ClientId);
            Assert.Equal(MandateStatus.Active, mandate.Status);
            Assert.Equal(ombudId, mandate.OmbudId);
            Assert.Equal(lead.Get<TimeProvider>().Today(), mandate.StartDate);
            Assert.True(await db.AuditEntries.AnyAsync(a =>
                a.ClientId == row.ClientId && a.EntityType == nameof(Mandate) && a.Action == AuditActions.Changed));
        }
        await using (var ombud = await HostScope.AsAsync(app, "ombud"))
        {
            var mine = await ombud.Get<ListMyClients.Handler>().HandleAsync(new ListMyClients.Query { Search = code });
            Assert.Equal(code, Assert.Single(mine.Rows).Code);
        }
        var after = await lead.Get<ListWaitingList.Handler>().HandleAsync(new ListWaitingList.Query(PageSize: 200));
        Assert.DoesNotContain(after.Rows, r => r.Code == code);
        await Assert.ThrowsAsync<DomainException>(() =>
            lead.Get<AssignFromWaitingList.Handler>().HandleAsync(new AssignFromWaitingList.Command
            {
                ClientId = row.ClientId,
                OmbudId = ombudId,
                StartDate = Today(lead),
            })); // no longer waiting
    }

    [Fact]
    public async Task Only_the_lead_handles_the_waiting_list_and_only_with_the_units_active_ombud()
    {
        await using var ombud = await HostScope.AsAsync(app, "ombud");
        await Assert.ThrowsAsync<DomainException>(() => ombud.Get<ListWaitingList.Handler>().HandleAsync(new ListWaitingList.Query()));
        await Assert.ThrowsAsync<DomainException>(async () =>
            await ombud.Get<AddToWaitingList.Handler>().HandleAsync(await NewEntryAsync(ombud)));

        await using var lead = await HostScope.AsAsync(app, "chef");
        var code = await lead.Get<AddToWaitingList.Handler>().HandleAsync(await NewEntryAsync(lead));
        var row = (await lead.Get<ListWaitingList.Handler>().HandleAsync(new ListWaitingList.Query(PageSize: 200)))
            .Rows.Single(r => r.Code == code);
        string adminId;
        await using (var db = await lead.DbAsync())
            adminId = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).FirstAsync();
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            lead.Get<AssignFromWaitingList.Handler>().HandleAsync(new AssignFromWaitingList.Command
            {
                ClientId = row.ClientId,
                OmbudId = adminId,
                StartDate = Today(lead),
            }));
        Assert.Contains("Ombudet finns inte", ex.Message);
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            lead.Get<AssignFromWaitingList.Handler>().HandleAsync(new AssignFromWaitingList.Command
            {
                ClientId = row.ClientId,
                OmbudId = adminId,
                StartDate = Today(lead).AddDays(3),
            }));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() =>
            lead.Get<AssignFromWaitingList.Handler>().HandleAsync(new AssignFromWaitingList.Command
            {
                ClientId = 999_999,
                OmbudId = adminId,
                StartDate = Today(lead),
            }));
    }
}
