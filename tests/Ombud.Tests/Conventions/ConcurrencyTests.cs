using FluentValidation;
using Ombud.Web.Features.Admin;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Contacts;
using Ombud.Web.Features.Needs;
using Ombud.Web.Features.Sip;
using Ombud.Web.Features.SteeringGroup;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Conventions;

/// <summary>
/// Two people edit the same record: both load it, the first saves, the second save is refused with a Swedish message that
/// names the fields the first person changed; nothing is saved. Overwriting (taking the newer version) then works.
/// One test per editable entity.
/// </summary>
public class ConcurrencyTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private TestDb _t = default!;
    private Unit _unit = default!;
    private UserInfo _ombud = default!;
    private Mandate _mandate = default!;
    private Actor _actor = default!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: Clock);
        _unit = await _t.AddUnitAsync();
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _t.User = _ombud;
        _mandate = await _t.AddMandateAsync(_ombud, new DateOnly(2026, 3, 1));
        _actor = await _t.AddActorAsync(_unit.Id, "Försäkringskassan");
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<long> VersionOf<T>(int id) where T : class, IVersioned
    {
        await using var db = _t.CreateContext();
        return await db.Set<T>().IgnoreQueryFilters().Where(e => EF.Property<int>(e, "Id") == id).Select(e => e.Version).SingleAsync();
    }

    /// <summary>The second save fails with the conflict message naming <paramref name="fields"/>; returns the exception.</summary>
    private static async Task<ConcurrencyConflictException> AssertConflictAsync(Func<Task> secondSave, params string[] fields)
    {
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(secondSave);
        Assert.StartsWith("Någon annan har ändrat ", ex.Message);
        Assert.EndsWith(" sedan du öppnade formuläret.", ex.Message);
        Assert.Equal(fields.Order(), ex.ChangedFields.Order());
        foreach (var f in fields) Assert.Contains(f, ex.Message);
        return ex;
    }

    [Fact]
    public void Message_lists_the_changed_fields_in_swedish()
    {
        Assert.Equal("Någon annan har ändrat Beskrivning och Status sedan du öppnade formuläret.",
            ConcurrencyConflictException.MessageFor(["Beskrivning", "Status"]));
        Assert.Equal("Någon annan har ändrat Namn, Kön och Kommun sedan du öppnade formuläret.",
            ConcurrencyConflictException.MessageFor(["Namn", "Kön", "Kommun"]));
    }

    [Fact]
    public async Task Need_second_save_is_refused_then_overwrite_works()
    {
        var lifeArea = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
        var handler = _t.Get<SaveNeed.Handler>();
        var id = await handler.HandleAsync(new SaveNeed.Command { MandateId = _mandate.Id, LifeAreaId = lifeArea.Id, ClientWords = "Vill bo kvar", IdentifiedOn = new DateTime(2026, 4, 1) });
        var version = await VersionOf<Need>(id);
        SaveNeed.Command Load() => SaveNeed.Command.Edit(() => new SaveNeed.Command
        {
            Id = id,
            MandateId = _mandate.Id,
            LifeAreaId = lifeArea.Id,
            ClientWords = "Vill bo kvar",
            IdentifiedOn = new DateTime(2026, 4, 1),
            Version = version,
        });
        var first = Load();
        var second = Load();

        first.ClientWords = "Vill flytta";
        first.Status = NeedStatus.InProgress;
        await handler.HandleAsync(first);
        second.ClientWords = "Vill ha stöd i hemmet";
        var ex = await AssertConflictAsync(() => handler.HandleAsync(second), "Behovet med klientens egna ord", "Status");

        await using (var db = _t.CreateContext()) Assert.Equal("Vill flytta", (await db.Needs.SingleAsync(n => n.Id == id)).ClientWords);
        ex.Command!.OverwriteFrom(ex.CurrentVersion);
        await handler.HandleAsync(second);
        await using (var db = _t.CreateContext())
        {
            var need = await db.Needs.SingleAsync(n => n.Id == id);
            Assert.Equal("Vill ha stöd i hemmet", need.ClientWords);
            Assert.Equal(version + 2, need.Version);
        }
    }

    [Fact]
    public async Task Need_change_that_touches_none_of_the_forms_fields_is_not_a_conflict()
    {
        var lifeArea = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
        var handler = _t.Get<SaveNeed.Handler>();
        var id = await handler.HandleAsync(new SaveNeed.Command { MandateId = _mandate.Id, LifeAreaId = lifeArea.Id, ClientWords = "Vill bo kvar", IdentifiedOn = new DateTime(2026, 4, 1) });
        var version = await VersionOf<Need>(id);
        var form = SaveNeed.Command.Edit(() => new SaveNeed.Command
        {
            Id = id,
            MandateId = _mandate.Id,
            LifeAreaId = lifeArea.Id,
            ClientWords = "Vill bo kvar",
            IdentifiedOn = new DateTime(2026, 4, 1),
            Version = version,
        });
        await using (var db = _t.CreateContext())
        {
            // A save that raises the version without changing what the form shows (e.g. a later resolved-date fix).
            var need = await db.Needs.SingleAsync(n => n.Id == id);
            db.Entry(need).Property(n => n.Version).IsModified = true;
            await db.SaveChangesAsync();
        }
        form.ClientWords = "Vill bo kvar i lägenheten";
        await handler.HandleAsync(form);
        await using (var db = _t.CreateContext()) Assert.Equal("Vill bo kvar i lägenheten", (await db.Needs.SingleAsync(n => n.Id == id)).ClientWords);
    }

    [Fact]
    public async Task Client_second_save_is_refused_then_overwrite_works()
    {
        var handler = _t.Get<EditClient.Handler>();
        int municipalityId;
        long version;
        await using (var db = _t.CreateContext())
        {
            var client = await db.Clients.SingleAsync(c => c.Id == _mandate.ClientId);
            municipalityId = client.MunicipalityId;
            version = client.Version;
        }
        EditClient.Command Load() => EditClient.Command.Edit(() => new EditClient.Command { ClientId = _mandate.ClientId, MunicipalityId = municipalityId, Gender = Gender.Unknown, Version = version });
        var first = Load();
        var second = Load();
        first.Name = "Anna Andersson";
        first.BirthYear = 1970;
        await handler.HandleAsync(first);
        second.Name = "Anna Berg";
        var ex = await AssertConflictAsync(() => handler.HandleAsync(second), "Namn eller alias", "Födelseår");
        await using (var db = _t.CreateContext()) Assert.Equal("Anna Andersson", (await db.Clients.SingleAsync(c => c.Id == _mandate.ClientId)).Name);
        ex.Command!.OverwriteFrom(ex.CurrentVersion);
        await handler.HandleAsync(second);
        await using (var db = _t.CreateContext()) Assert.Equal("Anna Berg", (await db.Clients.SingleAsync(c => c.Id == _mandate.ClientId)).Name);
    }

    [Fact]
    public async Task Contact_second_save_is_refused_then_overwrite_works()
    {
        var help1 = await _t.CategoryAsync(CategoryKind.HelpKind, "Förstå rättigheter");
        var help2 = await _t.CategoryAsync(CategoryKind.HelpKind, "Formulera behov");
        var handler = _t.Get<SaveContact.Handler>();
        var saved = await handler.HandleAsync(new SaveContact.Command { MandateId = _mandate.Id, ActorId = _actor.Id, Date = new DateTime(2026, 5, 4), HelpKindIds = [help1.Id], ConfirmWithoutConsent = true });
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
        Assert.Contains("framtiden", (await Assert.ThrowsAsync<DomainException>(() => handler.HandleAsync(new WithdrawConsent.Command(_mandate.Id, consentId, new DateOnly(2026, 11, 24), version)))).Message);
        await handler.HandleAsync(new WithdrawConsent.Command(_mandate.Id, consentId, new DateOnly(2026, 10, 1), version));
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => handler.HandleAsync(new WithdrawConsent.Command(_mandate.Id, consentId, new DateOnly(2026, 11, 1), version)));
        Assert.Equal("Någon annan har ändrat uppgifterna sedan du öppnade formuläret.", ex.Message);
        await using var check = _t.CreateContext();
        Assert.Equal(new DateOnly(2026, 10, 1), (await check.Consents.SingleAsync(c => c.Id == consentId)).WithdrawnOn);
    }

    [Fact]
    public async Task A_consent_is_corrected_and_a_stale_correction_names_the_changed_field()
    {
        var save = _t.Get<SaveConsent.Handler>();
        var id = await save.HandleAsync(new SaveConsent.Command { MandateId = _mandate.Id, ActorId = _actor.Id, GivenOn = new DateTime(2026, 3, 1), ValidUntil = new DateTime(2026, 9, 1) });
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
        var moved = new SaveConsent.Command { Id = id, MandateId = _mandate.Id, ActorId = otherActor.Id, GivenOn = new DateTime(2026, 3, 1) };
        Assert.Contains("Aktören kan inte bytas", (await Assert.ThrowsAsync<DomainException>(() => save.HandleAsync(moved))).Message);
    }

    [Fact]
    public async Task Mandate_status_change_on_an_older_version_is_refused()
    {
        var version = await VersionOf<Mandate>(_mandate.Id);
        var handler = _t.Get<ChangeMandateStatus.Handler>();
        await handler.HandleAsync(new ChangeMandateStatus.Command { MandateId = _mandate.Id, Change = ChangeMandateStatus.Change.Pause, Date = new DateTime(2026, 11, 1), Version = version });
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => handler.HandleAsync(
            new ChangeMandateStatus.Command { MandateId = _mandate.Id, Change = ChangeMandateStatus.Change.Pause, Date = new DateTime(2026, 11, 2), Version = version }));
        Assert.Contains("Någon annan har ändrat", ex.Message);
        await using var db = _t.CreateContext();
        Assert.Equal(new DateOnly(2026, 11, 1), (await db.Mandates.SingleAsync(m => m.Id == _mandate.Id)).PausedOn);
    }

    [Fact]
    public async Task Sip_meeting_second_save_is_refused_then_overwrite_works()
    {
        var handler = _t.Get<SaveSipMeeting.Handler>();
        var created = await handler.HandleAsync(new SaveSipMeeting.Command
        {
            MandateId = _mandate.Id,
            Date = new DateTime(2026, 11, 10),
            Status = SipStatus.Held,
            Place = "Socialkontoret",
            Measures = [new() { ActorId = _actor.Id, What = "Ansöka om boendestöd", DueOn = new DateTime(2026, 12, 1) }],
        });
        var get = _t.Get<GetSipMeeting.Handler>();
        var first = (await get.HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, created.Id)))!.Command;
        var second = (await get.HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, created.Id)))!.Command;
        Assert.NotNull(first.Version);

        first.Place = "Vårdcentralen";
        first.Measures[0].Status = SipMeasureStatus.Done;
        await handler.HandleAsync(first);
        second.ClientGoals = "Egen lägenhet";
        var ex = await AssertConflictAsync(() => handler.HandleAsync(second), "Plats", "Åtgärder");
        ex.Command!.OverwriteFrom(ex.CurrentVersion);
        await handler.HandleAsync(second);
        await using var db = _t.CreateContext();
        var sip = await db.SipMeetings.Include(s => s.Measures).SingleAsync(s => s.Id == created.Id);
        Assert.Equal("Socialkontoret", sip.Place);
        Assert.Equal("Egen lägenhet", sip.ClientGoals);
    }

    [Fact]
    public async Task System_fault_second_save_is_refused_then_overwrite_works()
    {
        var category = await _t.CategoryAsync(CategoryKind.FaultCategory, "Bostad");
        var handler = _t.Get<SaveFault.Handler>();
        var created = await handler.HandleAsync(new SaveFault.Command
        {
            Date = new DateTime(2026, 11, 2),
            CategoryId = category.Id,
            Level = FaultLevel.Local,
            Description = "Långa väntetider på bostadsbeslut",
            ClientsAffected = 3,
        });
        var version = await VersionOf<SystemFault>(created.Id!.Value);
        SaveFault.Command Load() => SaveFault.Command.Edit(() => new SaveFault.Command
        {
            Id = created.Id,
            Date = new DateTime(2026, 11, 2),
            CategoryId = category.Id,
            Level = FaultLevel.Local,
            Description = "Långa väntetider på bostadsbeslut",
            ClientsAffected = 3,
            Version = version,
        });
        var first = Load();
        var second = Load();
        first.Description = "Mycket långa väntetider på bostadsbeslut";
        first.ClientsAffected = 5;
        await handler.HandleAsync(first);
        second.Consequence = "Klienter blir bostadslösa";
        var ex = await AssertConflictAsync(() => handler.HandleAsync(second), "Beskrivning", "Antal berörda klienter");
        ex.Command!.OverwriteFrom(ex.CurrentVersion);
        await handler.HandleAsync(second);
        await using var db = _t.CreateContext();
        var fault = await db.SystemFaults.SingleAsync(f => f.Id == created.Id);
        Assert.Equal("Långa väntetider på bostadsbeslut", fault.Description);
        Assert.Equal("Klienter blir bostadslösa", fault.Consequence);
    }

    [Fact]
    public async Task Steering_group_member_and_meeting_second_save_is_refused()
    {
        _t.User = TestDb.Admin(_unit.Id);
        var members = _t.Get<SaveMember.Handler>();
        var memberId = await members.HandleAsync(new SaveMember.Command { Organisation = "Region", PersonName = "Eva Ek", From = new DateTime(2026, 1, 1) });
        var mv = await VersionOf<SteeringGroupMember>(memberId);
        SaveMember.Command LoadMember() => SaveMember.Command.Edit(() => new SaveMember.Command { Id = memberId, Organisation = "Region", PersonName = "Eva Ek", From = new DateTime(2026, 1, 1), Version = mv });
        var a = LoadMember();
        var b = LoadMember();
        a.Role = "Ordförande";
        await members.HandleAsync(a);
        b.PersonName = "Eva Ekström";
        var ex = await AssertConflictAsync(() => members.HandleAsync(b), "Roll");
        ex.Command!.OverwriteFrom(ex.CurrentVersion);
        await members.HandleAsync(b);

        var meetings = _t.Get<SaveMeeting.Handler>();
        var meetingId = (await meetings.HandleAsync(new SaveMeeting.Command { Date = new DateTime(2026, 10, 1) })).Id!.Value;
        var v = await VersionOf<SteeringGroupMeeting>(meetingId);
        SaveMeeting.Command LoadMeeting() => SaveMeeting.Command.Edit(() => new SaveMeeting.Command { Id = meetingId, Date = new DateTime(2026, 10, 1), Version = v });
        var m1 = LoadMeeting();
        var m2 = LoadMeeting();
        m1.Decisions = "Lyfta bostadsfrågan";
        await meetings.HandleAsync(m1);
        m2.Date = new DateTime(2026, 10, 2);
        await AssertConflictAsync(() => meetings.HandleAsync(m2), "Beslut");
        await using var db = _t.CreateContext();
        Assert.Equal(new DateOnly(2026, 10, 1), (await db.SteeringGroupMeetings.SingleAsync(x => x.Id == meetingId)).Date);
        Assert.Equal("Eva Ekström", (await db.SteeringGroupMembers.SingleAsync(x => x.Id == memberId)).PersonName);
    }

    [Fact]
    public async Task Category_and_actor_second_save_is_refused()
    {
        _t.User = TestDb.Admin(_unit.Id);
        var categories = _t.Get<SaveCategory.Handler>();
        var category = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
        SaveCategory.Command LoadCategory() => SaveCategory.Command.Edit(() => new SaveCategory.Command
        {
            Id = category.Id,
            Kind = category.Kind,
            Name = category.Name,
            SortOrder = category.SortOrder,
            Version = category.Version,
        });
        var c1 = LoadCategory();
        var c2 = LoadCategory();
        c1.Name = "Bostad";
        await categories.HandleAsync(c1);
        c2.SortOrder = 99;
        var ex = await AssertConflictAsync(() => categories.HandleAsync(c2), "Namn");
        ex.Command!.OverwriteFrom(ex.CurrentVersion);
        await categories.HandleAsync(c2);

        var actors = _t.Get<SaveActor.Handler>();
        SaveActor.Command LoadActor() => SaveActor.Command.Edit(() => new SaveActor.Command { Id = _actor.Id, Name = _actor.Name, ActorTypeId = _actor.ActorTypeId, Version = _actor.Version });
        var a1 = LoadActor();
        var a2 = LoadActor();
        a1.Name = "Försäkringskassan Malmö";
        await actors.HandleAsync(a1);
        a2.Name = "FK";
        await AssertConflictAsync(() => actors.HandleAsync(a2), "Namn");
        await using var db = _t.CreateContext();
        Assert.Equal("Försäkringskassan Malmö", (await db.Actors.SingleAsync(x => x.Id == _actor.Id)).Name);
        Assert.Equal(99, (await db.Categories.SingleAsync(x => x.Id == category.Id)).SortOrder);
    }

    [Fact]
    public async Task A_save_that_races_past_the_check_goes_on_or_names_what_changed()
    {
        SaveActor.Command Load(long version, int typeId) => SaveActor.Command.Edit(() =>
            new SaveActor.Command { Id = _actor.Id, Name = "Försäkringskassan", ActorTypeId = typeId, Version = version });
        async Task OtherSaveAsync(Action<Actor> change)
        {
            await using var other = _t.CreateContext();
            change(await other.Actors.SingleAsync(a => a.Id == _actor.Id));
            await other.SaveChangesAsync();
        }

        // The check passes (same version); another save gets in before ours but changes nothing the form shows.
        var v = await VersionOf<Actor>(_actor.Id);
        var form = Load(v, _actor.ActorTypeId);
        form.ActorTypeId = (await _t.CategoryAsync(CategoryKind.ActorType, "Kronofogden")).Id;
        await using (var ours = _t.CreateContext())
        {
            var actor = await ours.Actors.SingleAsync(a => a.Id == _actor.Id);
            await EditConflicts.CheckAsync(ours, actor, form, SaveActor.Shown);
            actor.ActorTypeId = form.ActorTypeId.Value;
            await OtherSaveAsync(a => a.IsActive = false);
            await EditConflicts.SaveAsync(ours, actor, form, SaveActor.Shown);
        }
        await using (var db = _t.CreateContext())
        {
            var saved = await db.Actors.SingleAsync(a => a.Id == _actor.Id);
            Assert.Equal((form.ActorTypeId.Value, false, v + 2), (saved.ActorTypeId, saved.IsActive, saved.Version)); // both changes kept
        }

        // Now the other save changes the name the form showed: refused, naming it; theirs stays.
        var stale = Load(v + 2, form.ActorTypeId.Value);
        stale.ActorTypeId = _actor.ActorTypeId;
        await using (var ours = _t.CreateContext())
        {
            var actor = await ours.Actors.SingleAsync(a => a.Id == _actor.Id);
            await EditConflicts.CheckAsync(ours, actor, stale, SaveActor.Shown);
            actor.ActorTypeId = _actor.ActorTypeId;
            await OtherSaveAsync(a => a.Name = "FK");
            await AssertConflictAsync(() => EditConflicts.SaveAsync(ours, actor, stale, SaveActor.Shown), "Namn");
        }
        await using (var db = _t.CreateContext()) Assert.Equal("FK", (await db.Actors.SingleAsync(a => a.Id == _actor.Id)).Name);
    }

    [Fact]
    public async Task A_save_racing_past_the_check_fails_in_the_database()
    {
        await using var db1 = _t.CreateContext();
        await using var db2 = _t.CreateContext();
        var one = await db1.Actors.SingleAsync(a => a.Id == _actor.Id);
        var two = await db2.Actors.SingleAsync(a => a.Id == _actor.Id);
        one.Name = "Ett";
        two.Name = "Två";
        await db1.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        await using var check = _t.CreateContext();
        Assert.Equal("Ett", (await check.Actors.SingleAsync(a => a.Id == _actor.Id)).Name);
    }
}
