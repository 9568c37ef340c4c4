using Ombud.Web.Features.Contacts;

namespace Ombud.Tests.Features.Contacts;

public class SaveConsentTests
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    [Fact]
    public void Consent_valid_until_cannot_precede_given_date()
    {
        var v = new SaveConsent.Validator(Clock);
        var bad = v.Validate(new SaveConsent.Command { ActorId = 1, GivenOn = new DateTime(2026, 5, 1), ValidUntil = new DateTime(2026, 4, 30) });
        Assert.Contains(bad.Errors, e => e.ErrorMessage.Contains("Giltigt till"));
    }
}
