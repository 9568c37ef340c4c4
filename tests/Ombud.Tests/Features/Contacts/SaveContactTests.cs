using Ombud.Web.Features.Contacts;

namespace Ombud.Tests.Features.Contacts;

public class SaveContactTests
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    [Fact]
    public void Contact_requires_actor_and_date_and_follow_up_not_before_the_contact()
    {
        var v = new SaveContact.Validator(Clock);
        Assert.True(
            v.Validate(
                new SaveContact.Command
                {
                    ActorId = 1,
                    Date = new DateTime(2026, 11, 20),
                    FollowUpOn = new DateTime(2026, 12, 1)
                }).IsValid);
        var bad = v.Validate(
            new SaveContact.Command
            {
                Date = new DateTime(2026, 11, 20),
                FollowUpOn = new DateTime(2026, 11, 19),
                Outcome = new string('x', 501)
            });
        Assert.Contains(bad.Errors, e => e.ErrorMessage == "Välj aktör.");
        Assert.Contains(bad.Errors, e => e.ErrorMessage.Contains("Uppföljningen"));
        Assert.Contains(bad.Errors, e => e.ErrorMessage.Contains("500"));
    }

    /// <summary>Two people edit the same record (see <see cref="EditConflictTest"/>).</summary>
    public class Concurrency : EditConflictTest
    {
        [Fact]
        public async Task Contact_second_save_is_refused_then_overwrite_works()
        {
            var help1 = await _t.CategoryAsync(CategoryKind.HelpKind, "Förstå rättigheter");
            var help2 = await _t.CategoryAsync(CategoryKind.HelpKind, "Formulera behov");
            var handler = _t.Get<SaveContact.Handler>();
            var saved = await handler.HandleAsync(
                new SaveContact.Command
                {
                    MandateId = _mandate.Id,
                    ActorId = _actor.Id,
                    Date = new DateTime(2026, 5, 4),
                    HelpKindIds = [help1.Id],
                    ConfirmWithoutConsent = true
                });
            var id = saved.Id!.Value;
            var version = await VersionOf<AuthorityContact>(id);
            SaveContact.Command Load() => SaveContact.Command.Edit(() => new SaveContact.Command
            {
                Id = id,
                MandateId = _mandate.Id,
                ActorId = _actor.Id,
                Date = new DateTime(2026, 5, 4),
                HelpKindIds = [help1.Id],
                ConfirmWithoutConsent = true,
                Version = version,
            });
            var first = Load();
            var second = Load();
            first.HelpKindIds = [help1.Id, help2.Id];
            first.Outcome = "Ansökan skickad";
            await handler.HandleAsync(first);
            second.Channel = ContactChannel.LetterOrEmail;
            var ex = await AssertConflictAsync(() => handler.HandleAsync(second), "Stöd som getts", "Utfall");
            ex.Command!.OverwriteFrom(ex.CurrentVersion);
            await handler.HandleAsync(second);
            await using var db = _t.CreateContext();
            var contact = await db.AuthorityContacts.Include(a => a.HelpKinds).SingleAsync(a => a.Id == id);
            Assert.Equal(ContactChannel.LetterOrEmail, contact.Channel);
            Assert.Null(contact.Outcome);
            Assert.Equal([help1.Id], contact.HelpKinds.Select(h => h.Id));
        }
    }
}
