using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Features.Sip;

/// <summary>
/// Shared setup of the SIP handler tests on an in-memory SQLite database (23 Nov 2026): an ombud with an open mandate
/// (from 1 Mar), two actors — socialpsykiatrin, with the client's consent, and psykiatrin, without — and a held
/// meeting's command with both as participants and three measures (<see cref="Meeting"/>).
/// </summary>
public abstract class SipTestData() : HandlerTestBase(Clock)
{
    protected static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    protected static readonly DateOnly Today = new(2026, 11, 23);
    protected UserInfo _ombud = default!;
    protected Mandate _mandate = default!;
    protected Actor _socpsyk = default!, _psykiatrin = default!;

    protected override async Task SeedAsync()
    {
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _t.User = _ombud;
        _mandate = await _t.AddMandateAsync(_ombud, new DateOnly(2026, 3, 1));
        _socpsyk = await _t.AddActorAsync(_unit.Id, "Socialtjänsten – socialpsykiatri");
        _psykiatrin = await _t.AddActorAsync(_unit.Id, "Psykiatrin");
        await using var db = _t.CreateContext();
        db.Consents.Add(new Consent { MandateId = _mandate.Id, ActorId = _socpsyk.Id, GivenOn = new DateOnly(2026, 3, 1) });
        await db.SaveChangesAsync();
    }

    protected SaveSipMeeting.Handler Save() => _t.Get<SaveSipMeeting.Handler>();
    protected GetSipMeeting.Handler Get() => _t.Get<GetSipMeeting.Handler>();
    protected LoadSipPanel.Handler Overview() => _t.Get<LoadSipPanel.Handler>();
    protected GetSipSummary.Handler Summary() => _t.Get<GetSipSummary.Handler>();

    protected SaveSipMeeting.Command Meeting(int? mandateId = null) => new()
    {
        MandateId = mandateId ?? _mandate.Id,
        Date = new DateTime(2026, 11, 10),
        Time = new TimeSpan(13, 30, 0),
        Status = SipStatus.Held,
        Place = "Socialkontoret",
        CalledById = _socpsyk.Id,
        LeadActorId = _socpsyk.Id,
        ClientGoals = "Bo kvar i lägenheten",
        FollowUpOn = new DateTime(2026, 12, 15),
        PlanReference = "Hos socialpsykiatrin",
        ConsentConfirmed = true,
        RequestedByOmbud = true,
        PreparedClient = true,
        OmbudAttended = true,
        Participants = [
            new() { ActorId = _socpsyk.Id, ContactPerson = "Handläggaren", Role = "handläggare" },
            new() { ActorId = _psykiatrin.Id, Role = "sjuksköterska" }],
        Measures =
        [
            new()
            {
                ActorId = _socpsyk.Id,
                What = "Ansöka om boendestöd",
                DueOn = new DateTime(2026, 11, 20),
                Status = SipMeasureStatus.InProgress
            },
            new() { ActorId = _psykiatrin.Id, What = "Boka läkarbesök", DueOn = new DateTime(2026, 12, 1) },
            new()
            {
                ActorId = _psykiatrin.Id,
                What = "Se över medicinen",
                DueOn = new DateTime(2026, 11, 1),
                Status = SipMeasureStatus.Done
            },
        ],
    };
}
