using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Followups;

/// <summary>
/// Mina uppgifter: what is due for the signed-in ombud, over their own clients with open mandates — planned SIP
/// meetings, SIP follow-ups, open SIP measures, authority-contact follow-ups, paused mandates without activity for
/// <c>Ombud:PausedStaleWeeks</c> weeks, and consents that end within <c>Ombud:ConsentExpiryWarningDays</c> days (or ended
/// as many days ago) and have not been renewed. Overdue items and those due within <see cref="HorizonDays"/> days, by
/// date. "Today" is the Swedish date.
/// </summary>
public static class ListDueItems
{
    public const int HorizonDays = 14;
    public const int DefaultPausedStaleWeeks = 8;
    public const string PausedStaleWeeksSetting = "Ombud:PausedStaleWeeks";
    public const int DefaultConsentExpiryDays = 30;
    public const string ConsentExpiryDaysSetting = "Ombud:ConsentExpiryWarningDays";

    public enum Kind { SipMeeting, SipFollowUp, SipMeasure, ContactFollowUp, PausedMandate, ConsentExpiry }

    public sealed record Item(int ClientId, string ClientCode, string? ClientName, Kind Kind, string What, DateOnly Date, bool Overdue);

    public sealed record Result(
        IReadOnlyList<Item> Items, DateOnly Today, int PausedStaleWeeks, int ConsentExpiryDays = DefaultConsentExpiryDays)
    {
        public int OverdueCount => Items.Count(i => i.Overdue);
    }

