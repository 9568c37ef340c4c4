using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>A system fault's next step (more handler tests in SystemFaultHandlerTests).</summary>
public class ChangeFaultStatusTests
{
    // 23:30 UTC on 23 Nov is already 24 Nov in Sweden.
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23, 23);
    private static readonly DateTime SwedishToday = new(2026, 11, 24);

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
}
