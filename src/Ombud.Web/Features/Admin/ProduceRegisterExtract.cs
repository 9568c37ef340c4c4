namespace Ombud.Web.Features.Admin;

/// <summary>
/// Registerutdrag (GDPR art. 15) on a recorded request when the client's ombud is gone: everything Ombud holds about
/// the client, every mandate, as a readable document. The request is recorded and the read audit-logged.
/// </summary>
public static class ProduceRegisterExtract
{
    public sealed record Extract(string Code, string? Name, string? PersonalNumber, Gender Gender, int? BirthYear, string Municipality,
        ChildrenAtHome ChildrenAtHome, DateTime? AnonymisedAtUtc, DateOnly? DisposeOn, IReadOnlyList<MandatePart> Mandates);

    public sealed record MandatePart(
        MandateStatus Status, DateOnly RegisteredOn, DateOnly? StartDate, DateOnly? ClosedOn, string? ClosureReason,
        string? ReferralPath, IReadOnlyList<string> ContactReasons, IReadOnlyList<NeedPart> Needs, IReadOnlyList<ContactPart> Contacts,
        IReadOnlyList<ConsentPart> Consents, IReadOnlyList<SipPart> Sips);

    public sealed record NeedPart(string LifeArea, string Words, NeedStatus Status, DateOnly IdentifiedOn);
    public sealed record ContactPart(DateOnly Date, string Actor, ContactChannel Channel, string? Outcome, DateOnly? FollowUpOn);
    public sealed record ConsentPart(string Actor, ConsentForm Form, DateOnly GivenOn, DateOnly? ValidUntil, DateOnly? WithdrawnOn);
    public sealed record SipPart(
        DateOnly Date, SipStatus Status, string? Place, string? Goals, DateOnly? FollowUpOn, IReadOnlyList<string> Measures);

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf,
        IValidator<ListDataSubjectRequests.Command> validator,
        ICurrentUser currentUser,
        AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<Extract> HandleAsync(ListDataSubjectRequests.Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("ta fram registerutdrag på begäran");
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var found = await ListDataSubjectRequests.FindClientForAdminAsync(db, me, cmd.ClientCode!, ct);
            var c = await db.Clients.AsNoTracking().AsSplitQuery()
                .Include(x => x.Municipality)
                .Include(x => x.Mandates).ThenInclude(m => m.ClosureReason)
                .Include(x => x.Mandates).ThenInclude(m => m.ReferralPath)
                .Include(x => x.Mandates).ThenInclude(m => m.ContactReasons)
                .Include(x => x.Mandates).ThenInclude(m => m.Needs).ThenInclude(n => n.LifeArea)
                .Include(x => x.Mandates).ThenInclude(m => m.Contacts).ThenInclude(a => a.Actor)
                .Include(x => x.Mandates).ThenInclude(m => m.Consents).ThenInclude(a => a.Actor)
                .Include(x => x.Mandates).ThenInclude(m => m.SipMeetings).ThenInclude(s => s.Measures).ThenInclude(x => x.Actor)
                .FirstAsync(x => x.Id == found.Id, ct);

            db.ClientRequests.Add(
                ListDataSubjectRequests.Record(me, c, ClientRequestKind.RegisterExtract, cmd, clock.GetUtcNow().UtcDateTime));
            await audit.RecordReadAsync(db, AuditActions.Viewed, "RegisterExtract", c.Id.ToString(), c.Id, ct);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Register extract of client {ClientId} produced on request by {UserId}", c.Id, me.Id);

            return new Extract(
                c.Code, c.Name, c.PersonalNumber, c.Gender, c.BirthYear, c.Municipality!.Name, c.ChildrenAtHome, c.AnonymisedAtUtc,
                c.DisposeOn,
                c.Mandates.OrderBy(m => m.RegisteredOn)
                    .Select(m => new MandatePart(m.Status, m.RegisteredOn, m.StartDate, m.ClosedOn, m.ClosureReason?.Name,
                    m.ReferralPath?.Name, m.ContactReasons.OrderBy(r => r.SortOrder).Select(r => r.Name).ToList(),
                    m.Needs.OrderBy(n => n.IdentifiedOn)
                        .Select(n => new NeedPart(n.LifeArea!.Name, n.ClientWords, n.Status, n.IdentifiedOn)).ToList(),
                    m.Contacts.OrderBy(a => a.Date)
                        .Select(a => new ContactPart(a.Date, a.Actor!.Name, a.Channel, a.Outcome, a.FollowUpOn)).ToList(),
                    m.Consents.OrderBy(a => a.GivenOn)
                        .Select(a => new ConsentPart(a.Actor!.Name, a.Form, a.GivenOn, a.ValidUntil, a.WithdrawnOn)).ToList(),
                    m.SipMeetings.OrderBy(s => s.Date).Select(s => new SipPart(s.Date, s.Status, s.Place, s.ClientGoals, s.FollowUpOn,
                        s.Measures.Select(x => $"{x.Actor!.Name}: {x.What} ({x.Status.Name()})").ToList())).ToList()))
                .ToList());
        }
    }
}
