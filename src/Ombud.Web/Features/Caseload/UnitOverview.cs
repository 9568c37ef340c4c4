using Microsoft.EntityFrameworkCore;
using Ombud.Web.Data;
using Ombud.Web.Domain;
using Ombud.Web.Infrastructure;

namespace Ombud.Web.Features.Caseload;

/// <summary>
/// The unit lead's first view: open mandates per ombud by status. Counts only — no names, personnummer or free text.
/// </summary>
public static class UnitOverview
{
    public sealed record Row(string OmbudId, string Ombud, int Active, int Paused, int Waiting)
    {
        public int Open => Active + Paused + Waiting;
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            if (!me.IsUnitLead && !me.IsAdmin) throw new DomainException("Bara enhetschef och administratör ser enhetens översikt.");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var ombudRoleId = await db.Roles.Where(r => r.Name == Roles.Ombud).Select(r => r.Id).FirstAsync(ct);
            var ombud = await db.Users.AsNoTracking()
                .Where(u => u.UnitId == me.UnitId && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == ombudRoleId))
                .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
            // Open mandates of the unit's staff, read from the (OmbudId, Status) index alone: no join to the clients (which
            // at national scale means probing every client of the unit) and Status as a list of values the index can seek.
            var unitStaff = db.Users.Where(u => u.UnitId == me.UnitId).Select(u => u.Id);
            var counts = await db.Mandates.AsNoTracking()
                .Where(m => (m.Status == MandateStatus.Waiting || m.Status == MandateStatus.Active || m.Status == MandateStatus.Paused)
                    && unitStaff.Contains(m.OmbudId))
                .GroupBy(m => new { m.OmbudId, m.Status })
                .Select(g => new { g.Key.OmbudId, g.Key.Status, Count = g.Count() })
                .ToListAsync(ct);
            int Count(string id, MandateStatus s) => counts.Where(c => c.OmbudId == id && c.Status == s).Sum(c => c.Count);
            return ombud
                .Select(o => new Row(o.Id, o.DisplayName, Count(o.Id, MandateStatus.Active), Count(o.Id, MandateStatus.Paused), Count(o.Id, MandateStatus.Waiting)))
                .OrderBy(r => r.Ombud, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true))
                .ToList();
        }
    }
}
