using Ombud.Web.Features.Contacts;

namespace Ombud.Tests.Features.Contacts;

/// <summary>Withdrawing a consent.</summary>
public class WithdrawConsentTests : EditConflictTest
{
    [Fact]
    public async Task Consent_withdrawal_on_an_older_version_is_refused()
    {
        int consentId;
        await using (var db = _t.CreateContext())
        {
            var consent = new Consent { MandateId = _mandate.Id, ActorId = _actor.Id, GivenOn = new DateOnly(2026, 3, 1) };
            db.Consents.Add(consent);
            await db.SaveChangesAsync();
            consentId = consent.Id;
        }
        var version = await VersionOf<Consent>(consentId);
        var handler = _t.Get<WithdrawConsent.Handler>();
        Assert.Contains(
            "framtiden",
            (await Assert.ThrowsAsync<DomainException>(
                () => handler.HandleAsync(
                    new WithdrawConsent.Command(_mandate.Id, consentId, new DateOnly(2026, 11, 24), version)))).Message);
        await handler.HandleAsync(new WithdrawConsent.Command(_mandate.Id, consentId, new DateOnly(2026, 10, 1), version));
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => handler.HandleAsync(new WithdrawConsent.Command(_mandate.Id, consentId, new DateOnly(2026, 11, 1), version)));
        Assert.Equal("Någon annan har ändrat uppgifterna sedan du öppnade formuläret.", ex.Message);
        await using var check = _t.CreateContext();
        Assert.Equal(new DateOnly(2026, 10, 1), (await check.Consents.SingleAsync(c => c.Id == consentId)).WithdrawnOn);
    }
}
