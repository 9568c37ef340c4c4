using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Ombud.Web.Domain;

namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// The filter of the fault list, shared by the list page and the export, so the file holds exactly what the list
/// shows. It travels to the export endpoint as a query string (year, category, level, status, actor) and is parsed and
/// applied again on the server there.
/// </summary>
public sealed record FaultFilter(int? Year = null, int? CategoryId = null, FaultLevel? Level = null, FaultStatus? Status = null, int? ActorId = null)
{
    /// <summary>Narrows a unit's faults (the caller restricts to the unit first).</summary>
    public IQueryable<SystemFault> Apply(IQueryable<SystemFault> faults)
    {
        if (Year is { } y)
        {
            var first = new DateOnly(y, 1, 1);
            var last = new DateOnly(y, 12, 31);
            faults = faults.Where(f => f.Date >= first && f.Date <= last);
        }
        if (CategoryId is { } c) faults = faults.Where(f => f.CategoryId == c);
        if (Level is { } l) faults = faults.Where(f => f.Level == l);
        if (Status is { } s) faults = faults.Where(f => f.Status == s);
        if (ActorId is { } a) faults = faults.Where(f => f.Actors.Any(x => x.Id == a));
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
        return string.Join('&', parts);
    }

    /// <summary>Parses <see cref="ToQueryString"/>'s format. An unknown or malformed value is an error, never "no filter".</summary>
    public static bool TryParse(string? queryString, out FaultFilter filter)
    {
        filter = new FaultFilter();
        var query = QueryHelpers.ParseQuery(queryString);
        int? year = null, category = null, actor = null;
        FaultLevel? level = null;
        FaultStatus? status = null;
        foreach (var (key, values) in query)
        {
            if (values.Count != 1) return false;
            var v = values[0] ?? "";
            switch (key)
            {
                case "year" when int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var yv) && yv is >= 1900 and <= 9999: year = yv; break;
                case "category" when int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var cv): category = cv; break;
                case "actor" when int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var av): actor = av; break;
                case "level" when Enum.TryParse<FaultLevel>(v, out var lv) && Enum.IsDefined(lv) && v.All(char.IsAsciiLetter): level = lv; break;
                case "status" when Enum.TryParse<FaultStatus>(v, out var sv) && Enum.IsDefined(sv) && v.All(char.IsAsciiLetter): status = sv; break;
                default: return false;
            }
        }
        filter = new FaultFilter(year, category, level, status, actor);
        return true;
    }
}
