using Ombud.Web.Features.Contacts;

namespace Ombud.Tests.Features.Contacts;

public class SaveContactTests
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    [Fact]
    public void Contact_requires_actor_and_date_and_follow_up_not_before_the_contact()
    {
        var v = new SaveContact.Validator(Clock);
        Assert.True(v.Validate(new SaveContact.Command { ActorId = 1, Date = new DateTime(2026, 11, 20), FollowUpOn = new DateTime(2026, 12, 1) }).IsValid);
        var bad = v.Validate(new SaveContact.Command { Date = new DateTime(2026, 11, 20), FollowUpOn = new DateTime(2026, 11, 19), Outcome = new string('x', 501) });
        Assert.Contains(bad.Errors, e => e.ErrorMessage == "Välj aktör.");
        Assert.Contains(bad.Errors, e => e.ErrorMessage.Contains("Uppföljningen"));
        Assert.Contains(bad.Errors, e => e.ErrorMessage.Contains("500"));
    }
}
