using System.Text.RegularExpressions;

namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// Finds text that looks like personal data in a system fault report (or a ledningsgrupp decision), so the writer can be
/// warned before saving: a personnummer, a phone number, an e-mail address, or the name or client code (e.g. "KN3DLSU") of
/// one of the ombud's own clients. A pure function; it
/// warns rather than blocks, so it prefers a false alarm to a miss, but ignores years, amounts and dates.
/// Findings hold the matched text: show them to the writer only, never log them.
/// </summary>
public static partial class PersonalDataDetector
{
    public enum Kind { PersonalNumber, Phone, Email, ClientName, ClientCode }

    public sealed record Finding(Kind Kind, string Value, int Index);

    /// <summary>
    /// What identifies the writer's own clients: their names and their client codes (the codes are shown in the needs
    /// picker of the fault form, so they are easy to copy into a text).
    /// </summary>
    public sealed record OwnClients(IReadOnlyList<string?> Names, IReadOnlyList<string> Codes)
    {
        /// <summary>For writers without clients of their own (unit lead, admin): only the patterns are looked for.</summary>
        public static readonly OwnClients None = new([], []);
    }

    public static string Name(this Kind k) => k switch
    {
        Kind.PersonalNumber => "personnummer",
        Kind.Phone => "telefonnummer",
        Kind.Email => "e-postadress",
        Kind.ClientCode => "kod för en av dina klienter",
        _ => "namn på en av dina klienter",
    };

