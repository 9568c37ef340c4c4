using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Features.Clients;

/// <summary>Reading the client page: what it shows, and that it reads only this client's rows.</summary>
public class GetClientTests : IAsyncLifetime
{
    private TestDb _t = null!;
    private readonly QueryPlans _plans = new();
    private Mandate _mine = null!;
    private int _otherContacts;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync();
        _t.ExtraInterceptors = [_plans];
        var unit = await _t.AddUnitAsync();
        var ombud = await _t.AddUserAsync(unit.Id, Roles.Ombud);
        var colleague = await _t.AddUserAsync(unit.Id, Roles.Ombud);
        var actor = await _t.AddActorAsync(unit.Id, "Försäkringskassan");
        _mine = await _t.AddMandateAsync(ombud);
        await using var db = _t.CreateContext();
        var kinds = await db.Categories
            .Where(c => c.Kind == CategoryKind.HelpKind)
            .OrderBy(c => c.SortOrder)
            .ThenBy(c => c.Id)
            .ToListAsync();
        Assert.True(kinds.Count >= 3);
        var mine = await db.Mandates.SingleAsync(m => m.Id == _mine.Id);
        mine.Contacts.Add(Contact(actor.Id, 1, kinds[2], kinds[0]));
        mine.Contacts.Add(Contact(actor.Id, 2, kinds[1]));
        mine.Contacts.Add(Contact(actor.Id, 3));
        await db.SaveChangesAsync();
        // Another ombud's clients with many contacts, each with help kinds: the page must not read them.
        for (var i = 0; i < 3; i++)
        {
            var other = await _t.AddMandateAsync(colleague);
            var m = await db.Mandates.SingleAsync(x => x.Id == other.Id);
            for (var d = 1; d <= 20; d++, _otherContacts++)
                m.Contacts.Add(Contact(actor.Id, d, kinds[d % kinds.Count], kinds[(d + 1) % kinds.Count]));
        }
        await db.SaveChangesAsync();
        _t.User = ombud;
    }

    private static AuthorityContact Contact(int actorId, int day, params Category[] kinds) =>
        new() { ActorId = actorId, Date = new DateOnly(2026, 2, day), Channel = ContactChannel.Phone, HelpKinds = kinds.ToList() };

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task Client_page_shows_each_contacts_help_kinds_in_list_order()
    {
        var details = await _t.Get<GetClient.Handler>().HandleAsync(_mine.ClientId);

        Assert.NotNull(details);
        var kinds = await HelpKindsAsync();
        Assert.Equal([3, 2, 1], details.Contacts.Select(c => c.Date.Day));
        Assert.Empty(details.Contacts[0].HelpKinds);
        Assert.Equal([kinds[1].Name], details.Contacts[1].HelpKinds);
        Assert.Equal([kinds[0].Id, kinds[2].Id], details.Contacts[2].HelpKindIds);
        Assert.Equal([kinds[0].Name, kinds[2].Name], details.Contacts[2].HelpKinds);
        Assert.Equal(["Annat"], details.Mandate.ContactReasons);
    }

    /// <summary>
    /// The page's cost must not grow with the installation: every table it reads is reached through an index from this
    /// client's rows, never scanned or materialised whole (the help-kind link table once was, twice per view).
    /// </summary>
    [Fact]
    public async Task Client_page_reads_no_table_whole()
    {
        _plans.Clear();
        var details = await _t.Get<GetClient.Handler>().HandleAsync(_mine.ClientId);
        Assert.NotNull(details);
        await _t.Get<LoadSipPanel.Handler>().HandleAsync(details.Mandate.Id);

        var queries = _plans.Queries;
        Assert.Contains(queries, q => q.Sql.Contains("\"AuthorityContactHelpKinds\""));
        Assert.Contains(queries, q => q.Sql.Contains("\"MandateContactReasons\""));
        Assert.True(_otherContacts > 0);
        var whole = queries.Where(q => q.ReadsATableWhole).ToList();
        Assert.True(whole.Count == 0, "Reads a table whole:\n" + string.Join("\n\n", whole));
    }

    private async Task<List<Category>> HelpKindsAsync()
    {
        await using var db = _t.CreateContext();
        return await db.Categories.Where(c => c.Kind == CategoryKind.HelpKind).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync();
    }
}
