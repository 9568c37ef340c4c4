namespace Ombud.Web.Features.Clients;

/// <summary>Loads a client with everything held about it (for closing, anonymising, erasing).</summary>
public static class ClientRecord
{
    public static async Task<Client> LoadWholeAsync(OmbudDbContext db, int clientId, CancellationToken ct) =>
        await db.Clients
            .Include(c => c.Mandates).ThenInclude(m => m.Needs)
            .Include(c => c.Mandates).ThenInclude(m => m.Contacts)
            .Include(c => c.Mandates).ThenInclude(m => m.SipMeetings).ThenInclude(s => s.Participants)
            .Include(c => c.Mandates).ThenInclude(m => m.SipMeetings).ThenInclude(s => s.Measures)
            .AsSplitQuery()
            .FirstAsync(c => c.Id == clientId, ct);
}
