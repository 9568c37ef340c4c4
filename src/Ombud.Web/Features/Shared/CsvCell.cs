namespace Ombud.Web.Features.Shared;

/// <summary>One CSV cell as every CSV the app writes has it (semicolon-separated, for Swedish Excel).</summary>
public static class CsvCell
{
    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>
    /// Quotes when needed; text that a spreadsheet would take for a formula (starting with = + - @, or a tab or carriage
    /// return before one) gets a leading apostrophe, so a name or code typed as <c>=HYPERLINK(…)</c> stays text.
    /// Plain numbers such as -5 stay numbers.
    /// </summary>
    public static string Escape(string? value)
    {
        var s = value ?? "";
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !decimal.TryParse(s, NumberStyles.Number, Sv, out _))
            s = "'" + s;
        return s.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
