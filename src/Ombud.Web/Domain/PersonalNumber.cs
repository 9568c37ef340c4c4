namespace Ombud.Web.Domain;

/// <summary>Swedish personnummer (and samordningsnummer): format, real date and Luhn check digit.</summary>
public static class PersonalNumber
{
    /// <summary>
    /// Parses "ÅÅÅÅMMDD-NNNN", "ÅÅÅÅMMDDNNNN", "ÅÅMMDD-NNNN" or "ÅÅMMDD+NNNN" (over 100 years) and returns the
    /// normalised 12-digit form ÅÅÅÅMMDDNNNN, or an error message in Swedish.
    /// </summary>
    public static bool TryNormalize(string? input, DateOnly today, out string normalized, out string error)
    {
        normalized = "";
        error = "";
        var s = (input ?? "").Trim();
        var plus = s.Contains('+');
        var digits = new string(s.Where(char.IsAsciiDigit).ToArray());
        var allowed = s.All(ch => char.IsAsciiDigit(ch) || ch is '-' or '+' or ' ');
        if (!allowed || (digits.Length != 10 && digits.Length != 12))
        {
            error = "Personnumret ska skrivas ÅÅÅÅMMDD-NNNN.";
            return false;
        }
        if (digits.Length == 10)
        {
            var yy = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            var century = today.Year / 100 * 100;
            var year = century + yy;
            if (year > today.Year) year -= 100;
            if (plus) year -= 100;
            digits = year.ToString("D4", CultureInfo.InvariantCulture) + digits[2..];
        }
        var y = int.Parse(digits[..4], CultureInfo.InvariantCulture);
        var m = int.Parse(digits.Substring(4, 2), CultureInfo.InvariantCulture);
        var d = int.Parse(digits.Substring(6, 2), CultureInfo.InvariantCulture);
        if (d > 60) d -= 60; // samordningsnummer
        if (y < 1900 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            error = "Personnumret innehåller inget giltigt datum.";
            return false;
        }
        if (new DateOnly(y, m, d) > today)
        {
            error = "Personnumrets datum ligger i framtiden.";
            return false;
        }
        if (!LuhnValid(digits[2..]))
        {
            error = "Personnumrets kontrollsiffra stämmer inte.";
            return false;
        }
        normalized = digits;
        return true;
    }

    /// <summary>Luhn check over the 10 digits ÅÅMMDDNNNN.</summary>
    public static bool LuhnValid(string tenDigits)
    {
        if (tenDigits.Length != 10 || !tenDigits.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var v = (tenDigits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += v > 9 ? v - 9 : v;
        }
        return sum % 10 == 0;
    }

    /// <summary>Birth year from a normalised 12-digit number.</summary>
    public static int BirthYear(string normalized) => int.Parse(normalized[..4], CultureInfo.InvariantCulture);

    /// <summary>Display form ÅÅÅÅMMDD-NNNN.</summary>
    public static string Format(string normalized) => normalized.Length == 12 ? normalized[..8] + "-" + normalized[8..] : normalized;
}
