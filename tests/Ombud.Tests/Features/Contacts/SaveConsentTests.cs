using Ombud.Web.Features.Contacts;

namespace Ombud.Tests.Features.Contacts;

public class SaveConsentTests
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    [Fact]
    public void Consent_valid_until_cannot_precede_given_date()
    {
        var v = new SaveConsent.Validator(Clock);
        var bad = v.Validate(
            new SaveConsent.Command { ActorId = 1, GivenOn = new DateTime(2026, 5, 1), ValidUntil = new DateTime(2026, 4, 30) });
        Assert.Contains(bad.Errors, e => e.ErrorMessage.Contains("Giltigt till"));
    }

    /// <summary>Two people edit the same record (see <see cref="EditConflictTest"/>).</summary>
    public class Concurrency : EditConflictTest
    {
        [Fact]
        public async Task A_consent_is_corrected_and_a_stale_correction_names_the_changed_field()
        {
            var save = _t.Get<SaveConsent.Handler>();
            var id = await save.HandleAsync(
                new SaveConsent.Command
                {
                    MandateId = _mandate.Id,
                    ActorId = _actor.Id,
                    GivenOn = new DateTime(2026, 3, 1),
                    ValidUntil = new DateTime(2026, 9, 1)
                });
            var version = await VersionOf<Consent>(id);
            SaveConsent.Command Load() => SaveConsent.Command.Edit(() => new SaveConsent.Command
            {
                Id = id,
                MandateId = _mandate.Id,
                ActorId = _actor.Id,
                GivenOn = new DateTime(2026, 3, 1),
                ValidUntil = new DateTime(2026, 9, 1),
                Version = version,
            });

            // the client renewed the consent: valid until moves, and it was given in writing
            var renewed = Load();
            renewed.ValidUntil = new DateTime(2027, 3, 1);
            renewed.Form = ConsentForm.Written;
            await save.HandleAsync(renewed);
            await using (var db = _t.CreateContext())
            {
                var c = await db.Consents.SingleAsync(x => x.Id == id);
                Assert.Equal((new DateOnly(2027, 3, 1), ConsentForm.Written), (c.ValidUntil, c.Form));
                Assert.True(c.IsValidOn(new DateOnly(2026, 11, 23)));
            }

            var stale = Load(); // a second tab still showing the old values
            stale.GivenOn = new DateTime(2026, 3, 2);
            await AssertConflictAsync(() => save.HandleAsync(stale), "Form", "Giltigt till");

            var otherActor = await _t.AddActorAsync(_unit.Id, "Arbetsförmedlingen");
            var moved = new SaveConsent.Command
            {
                Id = id,
                MandateId = _mandate.Id,
                ActorId = otherActor.Id,
                GivenOn = new DateTime(2026, 3, 1)
            };
            Assert.Contains("Aktören kan inte bytas", (await Assert.ThrowsAsync<DomainException>(() => save.HandleAsync(moved))).Message);
        }
    }
}
