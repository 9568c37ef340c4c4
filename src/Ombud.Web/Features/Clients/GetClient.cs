namespace Ombud.Web.Features.Clients;

/// <summary>Everything the client page shows. Each read is audit-logged (who, when, which client — never values).</summary>
public static class GetClient
{
    public sealed record Details(
        int ClientId, string Code, string? Name, string? PersonalNumber, Gender Gender, int? BirthYear, int MunicipalityId,
        string Municipality, ChildrenAtHome ChildrenAtHome, MandateInfo Mandate, IReadOnlyList<NeedInfo> Needs,
        IReadOnlyList<ConsentInfo> Consents, IReadOnlyList<ContactInfo> Contacts, IReadOnlyList<PastMandate> PastMandates,
        DateTime? AnonymisedAtUtc, DateOnly? DisposeOn, long Version = 0)
    {
        public bool IsAnonymised => AnonymisedAtUtc is not null;
        public int ContactsWithoutConsent => Contacts.Count(c => c.WithoutConsent);
    }

    public sealed record MandateInfo(int Id, MandateStatus Status, DateOnly RegisteredOn, DateOnly? StartDate, DateOnly? PausedOn,
        DateOnly? ClosedOn, string? ClosureReason, string? ReferralPath, IReadOnlyList<string> ContactReasons, DateOnly LastActivityOn,
        long Version = 0);

    public sealed record NeedInfo(int Id, int LifeAreaId, string LifeArea, string ClientWords, NeedStatus Status, DateOnly IdentifiedOn,
        DateOnly? ResolvedOn, long Version = 0);

    public sealed record ConsentInfo(int Id, int ActorId, string Actor, DateOnly GivenOn, ConsentForm Form, DateOnly? ValidUntil,
        DateOnly? WithdrawnOn, bool ValidToday, long Version = 0);

    public sealed record ContactInfo(int Id, int ActorId, string Actor, DateOnly Date, ContactChannel Channel,
        IReadOnlyList<int> HelpKindIds, IReadOnlyList<string> HelpKinds, int? NeedId, string? Need, string? Outcome,
        DateOnly? FollowUpOn, bool WithoutConsent, long Version = 0);