    public static string Name(this Kind k) => k switch
    {
        Kind.SipMeeting => "SIP-möte",
        Kind.SipFollowUp => "SIP-uppföljning",
        Kind.SipMeasure => "SIP-åtgärd",
        Kind.ContactFollowUp => "Följ upp kontakt",
        Kind.ConsentExpiry => "Samtycke",
        _ => "Vilande uppdrag",
    };

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock, IConfiguration config)
    {
        public async Task<Result> HandleAsync(CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            var today = clock.Today();
            var horizon = today.AddDays(HorizonDays);
            var staleWeeks = config.GetValue(PausedStaleWeeksSetting, DefaultPausedStaleWeeks);
            if (staleWeeks < 1) staleWeeks = DefaultPausedStaleWeeks;
            var consentDays = config.GetValue(ConsentExpiryDaysSetting, DefaultConsentExpiryDays);
            if (consentDays < 0) consentDays = DefaultConsentExpiryDays;
            await using var db = await dbf.CreateDbContextAsync(ct);

            var mandates = await (
                from c in db.Clients.AsNoTracking().OwnedBy(me)
                join m in db.Mandates.AsNoTracking() on c.Id equals m.ClientId
                where m.Status != MandateStatus.Closed
                select new { MandateId = m.Id, ClientId = c.Id, c.Code, c.Name, m.Status, m.LastActivityOn }).ToListAsync(ct);
            var byMandate = mandates.ToDictionary(m => m.MandateId);
            var mandateIds = byMandate.Keys.ToList();
            var items = new List<Item>();
            void Add(int mandateId, Kind kind, string what, DateOnly date)
            {
                var m = byMandate[mandateId];
                items.Add(new Item(m.ClientId, m.Code, m.Name, kind, what, date, date < today));
            }

            // SIP: planned meetings, and per mandate the current SIP's follow-up and open measures (earlier meetings'
            // measures were carried over to the follow-up or are history).
            var meetings = await db.SipMeetings.AsNoTracking().Where(s => mandateIds.Contains(s.MandateId))
                .Include(s => s.Measures).ThenInclude(x => x.Actor).ToListAsync(ct);
            foreach (var s in meetings.Where(s => s.Status == SipStatus.Planned && s.Date <= horizon))
                Add(
                    s.MandateId,
                    Kind.SipMeeting,
                    s.Date < today ? "Planerat SIP-möte – för in hur det gick" : "Planerat SIP-möte – förbered klienten",
                    s.Date);
            foreach (var group in meetings.GroupBy(s => s.MandateId))
            {
                if (SipMeeting.Current(group) is not { Status: not SipStatus.Cancelled } current) continue;
                var followedUp = group.Any(s => s.PreviousMeetingId == current.Id && s.Status != SipStatus.Cancelled);
                if (current.FollowUpOn is { } f && f <= horizon && !followedUp)
                    Add(current.MandateId, Kind.SipFollowUp, $"Följ upp SIP från {Dates.Format(current.Date)}", f);
                foreach (var m in current.OpenMeasures.Where(m => m.DueOn <= horizon))
                    Add(current.MandateId, Kind.SipMeasure, $"{m.Actor!.Name}: {m.What}", m.DueOn!.Value);
            }

            // Contact follow-ups, unless a later contact with the same actor shows the ombud has followed up.
            var contacts = await db.AuthorityContacts.AsNoTracking()
                .Where(a => mandateIds.Contains(a.MandateId) && a.FollowUpOn != null && a.FollowUpOn <= horizon)
                .Where(a => !db.AuthorityContacts.Any(b => b.MandateId == a.MandateId && b.ActorId == a.ActorId
                                                           && (b.Date > a.Date || (b.Date == a.Date && b.Id > a.Id))))
                .Select(a => new { a.MandateId, a.Date, a.FollowUpOn, Actor = a.Actor!.Name })
                .ToListAsync(ct);
            foreach (var c in contacts)
                Add(c.MandateId, Kind.ContactFollowUp, $"Följ upp kontakten med {c.Actor} ({Dates.Format(c.Date)})", c.FollowUpOn!.Value);

            // Paused mandates become due when they have had no activity for the configured number of weeks.
            foreach (var m in mandates.Where(m => m.Status == MandateStatus.Paused))
            {
                var due = m.LastActivityOn.AddDays(staleWeeks * 7);
                if (due <= horizon)
                    Add(
                        m.MandateId,
                        Kind.PausedMandate,
                        $"Vilande utan aktivitet sedan {Dates.Format(m.LastActivityOn)} – hör av dig eller avsluta",
                        due);
            }

            // Consents that end soon (or ended lately) and have not been renewed: a later consent for the same actor in the
            // mandate that is not withdrawn and lasts longer (or until further notice) renews it.
            var consentFrom = today.AddDays(-consentDays);
            var consentUntil = today.AddDays(consentDays);
            var consents = await db.Consents.AsNoTracking()
                .Where(c => mandateIds.Contains(c.MandateId) && c.WithdrawnOn == null && c.ValidUntil != null
                            && c.ValidUntil >= consentFrom && c.ValidUntil <= consentUntil)
                .Where(c => !db.Consents.Any(o => o.MandateId == c.MandateId && o.ActorId == c.ActorId && o.Id != c.Id
                                                  && o.WithdrawnOn == null && (o.ValidUntil == null || o.ValidUntil > c.ValidUntil)))
                .Select(c => new { c.MandateId, c.ValidUntil, Actor = c.Actor!.Name })
                .ToListAsync(ct);
            foreach (var c in consents)
            {
                var until = c.ValidUntil!.Value;
                Add(c.MandateId, Kind.ConsentExpiry, until < today
                    ? $"Samtycket för {c.Actor} gällde till {Dates.Format(until)} – förnya det med klienten"
                    : $"Samtycket för {c.Actor} gäller till {Dates.Format(until)} – förnya det med klienten", until);
            }

            var sorted = items.OrderBy(i => i.Date)
                .ThenBy(i => i.Kind)
                .ThenBy(i => i.ClientCode, StringComparer.Ordinal)
                .ThenBy(i => i.What, StringComparer.Ordinal).ToList();
            return new Result(sorted, today, staleWeeks, consentDays);
        }
    }
}
