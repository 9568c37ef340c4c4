using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ombud.Web.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change to client data (who, when, which record, which action — never
/// values), in the same transaction as the change. Reads are recorded explicitly with <see cref="RecordReadAsync"/> (in the
/// background, <see cref="AuditWriter"/>), other events with <see cref="RecordAsync"/>. Denied attempts go through the writer too.
/// </summary>
public sealed class AuditInterceptor(ICurrentUser currentUser, TimeProvider clock, AuditWriter? writer = null) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Audited = [
        typeof(Client), typeof(Mandate), typeof(Need), typeof(Consent), typeof(AuthorityContact),
        typeof(SipMeeting), typeof(SipParticipant), typeof(SipMeasure)];
    /// <summary>Per-context save state: one interceptor serves every context of a circuit, and saves may overlap.</summary>
    private sealed class SaveState
    {
        public List<(EntityEntry Entry, string Action)>? Pending;
        public IDbContextTransaction? OwnTransaction;
        public bool WritingAudit;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, SaveState> _states = new();

    private SaveState StateOf(DbContext? db) => db is null ? new SaveState() : _states.GetOrCreateValue(db);

    /// <summary>
    /// Records an event (or a denied attempt) at once. <paramref name="unitId"/> puts the row in another unit's log than the
    /// signed-in user's (a Regional uppföljare's view of a unit's figures goes to that unit's log).
    /// </summary>
    public async Task RecordAsync(
        OmbudDbContext db, string action, string entityType, string? entityId, int? clientId, CancellationToken ct = default,
        int? unitId = null)
    {
        var entry = await NewEntry(db, action, entityType, entityId, clientId, ct);
        if (unitId is not null) entry.UnitId = unitId;
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The audit rows the interceptor would write for records saved outside <c>SaveChanges</c> (the import's bulk insert,
    /// <see cref="BulkInsert"/>): the caller writes them in the same transaction. <paramref name="clientsUnitId"/> is the
    /// records' unit, used when no one is signed in (the command line), as for the interceptor's own rows.
    /// </summary>
    public async Task<List<AuditEntry>> EntriesForAsync(
        string action,
        IEnumerable<(string Type, int Id, int ClientId)> records,
        int clientsUnitId)
    {
        var user = await currentUser.FindAsync() ?? UserInfo.System;
        var at = clock.GetUtcNow().UtcDateTime;
        return records.Select(r => new AuditEntry
        {
            UnitId = user.UnitId > 0 ? user.UnitId : clientsUnitId,
            AtUtc = at,
            UserId = user.Id,
            UserName = user.UserName,
            Action = action,
            EntityType = r.Type,
            EntityId = r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ClientId = r.ClientId,
        }).ToList();
    }

    /// <summary>
    /// Records a read (a view, an export) or a denied attempt through the background <see cref="AuditWriter"/>: the page
    /// does not wait for the database's write lock. Without a writer (handler tests) it is written at once, as
    /// <see cref="RecordAsync"/> does.
    /// </summary>
    public async Task RecordReadAsync(
        OmbudDbContext db, string action, string entityType, string? entityId, int? clientId, CancellationToken ct = default,
        int? unitId = null)
    {
        var entry = await NewEntry(db, action, entityType, entityId, clientId, ct);
        if (unitId is not null) entry.UnitId = unitId;
        if (writer is null)
        {
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(ct);
        }
        else await writer.WriteAsync(db, entry, ct);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is not OmbudDbContext db) return result;
        var state = StateOf(db);
        if (state.WritingAudit) return result;
        var pending = db.ChangeTracker.Entries()
            .Where(IsAuditedChange)
            .Select(
                e => (
                    e,
                    e.State switch
                    {
                        EntityState.Added => AuditActions.Created,
                        EntityState.Deleted => AuditActions.Deleted,
                        _ => AuditActions.Changed
                    }))
            .ToList();
        if (pending.Count == 0) return result;
        state.Pending = pending;
        if (db.Database.CurrentTransaction is null && db.Database.IsRelational())
            state.OwnTransaction = await db.Database.BeginTransactionAsync(ct);
        return result;
    }

    /// <summary>Synchronous saves are fine for other data (e.g. data-protection keys); client data must be saved async.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is not null
            && !StateOf(eventData.Context).WritingAudit
            && eventData.Context.ChangeTracker.Entries().Any(IsAuditedChange))
            throw new InvalidOperationException("Use SaveChangesAsync: client data changes are audited asynchronously.");
        return result;
    }

    private static bool IsAuditedChange(EntityEntry e) =>
        Audited.Contains(e.Entity.GetType()) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken ct = default)
    {
        if (eventData.Context is not OmbudDbContext db) return result;
        var state = StateOf(db);
        if (state.WritingAudit || state.Pending is not { } pending) return result;
        state.Pending = null;
        try
        {
            state.WritingAudit = true;
            var tracked = new Tracked(db); // one pass over the tracked entities, not one per audit row (an import saves thousands)
            var user = await currentUser.FindAsync() ?? UserInfo.System;
            foreach (var (entry, action) in pending)
            {
                var (type, id, clientId) = await Describe(db, tracked, entry, ct);
                db.AuditEntries.Add(await NewEntry(db, action, type, id, clientId, ct, tracked, user));
            }
            await db.SaveChangesAsync(ct);
            if (state.OwnTransaction is not null) await state.OwnTransaction.CommitAsync(ct);
        }
        finally
        {
            state.WritingAudit = false;
            if (state.OwnTransaction is not null) { await state.OwnTransaction.DisposeAsync(); state.OwnTransaction = null; }
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is null) return;
        var state = StateOf(eventData.Context);
        state.Pending = null;
        if (state.OwnTransaction is not null && !state.WritingAudit)
        {
            await state.OwnTransaction.RollbackAsync(ct);
            await state.OwnTransaction.DisposeAsync();
            state.OwnTransaction = null;
        }
    }

    private async Task<AuditEntry> NewEntry(OmbudDbContext db, string action, string type, string? id, int? clientId, CancellationToken ct,
        Tracked? tracked = null, UserInfo? user = null)
    {
        user ??= await currentUser.FindAsync() ?? UserInfo.System;
        var unit = user.UnitId > 0 ? user.UnitId : clientId is { } c ? await UnitOfClient(db, tracked ?? new Tracked(db), c, ct) : null;
        return new AuditEntry
        {
            UnitId = unit,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = user.Id,
            UserName = user.UserName,
            Action = action,
            EntityType = type,
            EntityId = id,
            ClientId = clientId,
        };
    }

    /// <summary>
    /// The tracked clients, mandates and SIP meetings by id, read once per save: <c>ChangeTracker.Entries</c> detects changes
    /// over every tracked entity on each call, so asking it once per audit row made a 10,000-row import quadratic.
    /// </summary>
    private sealed class Tracked(OmbudDbContext db)
    {
        private Dictionary<int, int>? _clientUnit, _mandateClient, _sipMandate;

        public int? UnitOf(int clientId) =>
            (_clientUnit ??= ById(db.ChangeTracker.Entries<Client>().Select(e => (e.Entity.Id, e.Entity.UnitId)))).TryGetValue(
                clientId, out var u)
                ? u
                : null;

        public int? ClientOf(int mandateId) =>
            (_mandateClient ??= ById(db.ChangeTracker.Entries<Mandate>().Select(e => (e.Entity.Id, e.Entity.ClientId)))).TryGetValue(
                mandateId, out var c)
                ? c
                : null;

        public int? MandateOfSip(int sipId) =>
            (_sipMandate ??= ById(db.ChangeTracker.Entries<SipMeeting>().Select(e => (e.Entity.Id, e.Entity.MandateId)))).TryGetValue(
                sipId, out var m)
                ? m
                : null;

        private static Dictionary<int, int> ById(IEnumerable<(int Id, int Value)> rows)
        {
            var d = new Dictionary<int, int>();
            foreach (var (id, value) in rows) d.TryAdd(id, value);
            return d;
        }
    }

    private static async Task<int?> UnitOfClient(OmbudDbContext db, Tracked tracked, int clientId, CancellationToken ct) =>
        tracked.UnitOf(clientId)
        ?? await db.Clients.IgnoreQueryFilters().Where(x => x.Id == clientId).Select(x => (int?)x.UnitId).FirstOrDefaultAsync(ct);

    private static async Task<(string Type, string? Id, int? ClientId)> Describe(
        OmbudDbContext db, Tracked tracked, EntityEntry entry, CancellationToken ct)
    {
        async Task<int?> ClientOfMandate(int mandateId) =>
            tracked.ClientOf(mandateId)
            ?? await db.Mandates.IgnoreQueryFilters().Where(m => m.Id == mandateId).Select(m => (int?)m.ClientId).FirstOrDefaultAsync(ct);
        async Task<int?> ClientOfSip(int sipId) =>
            tracked.MandateOfSip(sipId) is { } mandateId
                ? await ClientOfMandate(mandateId)
                : await db.SipMeetings.IgnoreQueryFilters()
                    .Where(s => s.Id == sipId)
                    .Select(s => (int?)s.Mandate!.ClientId)
                    .FirstOrDefaultAsync(ct);

        return entry.Entity switch
        {
            Client c => (nameof(Client), c.Id.ToString(), c.Id),
            Mandate m => (nameof(Mandate), m.Id.ToString(), m.ClientId),
            Need n => (nameof(Need), n.Id.ToString(), await ClientOfMandate(n.MandateId)),
            Consent c => (nameof(Consent), c.Id.ToString(), await ClientOfMandate(c.MandateId)),
            AuthorityContact a => (nameof(AuthorityContact), a.Id.ToString(), await ClientOfMandate(a.MandateId)),
            SipMeeting s => (nameof(SipMeeting), s.Id.ToString(), await ClientOfMandate(s.MandateId)),
            SipParticipant p => (nameof(SipParticipant), p.Id.ToString(), await ClientOfSip(p.SipMeetingId)),
            SipMeasure m => (nameof(SipMeasure), m.Id.ToString(), await ClientOfSip(m.SipMeetingId)),
            _ => (entry.Entity.GetType().Name, null, null),
        };
    }
}
