namespace Ombud.Web.Features.Sip;

/// <summary>How SIP dates and times read in the UI and the printout.</summary>
public static class SipFormat
{
    /// <summary>"2026-11-23 kl. 13:30", or just the date.</summary>
    public static string When(DateOnly date, TimeOnly? time) =>
        Dates.Format(date) + (time is { } t ? " kl. " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : "");

    public static string Where(bool isVideo, string? place) => isVideo ? "Videomöte" : place ?? "Plats ej angiven";
}
