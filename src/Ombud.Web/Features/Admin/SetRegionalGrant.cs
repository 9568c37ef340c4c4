namespace Ombud.Web.Features.Admin;

/// <summary>
/// The Systemadministratör (or the operator) grants a Regional uppföljare account a unit's roll-up figures, or revokes
/// it. Only for accounts in that role (a unit's staff never get grants). Audited in the Systemadministratör's log and
/// in the unit's own: entity "RegionalGrant", id "ACCOUNT-ID enhet UNIT-ID" (Created when granted, Deleted when revoked);
/// granting twice or revoking what is not granted changes nothing and is not recorded.
/// </summary>
public static class SetRegionalGrant
{
    public const string AuditEntity = "RegionalGrant";

    public sealed record Command(string UserId, int UnitId, bool Granted);

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        /// <summary>True when something changed.</summary>
        public async Task<bool> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminOrOperatorAsync("ge regionala uppföljare enheter");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var isViewer = await db.UserRoles.AnyAsync(ur => ur.UserId == cmd.UserId
                && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.RegionalViewer), ct);
            if (!isViewer) throw new DomainException("Kontot är inte en regional uppföljare.");
            if (!await db.Units.AnyAsync(u => u.Id == cmd.UnitId, ct)) throw new DomainException("Enheten finns inte.");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var grant = await db.RegionalGrants
                .FirstOrDefaultAsync(g => g.UserId == cmd.UserId && g.UnitId == cmd.UnitId, ct);
            if (cmd.Granted == grant is not null) return false;
            if (cmd.Granted)
                db.RegionalGrants.Add(
                    new RegionalGrant { UserId = cmd.UserId, UnitId = cmd.UnitId, GrantedAtUtc = clock.GetUtcNow().UtcDateTime });
            else db.RegionalGrants.Remove(grant!);
            await db.SaveChangesAsync(ct);
            var action = cmd.Granted ? AuditActions.Created : AuditActions.Deleted;
            var id = $"{cmd.UserId} enhet {cmd.UnitId}";
            await audit.RecordAsync(db, action, AuditEntity, id, null, ct);
            // the unit's own log shows who was given (or lost) its figures
            if (await currentUser.FindAsync() is not { } me || me.UnitId != cmd.UnitId)
                await audit.RecordAsync(db, action, AuditEntity, id, null, ct, unitId: cmd.UnitId);
            await tx.CommitAsync(ct);
            log.LogInformation("Regional grant of unit {UnitId} to user {UserId}: {Granted}", cmd.UnitId, cmd.UserId, cmd.Granted);
            return true;
        }
    }
}
