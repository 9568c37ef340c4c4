using FluentValidation;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Needs;

namespace Ombud.Tests.Conventions;

/// <summary>
/// The server handlers with bad input: they refuse it with a Swedish message and save nothing; tricky text round-trips unchanged.
/// </summary>
public class BadInputHandlerTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private TestDb _t = default!;
    private UserInfo _ombud = default!;
    private Mandate _mandate = default!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: Clock);
        var unit = await _t.AddUnitAsync();
        _ombud = await _t.AddUserAsync(unit.Id, Roles.Ombud);
        _t.User = _ombud;
        _mandate = await _t.AddMandateAsync(_ombud, new DateOnly(2026, 3, 1));
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private SaveNeed.Handler Needs() => _t.Get<SaveNeed.Handler>();
    private RegisterClient.Handler Register() => _t.Get<RegisterClient.Handler>();

    private async Task<(int Clients, int Mandates, int Needs, int Audit)> CountsAsync()
    {
        await using var db = _t.CreateContext();
        return (await db.Clients.IgnoreQueryFilters().CountAsync(), await db.Mandates.IgnoreQueryFilters().CountAsync(),
            await db.Needs.IgnoreQueryFilters().CountAsync(), await db.AuditEntries.CountAsync());
    }

    public static TheoryData<string> Tricky() => new(BadInputTests.TrickyText);

    [Theory, MemberData(nameof(Tricky))]
    public async Task Tricky_text_is_stored_and_read_back_exactly(string text)
    {
        var lifeArea = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
        var id = await Needs().HandleAsync(
            new SaveNeed.Command
            {
                MandateId = _mandate.Id,
                LifeAreaId = lifeArea.Id,
                ClientWords = text,
                IdentifiedOn = new DateTime(2026, 4, 1)
            });
        await using var db = _t.CreateContext();
        Assert.Equal(text.Trim(), (await db.Needs.SingleAsync(n => n.Id == id)).ClientWords);
    }

    public static TheoryData<string, int?, int?, string> BadRegistrations => new()
    {
        { new string('x', Limits.Name + 1), null, 1984, "högst" },
        { "Anna", null, 1850, "Födelseåret" },
        { "Anna", 1, null, "" }, // a municipality of no unit: business rule in the handler
    };

    [Theory, MemberData(nameof(BadRegistrations))]
    public async Task A_refused_registration_saves_nothing(string name, int? municipalityOverride, int? birthYear, string message)
    {
        var before = await CountsAsync();
        int municipalityId;
        await using (var db = _t.CreateContext()) municipalityId = await db.Municipalities.Select(m => m.Id).FirstAsync();
        var reason = await _t.CategoryAsync(CategoryKind.ContactReason, "Annat");
        var path = await _t.CategoryAsync(CategoryKind.ReferralPath, "Egen kontakt");
        var cmd = new RegisterClient.Command
        {
            Name = name,
            BirthYear = birthYear,
            MunicipalityId = municipalityOverride is null ? municipalityId : municipalityId + 1000,
            RegisteredOn = new DateTime(2026, 11, 1),
            StartDate = new DateTime(2026, 11, 1),
            ReferralPathId = path.Id,
            ContactReasonIds = [reason.Id],
        };
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => Register().HandleAsync(cmd));
        Assert.True(ex is ValidationException or DomainException, ex.GetType().Name);
        Assert.Contains(message, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_need_dated_before_the_mandate_is_refused_and_nothing_is_saved()
    {
        var before = await CountsAsync();
        var lifeArea = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
        var ex = await Assert.ThrowsAsync<DomainException>(() => Needs().HandleAsync(
            new SaveNeed.Command
            {
                MandateId = _mandate.Id,
                LifeAreaId = lifeArea.Id,
                ClientWords = "Behov",
                IdentifiedOn = new DateTime(2026, 1, 1)
            }));
        Assert.Contains("före uppdragets första kontakt", ex.Message);
        Assert.Equal(before, await CountsAsync());
    }
}