    // 6 or 8 digits, an optional - or + (or a space), 4 digits; not part of a longer number.
    [GeneratedRegex(@"(?<![\d\-+./])(?<date>\d{8}|\d{6})[ ]?[-+]?[ ]?(?<serial>\d{4})(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex PersonalNumberPattern();

    // +46 / 0046 followed by the number without its leading zero (optionally "(0)"), or a national number starting with 0;
    // digits may be grouped with spaces or hyphens. The digit count is checked afterwards.
    [GeneratedRegex(
        @"(?<![\w+\-./])(?:(?<intl>(?:\+|00)46)[ \-]?(?:\(0\)[ \-]?)?|0)\d(?:[ \-]?\d){5,10}(?!\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"[\p{L}\d._%+\-]+@[\p{L}\d\-]+(?:\.[\p{L}\d\-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    /// <summary>
    /// Everything in <paramref name="text"/> that looks like personal data, in text order. <paramref name="clientNames"/>
    /// are the writer's own clients' names: the whole name and each part of three letters or more are matched as whole
    /// words (also in the genitive, "Annas"), ignoring case (å/ä/ö aware, via <see cref="SwedishText.Fold"/>).
    /// <paramref name="clientCodes"/> are their client codes, matched as whole words ignoring case; a code shorter than
    /// four characters or without a letter (possible for imported codes) is skipped, as it would match ordinary numbers.
    /// </summary>
    public static IReadOnlyList<Finding> Find(
        string? text,
        IEnumerable<string?>? clientNames = null,
        IEnumerable<string?>? clientCodes = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var findings = new List<Finding>();
        var taken = new List<(int Start, int End)>();
        bool Free(int start, int length) => !taken.Any(t => start < t.End && t.Start < start + length);
        void Add(Kind kind, int index, int length)
        {
            findings.Add(new Finding(kind, text.Substring(index, length), index));
            taken.Add((index, index + length));
        }

        foreach (Match m in EmailPattern().Matches(text))
            Add(Kind.Email, m.Index, m.Length);
        foreach (Match m in PersonalNumberPattern().Matches(text))
            if (Free(m.Index, m.Length) && IsPersonalNumber(m))
                Add(Kind.PersonalNumber, m.Index, m.Length);
        foreach (Match m in PhonePattern().Matches(text))
        {
            // The pattern is greedy: a number followed by another number ("070-123 45 67 12") is tried shorter, group by group.
            var value = m.Value;
            var prefix = m.Groups["intl"].Value.Length - (m.Groups["intl"].Value.StartsWith('+') ? 1 : 0); // digits of "+46" / "0046"
            while (!PhoneDigitsOk(value, prefix) && value.LastIndexOfAny([' ', '-']) is var cut and > 0)
                value = value[..cut].TrimEnd(' ', '-');
            if (PhoneDigitsOk(value, prefix) && Free(m.Index, value.Length))
                Add(Kind.Phone, m.Index, value.Length);
        }
        foreach (var (index, length) in CodeMatches(text, clientCodes))
            if (Free(index, length))
                Add(Kind.ClientCode, index, length);
        foreach (var (index, length) in NameMatches(text, clientNames))
            if (Free(index, length))
                Add(Kind.ClientName, index, length);

        return findings.OrderBy(f => f.Index).ToList();
    }

    /// <summary>Findings over several fields (description, consequence, response), with the field's label.</summary>
    public static IReadOnlyList<(string Field, Finding Finding)> FindAll(
        IEnumerable<(string Field, string? Text)> fields,
        IEnumerable<string?>? clientNames = null,
        IEnumerable<string?>? clientCodes = null)
    {
        var names = clientNames?.ToList() ?? [];
        var codes = clientCodes?.ToList() ?? [];
        return fields.SelectMany(f => Find(f.Text, names, codes).Select(x => (f.Field, x))).ToList();
    }

    /// <summary>
    /// A plausible birth date, and: written with a separator, or a valid check digit, or not starting with 0 — ten digits
    /// in a row starting with 0 and failing the check digit are more likely a mobile number (0701234567).
    /// </summary>
    private static bool IsPersonalNumber(Match m)
    {
        var date = m.Groups["date"].Value;
        if (!LooksLikeBirthDate(date)) return false;
        var separated = m.Length > date.Length + 4;
        var ten = date[^6..] + m.Groups["serial"].Value;
        return separated || Domain.PersonalNumber.LuhnValid(ten) || date[0] != '0';
    }

    /// <summary>ÅÅMMDD or ÅÅÅÅMMDD with a real month and a day 1–31 (or 61–91 for a samordningsnummer).</summary>
    private static bool LooksLikeBirthDate(string digits)
    {
        if (digits.Length == 8 && digits[..2] is not ("18" or "19" or "20")) return false;
        var md = digits[^4..];
        var month = (md[0] - '0') * 10 + (md[1] - '0');
        var day = (md[2] - '0') * 10 + (md[3] - '0');
        if (day > 60) day -= 60;
        return month is >= 1 and <= 12 && day is >= 1 and <= 31;
    }

    /// <summary>Swedish numbers have 7–9 digits after the leading 0 (8–10 with it); internationally the 0 is dropped.</summary>
    private static bool PhoneDigitsOk(string value, int internationalPrefixDigits)
    {
        var digits = value.Count(char.IsAsciiDigit);
        // without "46"/"0046", or without the leading 0
        var national = internationalPrefixDigits > 0 ? digits - internationalPrefixDigits : digits - 1;
        if (internationalPrefixDigits > 0 && value.Contains("(0)")) national--;
        return national is >= 7 and <= 9;
    }

    private static IEnumerable<(int Index, int Length)> CodeMatches(string text, IEnumerable<string?>? clientCodes)
    {
        if (clientCodes is null) yield break;
        var codes = clientCodes.Select(c => c?.Trim() ?? "").Where(c => c.Length >= 4 && c.Any(char.IsLetter))
            .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(c => c.Length);
        foreach (var code in codes)
        {
            for (var i = text.IndexOf(code, StringComparison.OrdinalIgnoreCase);
                 i >= 0;
                 i = text.IndexOf(code, i + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = i + code.Length;
                var before = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
                var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
                if (before && after) yield return (i, code.Length);
            }
        }
    }

    private static IEnumerable<(int Index, int Length)> NameMatches(string text, IEnumerable<string?>? clientNames)
    {
        if (clientNames is null) yield break;
        // SwedishText.Fold trims; keep positions aligned with the original text by folding from the first non-space.
        var offset = text.Length - text.TrimStart().Length;
        var folded = SwedishText.Fold(text);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in clientNames)
        {
            var full = string.Join(' ', SwedishText.Fold(name).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (full.Length == 0) continue;
            terms.Add(full);
            // Parts of three letters or more, a double name as a whole ("anna-karin") and its halves.
            foreach (var part in full.Split(' ').Concat(full.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)))
                if (part.Count(char.IsLetter) >= 3) terms.Add(part);
        }
        foreach (var term in terms.OrderByDescending(t => t.Length))
        {
            for (var i = folded.IndexOf(term, StringComparison.Ordinal); i >= 0; i = folded.IndexOf(term, i + 1, StringComparison.Ordinal))
            {
                var end = i + term.Length;
                // genitive
                if (end < folded.Length && folded[end] == 's' && (end + 1 == folded.Length || !char.IsLetterOrDigit(folded[end + 1])))
                    end++;
                var before = i == 0 || !char.IsLetterOrDigit(folded[i - 1]);
                var after = end == folded.Length || !char.IsLetterOrDigit(folded[end]);
                if (before && after) yield return (i + offset, end - i);
            }
        }
    }
}
