namespace Ombud.Web.Features.Admin;

/// <summary>
/// The unit stops (or starts again) serving a municipality or district that has clients and so cannot be removed: it is
/// no longer offered for new clients and the waiting list, while its clients and the statistics per municipality keep it.
/// Admin-only, audited.
/// </summary>
public static class SetMunicipalityActive
{
    public sealed record Command(int Id, bool Active);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("ändra enhetens kommuner och stadsdelar");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var municipality = await SaveMunicipality.FindOwnAsync(db, me, cmd.Id, ct);
            if (municipality.IsActive == cmd.Active) return;
            if (!cmd.Active && !await db.Municipalities.AnyAsync(m => m.UnitId == me.UnitId && m.IsActive && m.Id != municipality.Id, ct))
                throw new DomainException(
                    "Enheten måste arbeta i minst en kommun eller stadsdel: lägg till den nya innan den här slutar användas.");
            municipality.IsActive = cmd.Active;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(db, AuditActions.Changed, nameof(Municipality), municipality.Id.ToString(), null, ct);
            await tx.CommitAsync(ct);
        }
    }
}
