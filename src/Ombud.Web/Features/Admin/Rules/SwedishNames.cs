namespace Ombud.Web.Features.Admin;

/// <summary>
/// Case-insensitive name comparison by Swedish rules (å, ä, ö are letters of their own; Å and å are the same letter),
/// done in .NET: SQLite's NOCASE and LIKE fold only ASCII letters.
/// </summary>
internal static class SwedishNames
{
    private static readonly CompareInfo Swedish = CultureInfo.GetCultureInfo("sv-SE").CompareInfo;

    /// <summary>True when the names are the same apart from letter case and surrounding spaces.</summary>
    public static bool Same(string? a, string? b) =>
        Swedish.Compare((a ?? "").Trim(), (b ?? "").Trim(), CompareOptions.IgnoreCase) == 0;

    /// <summary>True when <paramref name="name"/> contains <paramref name="search"/>, ignoring case ("öst" finds "Östermalm").</summary>
    public static bool Contains(string name, string? search) =>
        string.IsNullOrWhiteSpace(search) || Swedish.IndexOf(name, search.Trim(), CompareOptions.IgnoreCase) >= 0;
}
