using System.Security.Cryptography;
using System.Text;

namespace Ombud.Web.Features.Surveys;

/// <summary>
/// One-time answer codes: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), printed in two groups
/// ("K7MX-Q2RTA"), about 49 bits of chance: not guessable within the answer page's rate limit. Only the SHA-256 of the
/// normalised code is stored.
/// </summary>
public static class SurveyCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 10;

    public static string NewCode()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    /// <summary>For print: "K7MXQ2RTAB" → "K7MXQ-2RTAB".</summary>
    public static string Format(string code) => code.Length == Length ? $"{code[..5]}-{code[5..]}" : code;

    /// <summary>
    /// What the respondent typed, as stored: upper case, without spaces and hyphens; null when it cannot be a code
    /// (wrong length or characters), so it is refused without a database lookup.
    /// </summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40) return null;
        var code = new string(typed.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    public static string Hash(string normalisedCode) =>
        Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(normalisedCode))).ToLowerInvariant();
}
