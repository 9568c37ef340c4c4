namespace Ombud.Web.Features.Admin;

/// <summary>
/// How many records point at each category entry: mandates (kontaktväg, avslutsorsak, kontaktorsaker), needs
/// (livsområde), actors (aktörstyp), authority contacts (stöd som getts) and system faults (systembristkategori). An entry
/// that is used is never deleted, only ended (ValidTo), so old data keeps its meaning.
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
        // AuthorityContactHelpKinds
        await AddAsync(db.AuthorityContacts.IgnoreQueryFilters().SelectMany(a => a.HelpKinds).Select(c => c.Id));
        await AddAsync(db.SystemFaults.IgnoreQueryFilters().Select(f => f.CategoryId));
        return counts;
    }

    /// <summary>
    /// The first and last date on which records use the entry, by the date each use was checked against the entry's
    /// validity: a mandate's start (or first contact while waiting) for kontaktväg and kontaktorsaker, its closing date
    /// for avslutsorsak, a need's identified date, a contact's date, a system fault's date. Actors carry no date (an
    /// actor type is checked on the day it is chosen) and do not limit the period. Null when no dated record uses it.
    /// </summary>
    public static async Task<(DateOnly First, DateOnly Last)?> DateSpanAsync(OmbudDbContext db, int categoryId, CancellationToken ct)
    {
        DateOnly? first = null, last = null;

        async Task AddAsync(IQueryable<DateOnly> dates)
        {
            var min = await dates.Select(d => (DateOnly?)d).MinAsync(ct);
            if (min is null) return;
            var max = await dates.Select(d => (DateOnly?)d).MaxAsync(ct);
            if (first is null || min < first) first = min;
            if (last is null || max > last) last = max;
        }

        var mandates = db.Mandates.IgnoreQueryFilters();
        await AddAsync(mandates.Where(m => m.ReferralPathId == categoryId || m.ContactReasons.Any(c => c.Id == categoryId))
            .Select(m => m.StartDate ?? m.RegisteredOn));
        await AddAsync(mandates.Where(m => m.ClosureReasonId == categoryId && m.ClosedOn != null).Select(m => m.ClosedOn!.Value));
        await AddAsync(db.Needs.IgnoreQueryFilters().Where(n => n.LifeAreaId == categoryId).Select(n => n.IdentifiedOn));
        await AddAsync(db.AuthorityContacts.IgnoreQueryFilters().Where(a => a.HelpKinds.Any(h => h.Id == categoryId)).Select(a => a.Date));
        await AddAsync(db.SystemFaults.IgnoreQueryFilters().Where(f => f.CategoryId == categoryId).Select(f => f.Date));
        return first is { } f && last is { } l ? (f, l) : null;
    }

    /// <summary>
    /// Throws a Swedish <see cref="Domain.DomainException"/> when the period <paramref name="from"/>–<paramref name="to"/>
    /// (null = open) would leave out a record that uses the entry: the history would then point at an entry that was not
    /// valid on its date.
    /// </summary>
    public static async Task EnsurePeriodCoversUsesAsync(
        OmbudDbContext db, int categoryId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (from is null && to is null) return;
        if (await DateSpanAsync(db, categoryId, ct) is not { } span) return;
        if (from is { } f && f > span.First)
            throw new Domain.DomainException(
                $"Posten används av uppgifter från och med {span.First:yyyy-MM-dd}. Giltig från kan vara högst det datumet, " +
                "annars skulle tidigare uppgifter peka på en post som inte gällde. Lägg hellre till en ny post.");
        if (to is { } t && t < span.Last)
            throw new Domain.DomainException(
                $"Posten används av uppgifter till och med {span.Last:yyyy-MM-dd}. Sista giltighetsdag kan vara tidigast det datumet, " +
                "annars skulle de uppgifterna peka på en post som inte gällde.");
    }
}
