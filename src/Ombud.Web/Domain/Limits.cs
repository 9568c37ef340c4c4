namespace Ombud.Web.Domain;

/// <summary>Field lengths shared by the database configuration and the validators, so they always agree.</summary>
public static class Limits
{
    public const int Name = 100;
    public const int CategoryName = 150;
    public const int ClientCode = 12;
    public const int ShortText = 500;
    public const int Reason = 200;
    public const int MinBirthYear = 1900;
    /// <summary>Longer free text: a system fault's description, consequence and response, a meeting's decisions.</summary>
    public const int LongText = 2000;
    /// <summary>Upper bound for "number of clients affected" by a system fault.</summary>
    public const int MaxClientsAffected = 10000;
    /// <summary>
    /// A search box: enough for any name or code. A pasted page of text is cut in the browser and ignored past this on the
    /// server, so it neither overflows the live connection nor becomes a huge LIKE pattern.
    /// </summary>
    public const int SearchText = 100;

    /// <summary>The search text as the server uses it: trimmed and at most <see cref="SearchText"/> characters.</summary>
    public static string? Search(string? text) => text is null ? null : text.Trim() is var t && t.Length > SearchText ? t[..SearchText] : t;
}
