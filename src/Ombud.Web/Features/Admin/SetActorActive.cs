namespace Ombud.Web.Features.Admin;

/// <summary>
/// Deactivates an actor (it disappears from the pick lists, old contacts and consents keep it) or makes it active again.
/// Actors are never deleted once used.
/// </summary>
public static class SetActorActive
{
    public sealed record Command(int Id, bool Active);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("ändra aktörsregistret");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var actor = await db.Actors.FirstOrDefaultAsync(a => a.Id == cmd.Id && a.UnitId == me.UnitId, ct)
                ?? throw new NotFoundOrForbiddenException();
            if (actor.IsActive == cmd.Active) return;
            actor.IsActive = cmd.Active;
            await db.SaveChangesAsync(ct);
        }
    }
}
