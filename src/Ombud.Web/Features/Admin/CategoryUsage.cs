using Microsoft.EntityFrameworkCore;
using Ombud.Web.Data;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// How many records point at each category entry: mandates (kontaktväg, avslutsorsak, kontaktorsaker), needs
/// (livsområde), actors (aktörstyp), authority contacts (stöd som getts) and system faults (systembristkategori). An entry that is used is never deleted,
/// only ended (ValidTo), so old data keeps its meaning.
/// </summary>
internal static class CategoryUsage
{
    /// <summary>Reference counts for the given category ids; ids that are not used are missing from the result.</summary>
    public static async Task<Dictionary<int, int>> CountAsync(OmbudDbContext db, IReadOnlyCollection<int> categoryIds, CancellationToken ct)
    {
        var counts = new Dictionary<int, int>();
        if (categoryIds.Count == 0) return counts;
        var ids = categoryIds.ToList();

        async Task AddAsync(IQueryable<int> references)
        {
            var rows = await references.Where(id => ids.Contains(id))
                .GroupBy(id => id).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
            foreach (var r in rows) counts[r.Id] = counts.GetValueOrDefault(r.Id) + r.Count;
        }

        // Every reference path is checked for every id, whatever the entry's kind: a wrongly linked row still blocks deletion.
        // Categories are shared by all units, so usage is counted across units (IgnoreQueryFilters guards against future per-unit filters).
        var mandates = db.Mandates.IgnoreQueryFilters();
        await AddAsync(mandates.Where(m => m.ReferralPathId != null).Select(m => m.ReferralPathId!.Value));
        await AddAsync(mandates.Where(m => m.ClosureReasonId != null).Select(m => m.ClosureReasonId!.Value));
        await AddAsync(mandates.SelectMany(m => m.ContactReasons).Select(c => c.Id)); // skip-nav table MandateContactReasons
        await AddAsync(db.Needs.IgnoreQueryFilters().Select(n => n.LifeAreaId));
        await AddAsync(db.Actors.IgnoreQueryFilters().Select(a => a.ActorTypeId));
        await AddAsync(db.AuthorityContacts.IgnoreQueryFilters().SelectMany(a => a.HelpKinds).Select(c => c.Id)); // AuthorityContactHelpKinds
        await AddAsync(db.SystemFaults.IgnoreQueryFilters().Select(f => f.CategoryId));
        return counts;
    }
}
