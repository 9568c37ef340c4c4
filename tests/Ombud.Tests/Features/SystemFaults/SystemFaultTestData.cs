using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>
/// Shared setup of the system-fault handler tests on an in-memory SQLite database (23 Nov 2026): a unit with two ombud
/// (the first signed in) and a unit lead, the fault categories Psykiatrin and Bostad, two actors, a fault's command
/// (<see cref="Fault"/>), and helpers that add needs, steering-group meetings and a variety of faults.
/// </summary>
public abstract class SystemFaultTestData() : HandlerTestBase(Clock)
{
    protected static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    protected static readonly DateTime Today = new(2026, 11, 23);
    protected UserInfo _ombud = default!, _ombud2 = default!, _lead = default!;
    protected Category _psykiatrin = default!, _bostad = default!;
    protected Actor _pa = default!, _fk = default!;

    protected override async Task SeedAsync()
    {
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _ombud2 = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _lead = await _t.AddUserAsync(_unit.Id, Roles.UnitLead);
        _psykiatrin = await _t.CategoryAsync(CategoryKind.FaultCategory, "Psykiatrin");
        _bostad = await _t.CategoryAsync(CategoryKind.FaultCategory, "Bostad");
        _pa = await _t.AddActorAsync(_unit.Id, "Psykiatrin");
        _fk = await _t.AddActorAsync(_unit.Id, "Försäkringskassan");
        _t.User = _ombud;
    }

    protected SaveFault.Handler Save() => _t.Get<SaveFault.Handler>();
    protected ChangeFaultStatus.Handler Step() => _t.Get<ChangeFaultStatus.Handler>();
    protected ListFaults.Handler List() => _t.Get<ListFaults.Handler>();
    protected GetFault.Handler Get() => _t.Get<GetFault.Handler>();
    protected ExportFaults.Handler Export() => _t.Get<ExportFaults.Handler>();

    protected SaveFault.Command Fault(string description = "Väntetiden till psykiatrin är över sex månader.", Category? category = null,
        DateTime? date = null, FaultLevel level = FaultLevel.Local, IEnumerable<int>? actors = null, IEnumerable<int>? needs = null) =>
            new()
            {
                Date = date ?? Today.AddDays(-5),
                CategoryId = (category ?? _psykiatrin).Id,
                Level = level,
                Description = description,
                Consequence = "Klienter blir utan behandling.",
                ClientsAffected = 3,
                ActorIds = actors ?? [_pa.Id],
                NeedIds = needs ?? [],
            };

    protected async Task<int> SaveAsync(SaveFault.Command cmd)
    {
        var r = await Save().HandleAsync(cmd);
        Assert.Equal(SaveFault.Outcome.Saved, r.Outcome);
        return r.Id!.Value;
    }

    /// <summary>A need in a new mandate of <paramref name="owner"/>'s, in the given life area; the client may get a name.</summary>
    protected async Task<Need> NeedOfAsync(UserInfo owner, string lifeArea = "Boende", string? clientName = null)
    {
        var mandate = await _t.AddMandateAsync(owner);
        var area = await _t.CategoryAsync(CategoryKind.LifeArea, lifeArea);
        await using var db = _t.CreateContext();
        var need = new Need
        {
            MandateId = mandate.Id,
            LifeAreaId = area.Id,
            ClientWords = "Vill ha en bostad",
            IdentifiedOn = new DateOnly(2026, 2, 1)
        };
        db.Needs.Add(need);
        if (clientName is not null) (await db.Clients.SingleAsync(c => c.Id == mandate.ClientId)).SetName(clientName);
        await db.SaveChangesAsync();
        return need;
    }

    protected async Task<SteeringGroupMeeting> MeetingAsync(DateOnly? date = null, int? unitId = null)
    {
        await using var db = _t.CreateContext();
        var m = new SteeringGroupMeeting { UnitId = unitId ?? _unit.Id, Date = date ?? new DateOnly(2026, 11, 20) };
        db.SteeringGroupMeetings.Add(m);
        await db.SaveChangesAsync();
        return m;
    }

    /// <summary>Seven faults in two years, categories, levels, statuses and actors.</summary>
    protected async Task<List<int>> SeedVarietyAsync()
    {
        var meeting = await MeetingAsync(new DateOnly(2026, 11, 1));
        var ids = new List<int>
        {
            await SaveAsync(Fault("A", _psykiatrin, new DateTime(2025, 3, 1), FaultLevel.CaseOfficer, [_pa.Id])),
            await SaveAsync(Fault("B", _bostad, new DateTime(2025, 12, 31), FaultLevel.Local, [_fk.Id])),
            await SaveAsync(Fault("C", _bostad, new DateTime(2026, 1, 1), FaultLevel.Central, [_pa.Id, _fk.Id])),
            await SaveAsync(Fault("D", _psykiatrin, new DateTime(2026, 5, 5), FaultLevel.Local, [])),
            await SaveAsync(Fault("E", _psykiatrin, new DateTime(2026, 6, 6), FaultLevel.Local, [_fk.Id])),
            await SaveAsync(Fault("=1+1", _bostad, new DateTime(2026, 7, 7), FaultLevel.Central, [_pa.Id])),
            await SaveAsync(Fault("G", _psykiatrin, new DateTime(2026, 8, 8), FaultLevel.CaseOfficer, [_pa.Id])),
        };
        foreach (var id in ids.Skip(4))
            await Step().HandleAsync(
                new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meeting.Id });
        return ids;
    }

    protected FaultFilter Parse(string query)
    {
        Assert.True(
            FaultFilter.TryParse(
                "?" + query.Replace("BOSTAD", _bostad.Id.ToString()).Replace("FK", _fk.Id.ToString()).Replace("PA", _pa.Id.ToString()),
                out var f));
        return f;
    }

    protected async Task<string> CodeOfNeedAsync(Need need)
    {
        await using var db = _t.CreateContext();
        return await db.Mandates.Where(m => m.Id == need.MandateId).Select(m => m.Client!.Code).SingleAsync();
    }
}
