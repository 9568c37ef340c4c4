using Microsoft.AspNetCore.WebUtilities;

namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// The filter of the fault list, shared by the list page and the export, so the file holds what the list shows. It
/// travels in the page's address and to the export endpoint as a query string (year, category, level, status, actor,
/// meeting) and is parsed and applied again on the server there.
/// <para>
/// <b>Year</b> means the year the fault was reported to the ledningsgrupp (<see cref="SystemFault.ReportedOn"/>, the
/// meeting's date) — the yearly report's definition, so the list and the export for year Y, without drafts, hold exactly
/// the faults the report counts for Y. A draft has no report date yet; it is shown under the year of its own date.
/// </para>
/// <para>
/// <b>Drafts</b> (utkast) are work in progress and their author's only: nobody else — not the unit lead or admin — lists,
/// opens or exports them. Without a status chosen ("Alla statusar") the list shows the reported faults and the user's own
/// drafts, and the export no drafts at all; choosing the status Utkast shows (and exports) the user's own drafts.
/// </para>
/// </summary>
public sealed record FaultFilter(
    int? Year = null, int? CategoryId = null, FaultLevel? Level = null, FaultStatus? Status = null, int? ActorId = null,
    int? MeetingId = null, IReadOnlyList<int>? Ids = null)
{
    /// <summary>At most this many ticked faults in one export address (a steering-group agenda is far shorter).</summary>
    public const int MaxIds = 200;

    /// <summary>
    /// Narrows a unit's faults (the caller restricts to the unit first). A draft is only ever its author's
    /// (<paramref name="userId"/>): another user's draft is left out whatever the filter — the status Utkast and ticked ids
    /// included, for the unit lead and admin too (a draft may still hold text its author has not cleaned up).
    /// <paramref name="ownDraftsWithoutStatus"/>: whether the user's own drafts are kept when no status is chosen (the
    /// list); the export then keeps none.
    /// </summary>
    public IQueryable<SystemFault> Apply(IQueryable<SystemFault> faults, string userId, bool ownDraftsWithoutStatus)
    {
        faults = faults.Where(f => f.Status != FaultStatus.Draft || f.ReportedById == userId);
        if (Year is { } y)
        {
            var first = new DateOnly(y, 1, 1);
            var last = new DateOnly(y, 12, 31);
            // A plain OR (no CASE) so both providers translate it and can use the dates' columns.
            faults = faults.Where(f => (f.ReportedOn >= first && f.ReportedOn <= last)
                                       || (f.ReportedOn == null && f.Status == FaultStatus.Draft && f.Date >= first && f.Date <= last));
        }
        if (CategoryId is { } c) faults = faults.Where(f => f.CategoryId == c);
        if (Level is { } l) faults = faults.Where(f => f.Level == l);
        if (Ids is { } ids) faults = faults.Where(f => ids.Contains(f.Id)); // ticked one by one: exactly those, drafts too
        if (Status is { } s) faults = faults.Where(f => f.Status == s);
        else if (Ids is null && !ownDraftsWithoutStatus) // ticked faults are taken as ticked; otherwise drafts only as described above
            faults = faults.Where(f => f.Status != FaultStatus.Draft);
        if (ActorId is { } a) faults = faults.Where(f => f.Actors.Any(x => x.Id == a));
        if (MeetingId is { } m) faults = faults.Where(f => f.SteeringGroupMeetingId == m);
        return faults;
    }

    /// <summary>"year=2026&amp;status=Draft" (empty when nothing is filtered).</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Year is { } y) parts.Add("year=" + y.ToString(CultureInfo.InvariantCulture));
        if (CategoryId is { } c) parts.Add("category=" + c.ToString(CultureInfo.InvariantCulture));
        if (Level is { } l) parts.Add("level=" + l);
        if (Status is { } s) parts.Add("status=" + s);
        if (ActorId is { } a) parts.Add("actor=" + a.ToString(CultureInfo.InvariantCulture));
        if (MeetingId is { } m) parts.Add("meeting=" + m.ToString(CultureInfo.InvariantCulture));
        if (Ids is { Count: > 0 } ids) parts.Add("ids=" + string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))));
        return string.Join('&', parts);
    }

    /// <summary>Parses <see cref="ToQueryString"/>'s format. An unknown or malformed value is an error, never "no filter".</summary>
    public static bool TryParse(string? queryString, out FaultFilter filter)
    {
        filter = new FaultFilter();
        var result = new FaultFilter();
        foreach (var (key, values) in QueryHelpers.ParseQuery(queryString))
        {
            if (values.Count != 1 || !TryAdd(result, key, values[0] ?? "", out result)) return false;
        }
        filter = result;
        return true;
    }

    /// <summary>
    /// The filter from the list page's address (the same keys as <see cref="ToQueryString"/>). Values that do not parse are
    /// left out rather than refused — the page then shows the wider list and writes the address again.
    /// </summary>
    public static FaultFilter FromAddress(params (string Key, string? Value)[] values)
    {
        var result = new FaultFilter();
        foreach (var (key, value) in values)
            if (!string.IsNullOrEmpty(value) && TryAdd(result, key, value, out var next)) result = next;
        return result;
    }

    private static bool TryAdd(FaultFilter f, string key, string v, out FaultFilter result)
    {
        result = f;
        switch (key)
        {
            case "year" when int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var yv)
                && yv is >= 1900 and <= 9999:
                result = f with { Year = yv }; return true;
            case "category" when int.TryParse(
                v, NumberStyles.None, CultureInfo.InvariantCulture, out var cv):
                result = f with { CategoryId = cv }; return true;
            case "actor" when int.TryParse(
                v, NumberStyles.None, CultureInfo.InvariantCulture, out var av):
                result = f with { ActorId = av }; return true;
            case "meeting" when int.TryParse(
                v, NumberStyles.None, CultureInfo.InvariantCulture, out var mv):
                result = f with { MeetingId = mv }; return true;
            case "ids" when ParseIds(v) is { } ids: result = f with { Ids = ids }; return true;
            case "level" when Enum.TryParse<FaultLevel>(v, out var lv)
                && Enum.IsDefined(lv)
                && v.All(char.IsAsciiLetter):
                result = f with { Level = lv }; return true;
            case "status" when Enum.TryParse<FaultStatus>(v, out var sv)
                && Enum.IsDefined(sv)
                && v.All(char.IsAsciiLetter):
                result = f with { Status = sv }; return true;
            default: return false;
        }
    }

    private static IReadOnlyList<int>? ParseIds(string v)
    {
        var parts = v.Split(',');
        if (parts.Length is 0 or > MaxIds) return null;
        var ids = new List<int>();
        foreach (var p in parts)
        {
            if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0) return null;
            ids.Add(id);
        }
        return ids.Distinct().ToList();
    }
}
