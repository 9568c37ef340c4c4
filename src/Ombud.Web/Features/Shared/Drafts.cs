using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;

namespace Ombud.Web.Features.Shared;

/// <summary>
/// Unsaved work survives: <see cref="FormDraft"/> keeps each open form's values in the browser tab's sessionStorage
/// (written when a field changes, once the user pauses for <see cref="FormDraft.Pause"/>), so a dropped connection, a Blazor reconnect, a
/// page reload or a
/// server restart does not lose them; the form restores the draft when it opens again.
/// Privacy: drafts can hold client free text, so they stay in the user's own browser tab only — never on the server,
/// never in localStorage — are keyed by user id, expire after <see cref="MaxAge"/>, and vanish when the tab is closed.
/// They are stored encrypted and signed (<c>ProtectedSessionStorage</c>: ASP.NET Core Data Protection with the storage
/// key, which holds the user id and the form, as purpose): the browser, its extensions and anyone at the computer after
/// sign-out see only ciphertext, and a draft decrypts only for the same user and form on this installation's keys.
/// One instance per circuit: knows the open drafts, so a "reload" after an edit conflict can discard them first.
/// </summary>
public sealed class Drafts(NavigationManager nav)
{
    public const string Prefix = "ombud-draft:";
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(12);
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
    private readonly List<FormDraft> _open = [];

    public void Register(FormDraft d) => _open.Add(d);
    public void Unregister(FormDraft d) => _open.Remove(d);

    /// <summary>Drops every open form's draft and reloads the page from the server (shows what is saved now).</summary>
    public async Task DiscardAllAndReloadAsync()
    {
        foreach (var d in _open.ToList()) await d.ClearAsync();
        // Give the browser a moment to drop the leave-page prompt the cleared forms had set.
        if (_open.Count > 0) await Task.Delay(TimeSpan.FromMilliseconds(300));
        Reload();
    }

    public void Reload() => nav.Refresh(forceReload: true);

    public static string Serialize(object model) => JsonSerializer.Serialize(model, model.GetType(), Json);

    public static string Write(string data, DateTime savedAtUtc) => JsonSerializer.Serialize(new Envelope(savedAtUtc, data));

    /// <summary>Reads a stored draft; false when there is none, it cannot be read, or it is older than <see cref="MaxAge"/>.</summary>
    public static bool TryRead(string? stored, DateTime nowUtc, out DateTime savedAtUtc, out string data)
    {
        savedAtUtc = default;
        data = "";
        if (string.IsNullOrEmpty(stored)) return false;
        try
        {
            var e = JsonSerializer.Deserialize<Envelope>(stored);
            if (e is null || nowUtc - e.SavedAtUtc > MaxAge || e.SavedAtUtc > nowUtc.AddMinutes(5)) return false;
            (savedAtUtc, data) = (e.SavedAtUtc, e.Data);
            return true;
        }
        catch (JsonException) { return false; }
    }

    /// <summary>
    /// Copies a draft's values onto <paramref name="model"/>: public settable properties only. Confirmations
    /// ("Confirm…" flags: saving without consent, text that looks like personal data) are never restored.
    /// </summary>
    public static void Populate(object model, string data)
    {
        var type = model.GetType();
        object? draft;
        try { draft = JsonSerializer.Deserialize(data, type, Json); }
        catch (JsonException) { return; }
        if (draft is null) return;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanRead || p.GetSetMethod() is null || p.GetIndexParameters().Length > 0) continue;
            if (p.Name.StartsWith("Confirm", StringComparison.Ordinal) || p.IsDefined(typeof(JsonIgnoreAttribute))) continue;
            p.SetValue(model, p.GetValue(draft));
        }
    }

    private sealed record Envelope(DateTime SavedAtUtc, string Data);
}
