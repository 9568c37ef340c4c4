namespace Ombud.Web.Features.Clients;

/// <summary>
/// The referral paths and contact reasons a mandate form offers: the entries valid on the mandate's own date (its start,
/// or its first contact while it waits), the same date the server checks them on. So a mandate entered afterwards — a
/// December client registered in January, after Länsstyrelsen's form changed — gets the lists of its own year. The forms
/// reload the lists when the date moves, and choices no longer on them are dropped.
/// </summary>
public sealed class MandateCategoryLists
{
    public IReadOnlyList<Lookups.Item> ReferralPaths { get; private set; } = [];
    public IReadOnlyList<Lookups.Item> ContactReasons { get; private set; } = [];
    public bool Loaded => _loadedFor is not null;
    private DateOnly? _loadedFor;

    /// <summary>
    /// The date the categories must be valid on: as <see cref="MandateStartValidator.Dates"/>, today while a date is missing.
    /// </summary>
    public static DateOnly DateOf(IMandateStart cmd, DateOnly today) =>
        Clamp(cmd.StartNow && cmd.StartDate is { } s ? DateOnly.FromDateTime(s)
            : cmd.RegisteredOn is { } r ? DateOnly.FromDateTime(r)
            : today, today);

    /// <summary>A date in the future (a typo the validator reports) shows today's lists.</summary>
    public static DateOnly Clamp(DateOnly date, DateOnly today) => date > today ? today : date;

    /// <summary>
    /// Loads the lists valid on <paramref name="date"/> (nothing to do when they are loaded for it), then drops a referral
    /// path or contact reasons that are not on them. Returns the referral path to keep.
    /// </summary>
    public async Task<int?> LoadAsync(Lookups.Handler lookups, DateOnly date, int? referralPathId, ISet<int> selectedReasons)
    {
        if (_loadedFor != date)
        {
            ContactReasons = await lookups.CategoriesAsync(CategoryKind.ContactReason, date);
            ReferralPaths = await lookups.CategoriesAsync(CategoryKind.ReferralPath, date);
            _loadedFor = date;
        }
        selectedReasons.IntersectWith(ContactReasons.Select(r => r.Id));
        return referralPathId is { } id && ReferralPaths.Any(r => r.Id == id) ? id : null;
    }
}
