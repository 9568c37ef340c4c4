namespace Ombud.Web.Features.Shared;

/// <summary>Pick lists for forms: category lists valid on a date, the unit's actors and municipalities.</summary>
public static class Lookups
{
    public sealed record Item(int Id, string Name);

    /// <summary>
    /// The pick lists hold today's entries; a record made earlier may use an entry that has since ended (an actor or a
    /// municipality no longer in use). Editing it must still show that value, so it is added, marked as no longer in use.
    /// </summary>
    public static IReadOnlyList<Item> KeepCurrent(IReadOnlyList<Item> list, IEnumerable<Item> current) =>
        [.. list, .. current.Where(c => list.All(i => i.Id != c.Id)).Select(c => c with { Name = $"{c.Name} (används inte längre)" })];

    /// <summary>Shown instead of a client form while the unit serves no municipality (a new production database).</summary>
    public const string NoMunicipalitiesMessage =
        "Enheten har inga kommuner ännu – be administratören lägga till dem under Administration → Enheten.";

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        /// <summary>Entries of one list valid on <paramref name="validOn"/> (all entries when null), in list order.</summary>
        public async Task<IReadOnlyList<Item>> CategoriesAsync(CategoryKind kind, DateOnly? validOn, CancellationToken ct = default)
        {
            await RefuseRegionalViewerAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var q = db.Categories.AsNoTracking().Where(c => c.Kind == kind);
            if (validOn is { } d) q = q.Where(c => (c.ValidFrom == null || c.ValidFrom <= d) && (c.ValidTo == null || c.ValidTo >= d));
            return await q.OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Select(c => new Item(c.Id, c.Name)).ToListAsync(ct);
        }

        /// <summary>The unit's active actors, to choose from in forms.</summary>
        public async Task<IReadOnlyList<Item>> ActorsAsync(CancellationToken ct = default) => await ActorsAsync(includeInactive: false, ct);

        /// <summary>
        /// The unit's actors; with <paramref name="includeInactive"/> also those made inactive, named "… (inaktiv)" — for
        /// filters over records that may still name them (e.g. older fault reports).
        /// </summary>
        public async Task<IReadOnlyList<Item>> ActorsAsync(bool includeInactive, CancellationToken ct = default)
        {
            var me = await RefuseRegionalViewerAsync() ?? await currentUser.GetAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            return await db.Actors.AsNoTracking().Where(a => a.UnitId == me.UnitId && (includeInactive || a.IsActive))
                .OrderBy(a => EF.Functions.Collate(a.Name, db.SwedishCollation))
                .Select(a => new Item(a.Id, a.IsActive ? a.Name : a.Name + " (inaktiv)")).ToListAsync(ct);
        }

        /// <summary>
        /// The municipalities and districts the unit serves now; with <paramref name="includeInactive"/> also those it no
        /// longer serves, named "… (betjänas inte längre)" — for reports and filters over older records.
        /// </summary>
        public async Task<IReadOnlyList<Item>> MunicipalitiesAsync(bool includeInactive = false, CancellationToken ct = default)
        {
            var me = await RefuseRegionalViewerAsync() ?? await currentUser.GetAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            return await db.Municipalities.AsNoTracking().Where(m => m.UnitId == me.UnitId && (includeInactive || m.IsActive))
                .OrderBy(m => EF.Functions.Collate(m.Name, db.SwedishCollation))
                .Select(m => new Item(m.Id, m.IsActive ? m.Name : m.Name + InactiveSuffix)).ToListAsync(ct);
        }

        public const string InactiveSuffix = " (betjänas inte längre)";

        /// <summary>
        /// The unit's ledningsgrupp meetings, newest first, named "Möte 2026-03-12" — for the system-fault list's filter.
        /// Only ids and dates: the full list (<c>ListSteeringGroup</c>) also reads every presented fault, 5,500 rows
        /// for the national profile's unit, which the filter does not show.
        /// </summary>
        public async Task<IReadOnlyList<Item>> SteeringGroupMeetingsAsync(CancellationToken ct = default)
        {
            var me = await RefuseRegionalViewerAsync() ?? await currentUser.GetAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var meetings = await db.SteeringGroupMeetings.AsNoTracking().Where(m => m.UnitId == me.UnitId)
                .OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).Select(m => new { m.Id, m.Date }).ToListAsync(ct);
            return meetings.Select(m => new Item(m.Id, "Möte " + Dates.Format(m.Date))).ToList();
        }

        /// <summary>
        /// A Regional uppföljare sees the roll-up and nothing else: not even its home unit's pick lists. Returns the
        /// signed-in user (null when nobody is).
        /// </summary>
        private async Task<UserInfo?> RefuseRegionalViewerAsync()
        {
            var me = await currentUser.FindAsync();
            if (me is not null && me.Roles.Contains(Roles.RegionalViewer)
                && !me.IsOmbud && !me.IsUnitLead && !me.IsAdmin && !me.IsSystemAdmin)
                throw new DomainException("Bara enhetens personal ser enhetens listor.");
            return me;
        }
    }
}