    public sealed record PastMandate(int Id, DateOnly RegisteredOn, DateOnly? StartDate, DateOnly? ClosedOn, string? ClosureReason);

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        /// <summary>The client's details, or null when it does not exist or is not the user's (the attempt is then logged).</summary>
        public async Task<Details?> HandleAsync(int clientId, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var client = await db.Clients.AsNoTracking().OwnedBy(me).Where(c => c.Id == clientId)
                .Select(c => new
                {
                    c.Id,
                    c.Code,
                    c.Name,
                    c.PersonalNumber,
                    c.Gender,
                    c.BirthYear,
                    c.MunicipalityId,
                    Municipality = c.Municipality!.Name,
                    c.ChildrenAtHome,
                    c.AnonymisedAtUtc,
                    c.DisposeOn,
                    c.Version,
                })
                .FirstOrDefaultAsync(ct);
            if (client is null)
            {
                await ClientAccess.DenyAsync(db, audit, log, me, nameof(Client), clientId.ToString(), null, ct);
                return null;
            }

            var mandates = await db.Mandates.AsNoTracking().Where(m => m.ClientId == clientId)
                .OrderByDescending(m => m.RegisteredOn).ThenByDescending(m => m.Id)
                .Select(m => new
                {
                    m.Id,
                    m.Status,
                    m.RegisteredOn,
                    m.StartDate,
                    m.PausedOn,
                    m.ClosedOn,
                    ClosureReason = m.ClosureReason!.Name,
                    ReferralPath = m.ReferralPath!.Name,
                    m.LastActivityOn,
                    m.Version,
                }).ToListAsync(ct);
            if (mandates.Count == 0)
            {
                // Every client is registered with a mandate; a client without one is broken data, shown as "not found", not a crash.
                log.LogWarning("Client {ClientId} has no mandate", clientId);
                return null;
            }
            var current = mandates[0];
            var today = clock.Today();
            // Many-to-many lists are read in queries of their own, joined from the one mandate's rows: projected inside the
            // list above (or the contacts below), EF left-joins a subquery over the whole link table, which SQLite
            // materialises in full on every view (4.9 M help-kind rows at the national profile, issue #13).
            var reasons = await db.Mandates.AsNoTracking().Where(m => m.Id == current.Id).SelectMany(m => m.ContactReasons)
                .OrderBy(r => r.SortOrder).ThenBy(r => r.Id).Select(r => r.Name).ToListAsync(ct);

            var needs = await db.Needs.AsNoTracking().Where(n => n.MandateId == current.Id)
                .OrderBy(n => n.Status == NeedStatus.Met).ThenByDescending(n => n.IdentifiedOn).ThenByDescending(n => n.Id)
                .Select(n => new NeedInfo(
                    n.Id, n.LifeAreaId, n.LifeArea!.Name, n.ClientWords, n.Status, n.IdentifiedOn, n.ResolvedOn, n.Version))
                .ToListAsync(ct);
            var consents = (await db.Consents.AsNoTracking().Where(c => c.MandateId == current.Id)
                .OrderByDescending(c => c.GivenOn).ThenByDescending(c => c.Id).Include(c => c.Actor).ToListAsync(ct))
                .Select(c => new ConsentInfo(
                    c.Id, c.ActorId, c.Actor!.Name, c.GivenOn, c.Form, c.ValidUntil, c.WithdrawnOn, c.IsValidOn(today), c.Version))
                .ToList();
            var helpKinds = (await db.AuthorityContacts.AsNoTracking().Where(a => a.MandateId == current.Id)
                    .SelectMany(a => a.HelpKinds, (a, h) => new { ContactId = a.Id, h.Id, h.Name, h.SortOrder })
                    .ToListAsync(ct))
                .OrderBy(h => h.SortOrder).ThenBy(h => h.Id).ToLookup(h => h.ContactId);
            var contacts = (await db.AuthorityContacts.AsNoTracking().Where(a => a.MandateId == current.Id)
                    .OrderByDescending(a => a.Date).ThenByDescending(a => a.Id)
                    .Select(a => new
                    {
                        a.Id,
                        a.ActorId,
                        Actor = a.Actor!.Name,
                        a.Date,
                        a.Channel,
                        a.NeedId,
                        Need = a.Need != null ? a.Need.LifeArea!.Name : null,
                        a.Outcome,
                        a.FollowUpOn,
                        a.WithoutConsent,
                        a.Version,
                    })
                    .ToListAsync(ct))
                .Select(a => new ContactInfo(a.Id, a.ActorId, a.Actor, a.Date, a.Channel,
                    helpKinds[a.Id].Select(h => h.Id).ToList(), helpKinds[a.Id].Select(h => h.Name).ToList(),
                    a.NeedId, a.Need, a.Outcome, a.FollowUpOn, a.WithoutConsent, a.Version))
                .ToList();

            await audit.RecordReadAsync(db, AuditActions.Viewed, nameof(Client), clientId.ToString(), clientId, ct);

            return new Details(client.Id, client.Code, client.Name,
                client.PersonalNumber is null ? null : PersonalNumber.Format(client.PersonalNumber), client.Gender, client.BirthYear,
                client.MunicipalityId, client.Municipality, client.ChildrenAtHome,
                new MandateInfo(current.Id, current.Status, current.RegisteredOn, current.StartDate, current.PausedOn, current.ClosedOn,
                    current.ClosureReason, current.ReferralPath, reasons, current.LastActivityOn, current.Version),
                needs, consents, contacts,
                mandates.Skip(1).Select(m => new PastMandate(m.Id, m.RegisteredOn, m.StartDate, m.ClosedOn, m.ClosureReason)).ToList(),
                client.AnonymisedAtUtc, client.DisposeOn, client.Version);
        }
    }
}
