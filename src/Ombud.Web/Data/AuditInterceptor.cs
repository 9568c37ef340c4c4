using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Ombud.Web.Domain;
using Ombud.Web.Infrastructure;

namespace Ombud.Web.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change to client data (who, when, which record, which action — never
/// values), in the same transaction as the change. Reads are recorded explicitly with <see cref="RecordAsync"/>.
/// </summary>
public sealed class AuditInterceptor(ICurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Audited = [typeof(Client), typeof(Mandate), typeof(Need), typeof(Consent), typeof(AuthorityContact),
        typeof(SipMeeting), typeof(SipParticipant), typeof(SipMeasure)];
    private List<(EntityEntry Entry, string Action)>? _pending;
    private IDbContextTransaction? _ownTransaction;
    private bool _writingAudit;

    /// <summary>Records a read (or a denied attempt) of client data.</summary>
    public async Task RecordAsync(OmbudDbContext db, string action, string entityType, string? entityId, int? clientId, CancellationToken ct = default)
    {
        db.AuditEntries.Add(await NewEntry(action, entityType, entityId, clientId));
        await db.SaveChangesAsync(ct);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (_writingAudit || eventData.Context is not OmbudDbContext db) return result;
        var pending = db.ChangeTracker.Entries()
            .Where(IsAuditedChange)
            .Select(e => (e, e.State switch { EntityState.Added => AuditActions.Created, EntityState.Deleted => AuditActions.Deleted, _ => AuditActions.Changed }))
            .ToList();
        if (pending.Count == 0) return result;
        _pending = pending;
        if (db.Database.CurrentTransaction is null && db.Database.IsRelational())
            _ownTransaction = await db.Database.BeginTransactionAsync(ct);
        return result;
    }

    /// <summary>Synchronous saves are fine for other data (e.g. data-protection keys); client data must be saved async.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (!_writingAudit && eventData.Context is not null && eventData.Context.ChangeTracker.Entries().Any(IsAuditedChange))
            throw new InvalidOperationException("Use SaveChangesAsync: client data changes are audited asynchronously.");
        return result;
    }

    private static bool IsAuditedChange(EntityEntry e) =>
        Audited.Contains(e.Entity.GetType()) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (_writingAudit || _pending is null || eventData.Context is not OmbudDbContext db) return result;
        var pending = _pending;
        _pending = null;
        try
        {
            _writingAudit = true;
            foreach (var (entry, action) in pending)
            {
                var (type, id, clientId) = await Describe(db, entry, ct);
                db.AuditEntries.Add(await NewEntry(action, type, id, clientId));
            }
            await db.SaveChangesAsync(ct);
            if (_ownTransaction is not null) await _ownTransaction.CommitAsync(ct);
        }
        finally
        {
            _writingAudit = false;
            if (_ownTransaction is not null) { await _ownTransaction.DisposeAsync(); _ownTransaction = null; }
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        _pending = null;
        if (_ownTransaction is not null && !_writingAudit)
        {
            await _ownTransaction.RollbackAsync(ct);
            await _ownTransaction.DisposeAsync();
            _ownTransaction = null;
        }
    }

    private async Task<AuditEntry> NewEntry(string action, string type, string? id, int? clientId)
    {
        var user = await currentUser.FindAsync() ?? UserInfo.System;
        return new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime, UserId = user.Id, UserName = user.UserName,
            Action = action, EntityType = type, EntityId = id, ClientId = clientId,
        };
    }

    private static async Task<(string Type, string? Id, int? ClientId)> Describe(OmbudDbContext db, EntityEntry entry, CancellationToken ct)
    {
        async Task<int?> ClientOfMandate(int mandateId) =>
            db.ChangeTracker.Entries<Mandate>().FirstOrDefault(m => m.Entity.Id == mandateId)?.Entity.ClientId
            ?? await db.Mandates.IgnoreQueryFilters().Where(m => m.Id == mandateId).Select(m => (int?)m.ClientId).FirstOrDefaultAsync(ct);
        async Task<int?> ClientOfSip(int sipId) =>
            db.ChangeTracker.Entries<SipMeeting>().FirstOrDefault(s => s.Entity.Id == sipId)?.Entity.MandateId is { } mandateId
                ? await ClientOfMandate(mandateId)
                : await db.SipMeetings.IgnoreQueryFilters().Where(s => s.Id == sipId).Select(s => (int?)s.Mandate!.ClientId).FirstOrDefaultAsync(ct);

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
