namespace Ombud.Web.Features.Clients;

/// <summary>
/// The referral path and contact reasons of a new mandate, checked against the category lists valid on its date
/// (the lists are versioned per report year). Used wherever a mandate is opened.
/// </summary>
public static class MandateCategories
{
    /// <param name="onDate">How the date is named in the message, e.g. "startdatumet".</param>
    public static async Task<(Category Referral, List<Category> Reasons)> LoadAsync(
        OmbudDbContext db, int? referralPathId, IEnumerable<int> contactReasonIds,
        DateOnly validOn, string onDate, CancellationToken ct)
    {
        var reasonIds = contactReasonIds.Distinct().ToList();
        var categories = await db.Categories.Where(c => reasonIds.Contains(c.Id) || c.Id == referralPathId).ToListAsync(ct);
        var referral = categories.FirstOrDefault(c => c.Id == referralPathId && c.Kind == CategoryKind.ReferralPath && c.IsValidOn(validOn))
            ?? throw new DomainException($"Kontaktvägen finns inte eller gäller inte på {onDate}.");
        var reasons = categories
            .Where(c => reasonIds.Contains(c.Id) && c.Kind == CategoryKind.ContactReason && c.IsValidOn(validOn))
            .ToList();
        if (reasons.Count != reasonIds.Count) throw new DomainException($"En kontaktorsak finns inte eller gäller inte på {onDate}.");
        return (referral, reasons);
    }
}
