using System.Security.Cryptography;

namespace Ombud.Web.Domain;

/// <summary>Generated client codes: "K" + 6 characters from an alphabet without look-alikes (0/O, 1/I).</summary>
public static class ClientCode
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New(Random? random = null)
    {
        Span<char> chars = stackalloc char[6];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = Alphabet[random?.Next(Alphabet.Length) ?? RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return "K" + new string(chars);
    }
}
