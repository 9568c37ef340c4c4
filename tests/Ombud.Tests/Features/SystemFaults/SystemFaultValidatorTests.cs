using Ombud.Web.Features.SteeringGroup;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

public class SystemFaultValidatorTests
{
    // 23:30 UTC on 23 Nov is already 24 Nov in Sweden.
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23, 23);
    private static readonly DateTime SwedishToday = new(2026, 11, 24);

    private static SaveFault.Command ValidFault() => new()
    {
        Date = SwedishToday,
        CategoryId = 1,
        Level = FaultLevel.Local,
        Description = "Väntetiden till psykiatrin är över sex månader.",
        Consequence = "Klienter blir utan behandling.",
        ClientsAffected = 4,
    };

    private readonly SaveFault.Validator _fault = new(Clock);

    [Fact]
    public void A_complete_fault_is_valid() => Assert.True(_fault.Validate(ValidFault()).IsValid);

    [Fact]
    public void Today_in_Swedish_time_is_allowed_but_not_tomorrow()
    {
        var cmd = ValidFault();
        Assert.Empty(_fault.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = SwedishToday.AddDays(1);
        Assert.Contains("Datumet kan inte ligga i framtiden.", _fault.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = null;
        Assert.Contains("Ange datum.", _fault.ErrorsFor(cmd, nameof(cmd.Date)));
    }

    [Fact]
    public void Category_and_level_are_required()
    {
        var cmd = ValidFault();
        cmd.CategoryId = null;
        cmd.Level = null;
        Assert.Contains("Välj kategori.", _fault.ErrorsFor(cmd, nameof(cmd.CategoryId)));
        Assert.Contains("Välj nivå.", _fault.ErrorsFor(cmd, nameof(cmd.Level)));
        cmd.Level = (FaultLevel)9;
        Assert.Contains("Välj nivå.", _fault.ErrorsFor(cmd, nameof(cmd.Level)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Description_is_required(string? text)
    {
        var cmd = ValidFault();
        cmd.Description = text!;
        Assert.Contains("Beskriv systembristen.", _fault.ErrorsFor(cmd, nameof(cmd.Description)));
    }

    [Fact]
    public void Texts_may_not_exceed_the_limit()
    {
        var cmd = ValidFault();
        cmd.Description = new string('ä', Limits.LongText);
        cmd.Consequence = new string('ö', Limits.LongText);
        Assert.True(_fault.Validate(cmd).IsValid);
        cmd.Description += "x";
        cmd.Consequence += "x";
        Assert.Contains($"Högst {Limits.LongText} tecken.", _fault.ErrorsFor(cmd, nameof(cmd.Description)));
        Assert.Contains($"Högst {Limits.LongText} tecken.", _fault.ErrorsFor(cmd, nameof(cmd.Consequence)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(10000, true)]
    [InlineData(-1, false)]
    [InlineData(10001, false)]
    [InlineData(null, false)]
    public void Clients_affected_is_between_0_and_10000(int? n, bool valid)
    {
        var cmd = ValidFault();
        cmd.ClientsAffected = n;
        Assert.Equal(valid, !_fault.ErrorsFor(cmd, nameof(cmd.ClientsAffected)).Any());
    }

    private readonly ChangeFaultStatus.Validator _step = new(Clock);

    [Fact]
    public void Reporting_needs_a_meeting()
    {
        var cmd = new ChangeFaultStatus.Command { FaultId = 1, To = FaultStatus.ReportedToSteeringGroup };
        Assert.Contains("Välj ledningsgruppsmöte.", _step.ErrorsFor(cmd, nameof(cmd.MeetingId)));
        cmd.MeetingId = 3;
        Assert.True(_step.Validate(cmd).IsValid);
    }

    [Theory]
    [InlineData(FaultStatus.Forwarded)]
    [InlineData(FaultStatus.Answered)]
    [InlineData(FaultStatus.Closed)]
    public void Later_steps_need_a_date_that_is_not_in_the_future(FaultStatus to)
    {
        var cmd = new ChangeFaultStatus.Command { FaultId = 1, To = to, ToCountyBoard = true, Response = "Svar" };
        Assert.Contains("Ange datum.", _step.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = SwedishToday.AddDays(1);
        Assert.Contains("Datumet kan inte ligga i framtiden.", _step.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = SwedishToday;
        Assert.True(_step.Validate(cmd).IsValid);
    }

    [Fact]
    public void Forwarding_needs_a_recipient_and_an_answer_needs_text()
    {
        var forward = new ChangeFaultStatus.Command { FaultId = 1, To = FaultStatus.Forwarded, Date = SwedishToday };
        Assert.Contains("Ange vart systembristen vidarerapporterades: Länsstyrelsen och/eller aktören.", _step.ErrorsFor(forward, nameof(forward.ToCountyBoard)));
        forward.ToActor = true;
        Assert.True(_step.Validate(forward).IsValid);

        var answer = new ChangeFaultStatus.Command { FaultId = 1, To = FaultStatus.Answered, Date = SwedishToday, Response = " " };
        Assert.Contains("Skriv svaret.", _step.ErrorsFor(answer, nameof(answer.Response)));
        answer.Response = new string('a', Limits.LongText + 1);
        Assert.Contains($"Högst {Limits.LongText} tecken.", _step.ErrorsFor(answer, nameof(answer.Response)));
    }

    [Fact]
    public void A_step_is_required_and_never_back_to_draft()
    {
        Assert.Contains("Välj nästa steg.", _step.ErrorsFor(new ChangeFaultStatus.Command(), "To"));
        Assert.Contains("En rapporterad systembrist kan inte bli utkast igen.", _step.ErrorsFor(new ChangeFaultStatus.Command { To = FaultStatus.Draft }, "To"));
    }

    private readonly SaveMember.Validator _member = new();

    [Fact]
    public void A_member_needs_organisation_name_and_start_and_ends_after_starting()
    {
        var cmd = new SaveMember.Command { Organisation = " ", PersonName = "", From = null };
        Assert.Contains("Ange organisation.", _member.ErrorsFor(cmd, nameof(cmd.Organisation)));
        Assert.Contains("Ange namn.", _member.ErrorsFor(cmd, nameof(cmd.PersonName)));
        Assert.Contains("Ange från vilket datum personen är ledamot.", _member.ErrorsFor(cmd, nameof(cmd.From)));
        cmd = new SaveMember.Command { Organisation = "Region Demo", PersonName = "Per Person", From = new DateTime(2026, 1, 1), To = new DateTime(2025, 12, 31) };
        Assert.Contains("Slutdatum kan inte vara före startdatum.", _member.ErrorsFor(cmd, nameof(cmd.To)));
        cmd.To = new DateTime(2026, 1, 1);
        Assert.True(_member.Validate(cmd).IsValid);
        cmd.Role = new string('r', Limits.Name + 1);
        Assert.Contains($"Högst {Limits.Name} tecken.", _member.ErrorsFor(cmd, nameof(cmd.Role)));
    }

    [Fact]
    public void A_meeting_needs_a_date_and_short_decisions()
    {
        var v = new SaveMeeting.Validator(Clock);
        var cmd = new SaveMeeting.Command();
        Assert.Contains("Ange mötesdatum.", v.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = SwedishToday.AddMonths(2); // a planned meeting is fine
        Assert.True(v.Validate(cmd).IsValid);
        cmd.Decisions = new string('b', Limits.LongText + 1);
        Assert.Contains($"Högst {Limits.LongText} tecken.", v.ErrorsFor(cmd, nameof(cmd.Decisions)));
    }

    [Fact]
    public void The_filter_round_trips_through_the_query_string_and_refuses_bad_values()
    {
        var filter = new FaultFilter(2026, 12, FaultLevel.Central, FaultStatus.Forwarded, 5, 7);
        Assert.True(FaultFilter.TryParse("?" + filter.ToQueryString(), out var parsed));
        Assert.Equal(filter, parsed);
        Assert.True(FaultFilter.TryParse("", out var empty));
        Assert.Equal(new FaultFilter(), empty);
        foreach (var bad in new[] { "?year=abc", "?level=3", "?status=Answered,Closed", "?status=1", "?level=Lokal", "?actor=-1", "?year=2026&year=2025", "?foo=1" })
            Assert.False(FaultFilter.TryParse(bad, out _), bad);
        Assert.False(FaultFilter.TryParse("?meeting=x", out _));

        var ticked = new FaultFilter(Ids: [7, 3]);
        Assert.Equal("ids=7,3", ticked.ToQueryString());
        Assert.True(FaultFilter.TryParse("?ids=7,3,7", out var parsedIds));
        Assert.Equal([7, 3], parsedIds.Ids!);
        var tooMany = "?ids=" + string.Join(',', Enumerable.Range(1, FaultFilter.MaxIds + 1));
        foreach (var bad in new[] { "?ids=", "?ids=a", "?ids=0", "?ids=1,,2", "?ids=-4", tooMany })
            Assert.False(FaultFilter.TryParse(bad, out _), bad);
    }

    [Fact]
    public void The_list_pages_address_keeps_the_good_values_and_drops_the_bad()
    {
        Assert.Equal(new FaultFilter(2026, null, FaultLevel.Local, FaultStatus.Draft, 5, 9),
            FaultFilter.FromAddress(("year", "2026"), ("category", "abc"), ("level", "Local"), ("status", "Draft"), ("actor", "5"), ("meeting", "9")));
        Assert.Equal(new FaultFilter(), FaultFilter.FromAddress(("year", "tjugo"), ("level", "1"), ("status", null), ("meeting", "")));
    }
}
