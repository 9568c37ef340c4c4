using Ombud.Web.Features.SystemFaults;

namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// The verksamhetsberättelse of a year: the lead's introduction (<see cref="SaveAnnualNarrative"/>), the year's figures
/// in publication mode (<see cref="YearReport"/>, <see cref="Publication"/>), the system faults reported to the
/// ledningsgrupp in the year (reported at a meeting dated in the year, as the report counts them) with what came of
/// them, and the brukarundersökning's rounds of the year (<see cref="YearSurveys"/>, publication mode). Made to be
/// published: no client data; the faults show no linked needs, their "clients affected" is hidden from 1 to the
/// threshold, and anything in their texts that looks like a personnummer, phone number or e-mail address is blanked.
/// For the unit lead and administrators.
/// </summary>
public static class GetAnnualNarrative
{
    public sealed record Introduction(string? Text, long Version);

    /// <param name="ClientsAffected">Null when hidden for publication (1 to the threshold).</param>
    public sealed record Fault(int Id, DateOnly ReportedOn, string Category, string Level, IReadOnlyList<string> Actors, string Description,
        string? Consequence, int? ClientsAffected, string Status, bool ForwardedToCountyBoard, bool ForwardedToActor, DateOnly? ForwardedOn,
        string? Response, DateOnly? AnsweredOn, DateOnly? ClosedOn);

    public sealed record Result(int Year, Introduction? Introduction, YearReport.Report Report, IReadOnlyList<Fault> Faults);

    /// <summary>What replaces text that looks like personal data in a published fault text.</summary>
    public const string Blanked = "[borttaget]";

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(int year, CancellationToken ct = default)
        {
            var me = await YearReport.RequireLeadOrAdminAsync(currentUser);
            if (year < 2000 || year > 2100) throw new DomainException("Ange ett år mellan 2000 och 2100.");
            const int threshold = Suppression.DefaultThreshold;
            var report = await YearReport.LoadAsync(dbf, me.UnitId, year, null, clock.Today(), ct, threshold);
            report = await YearSurveys.AddToAsync(report, dbf, me.UnitId, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var intro = await LoadIntroductionAsync(db, me.UnitId, year, ct);
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            var faults = await db.SystemFaults.AsNoTracking()
                .Where(f => f.UnitId == me.UnitId && f.ReportedOn >= first && f.ReportedOn <= last)
                .OrderBy(f => f.ReportedOn).ThenBy(f => f.Id)
                .Select(f => new
                {
                    f.Id,
                    ReportedOn = f.ReportedOn!.Value,
                    Category = f.Category!.Name,
                    f.Level,
                    Actors = f.Actors.Select(a => a.Name).ToList(),
                    f.Description,
                    f.Consequence,
                    f.ClientsAffected,
                    f.Status,
                    f.ForwardedToCountyBoard,
                    f.ForwardedToActor,
                    f.ForwardedOn,
                    f.Response,
                    f.AnsweredOn,
                    f.ClosedOn,
                })
                .ToListAsync(ct);
            var sv = StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true);
            var list = faults
                .Select(f => new Fault(f.Id, f.ReportedOn, f.Category, f.Level.Name(),
                    f.Actors.Order(sv).ToList(), Blank(f.Description)!, Blank(f.Consequence),
                    f.ClientsAffected is >= 1 and <= threshold ? null : f.ClientsAffected,
                    f.Status.Name(), f.ForwardedToCountyBoard, f.ForwardedToActor, f.ForwardedOn, Blank(f.Response), f.AnsweredOn,
                    f.ClosedOn))
                .ToList();
            return new Result(year, intro, report, list);
        }

        /// <summary>Only the introduction (the Årsrapport page's panel).</summary>
        public async Task<Introduction?> IntroductionAsync(int year, CancellationToken ct = default)
        {
            var me = await YearReport.RequireLeadOrAdminAsync(currentUser);
            await using var db = await dbf.CreateDbContextAsync(ct);
            return await LoadIntroductionAsync(db, me.UnitId, year, ct);
        }

        private static async Task<Introduction?> LoadIntroductionAsync(OmbudDbContext db, int unitId, int year, CancellationToken ct) =>
            await db.AnnualNarratives.AsNoTracking().Where(n => n.UnitId == unitId && n.Year == year)
                .Select(n => new Introduction(n.Introduction, n.Version)).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The text with every personnummer, phone number and e-mail address found in it replaced by <see cref="Blanked"/>. Pure.
    /// </summary>
    public static string? Blank(string? text)
    {
        if (text is null) return null;
        foreach (var f in PersonalDataDetector.Find(text).OrderByDescending(f => f.Index))
            if (f.Index >= 0 && f.Index + f.Value.Length <= text.Length && text.AsSpan(f.Index, f.Value.Length).SequenceEqual(f.Value))
                text = text[..f.Index] + Blanked + text[(f.Index + f.Value.Length)..];
            else
                text = text.Replace(f.Value, Blanked, StringComparison.Ordinal);
        return text;
    }

    /// <summary>The introduction as paragraphs (an empty line between them in the text).</summary>
    public static IReadOnlyList<string> Paragraphs(string? text) =>
        (text ?? "").Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
