using System.Reflection;
using FluentValidation;
using Ombud.Web.Features.Admin;
using Ombud.Web.Features.Caseload;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Contacts;
using Ombud.Web.Features.Needs;
using Ombud.Web.Features.Sip;
using Ombud.Web.Features.SteeringGroup;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Conventions;

/// <summary>
/// Bad input, table-driven, over every form's validator: empty, too long, wrong formats, dates out of range — each gives a
/// Swedish message on the right field — and script/HTML, SQL-looking text, åäö, emoji and right-to-left text, which are
/// accepted as plain text. The field limits of the database model and the validators are checked to agree.
/// </summary>
public class BadInputTests
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private static DateTime D(int y, int m, int d) => new(y, m, d);

    /// <summary>
    /// A form: its validator, a valid command, the entity it is stored in, and string fields not stored under the same name.
    /// </summary>
    public sealed record Form(string Name, IValidator Validator, Func<object> Valid, Type? Entity, params string[] NotStoredAsIs)
    {
        /// <summary>Where the length rules are declared (an included validator's rules are not in the outer descriptor).</summary>
        public IValidator? RulesIn { get; init; }
    }

    public static readonly IReadOnlyList<Form> Forms =
    [
        new("Ny klient", new RegisterClient.Validator(Clock), () => new RegisterClient.Command
        {
            MunicipalityId = 1, RegisteredOn = D(2026, 11, 1), StartDate = D(2026, 11, 2), ReferralPathId = 1, ContactReasonIds = [1],
        }, typeof(Client), nameof(Client.PersonalNumber)) { RulesIn = new ClientDetailsValidator(Clock) },
        new(
            "Ändra klient",
            new EditClient.Validator(Clock),
            () => new EditClient.Command { ClientId = 1, MunicipalityId = 1 },
            typeof(Client),
            nameof(Client.PersonalNumber)) { RulesIn = new ClientDetailsValidator(Clock) },
        new(
            "Behov",
            new SaveNeed.Validator(Clock),
            () => new SaveNeed.Command { MandateId = 1, LifeAreaId = 1, ClientWords = "Vill bo kvar", IdentifiedOn = D(2026, 11, 1) },
            typeof(Need)),
        new(
            "Kontakt",
            new SaveContact.Validator(Clock),
            () => new SaveContact.Command { MandateId = 1, ActorId = 1, Date = D(2026, 11, 1) },
            typeof(AuthorityContact)),
        new(
            "Samtycke",
            new SaveConsent.Validator(Clock),
            () => new SaveConsent.Command { MandateId = 1, ActorId = 1, GivenOn = D(2026, 11, 1) },
            typeof(Consent)),
        new(
            "Avsluta uppdrag",
            new CloseMandate.Validator(Clock),
            () => new CloseMandate.Command { MandateId = 1, ClosedOn = D(2026, 11, 1), ClosureReasonId = 1 },
            typeof(Mandate)),
        new(
            "Uppdragsstatus",
            new ChangeMandateStatus.Validator(Clock),
            () => new ChangeMandateStatus.Command { MandateId = 1, Date = D(2026, 11, 1) },
            typeof(Mandate)),
        new(
            "SIP-möte",
            new SaveSipMeeting.Validator(Clock),
            () => new SaveSipMeeting.Command { MandateId = 1, Date = D(2026, 11, 10), Status = SipStatus.Held },
            typeof(SipMeeting)),
        new(
            "SIP-deltagare",
            new SaveSipMeeting.ParticipantValidator(),
            () => new SaveSipMeeting.Participant { ActorId = 1 },
            typeof(SipParticipant)),
        new(
            "SIP-åtgärd",
            new SaveSipMeeting.MeasureValidator(Clock),
            () => new SaveSipMeeting.Measure { ActorId = 1, What = "Ansöka om boendestöd", DueOn = D(2026, 12, 1) },
            typeof(SipMeasure)),
        new("Systembrist", new SaveFault.Validator(Clock), () => new SaveFault.Command
        {
            Date = D(2026, 11, 2), CategoryId = 1, Level = FaultLevel.Local, Description = "Långa väntetider", ClientsAffected = 2,
        }, typeof(SystemFault)),
        new("Systembrist svar", new ChangeFaultStatus.Validator(Clock), () => new ChangeFaultStatus.Command
        {
            FaultId = 1, To = FaultStatus.Answered, Date = D(2026, 11, 2), Response = "Vi ser över rutinen",
        }, typeof(SystemFault)),
        new(
            "Ledamot",
            new SaveMember.Validator(),
            () => new SaveMember.Command { Organisation = "Regionen", PersonName = "Eva Ek", From = D(2026, 1, 1) },
            typeof(SteeringGroupMember)),
        new(
            "Ledningsgruppsmöte",
            new SaveMeeting.Validator(Clock),
            () => new SaveMeeting.Command { Date = D(2026, 10, 1) },
            typeof(SteeringGroupMeeting)),
        new(
            "Kategori",
            new SaveCategory.Validator(),
            () => new SaveCategory.Command { Kind = CategoryKind.LifeArea, Name = "Boende" },
            typeof(Category)),
        new(
            "Avsluta kategori",
            new EndCategory.Validator(),
            () => new EndCategory.Command { Id = 1, ValidTo = D(2026, 12, 31) },
            typeof(Category)),
        new("Aktör", new SaveActor.Validator(), () => new SaveActor.Command { Name = "Försäkringskassan", ActorTypeId = 1 }, typeof(Actor)),
        new(
            "Omfördelning",
            new ReassignClients.Validator(),
            () => new ReassignClients.Command { FromOmbudId = "a", ToOmbudId = "b", ClientIds = [1], Reason = "Föräldraledighet" },
            typeof(Reassignment)),
    ];

    private static Form FormNamed(string name) => Forms.Single(f => f.Name == name);

    /// <summary>
    /// Sets <paramref name="property"/> on a valid command; the errors on it ("Date@Status": set Date, errors on Status).
    /// </summary>
    private static List<FluentValidation.Results.ValidationFailure> Errors(Form form, string property, object? value)
    {
        var parts = property.Split('@');
        var cmd = form.Valid();
        var p = cmd.GetType().GetProperty(parts[0]) ?? throw new InvalidOperationException($"{form.Name} has no {parts[0]}");
        p.SetValue(cmd, value);
        return form.Validator.Validate(new ValidationContext<object>(cmd)).Errors.Where(e => e.PropertyName == parts[^1]).ToList();
    }

    public static TheoryData<string> FormNames() => new(Forms.Select(f => f.Name));

    [Theory, MemberData(nameof(FormNames))]
    public void The_valid_baseline_of_each_form_passes(string form)
    {
        var f = FormNamed(form);
        var result = f.Validator.Validate(new ValidationContext<object>(f.Valid()));
        Assert.True(result.IsValid, string.Join(" ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
    }

    /// <summary>
    /// Empty required fields, wrong formats and out-of-range dates and numbers: (form, field, value, part of the message).
    /// </summary>
    public static TheoryData<string, string, object?, string> Rejected => new()
    {
        // empty
        { "Behov", "ClientWords", "", "Beskriv behovet" },
        { "Behov", "ClientWords", "   ", "Beskriv behovet" },
        { "Behov", "LifeAreaId", null, "Välj livsområde" },
        { "Behov", "IdentifiedOn", null, "Ange datum" },
        { "Ny klient", "MunicipalityId", null, "Välj kommun" },
        { "Ny klient", "ReferralPathId", null, "Välj kontaktväg" },
        { "Ny klient", "ContactReasonIds", Array.Empty<int>(), "minst en kontaktorsak" },
        { "Ny klient", "RegisteredOn", null, "första kontakt" },
        { "Ny klient", "StartDate", null, "Ange startdatum" },
        { "Kontakt", "ActorId", null, "Välj aktör" },
        { "Kontakt", "Date", null, "Ange datum" },
        { "Samtycke", "ActorId", null, "Välj aktör" },
        { "Samtycke", "GivenOn", null, "samtycket gavs" },
        { "Avsluta uppdrag", "ClosureReasonId", null, "Välj avslutsorsak" },
        { "Avsluta uppdrag", "ClosedOn", null, "Ange avslutsdatum" },
        { "SIP-möte", "Date", null, "Ange datum för mötet" },
        { "SIP-deltagare", "ActorId", null, "Välj aktör" },
        { "SIP-åtgärd", "What", "", "Beskriv åtgärden" },
        { "SIP-åtgärd", "ActorId", null, "ansvarar" },
        { "SIP-åtgärd", "DueOn", null, "senast när åtgärden" },
        { "Systembrist", "Description", "  ", "Beskriv systembristen" },
        { "Systembrist", "CategoryId", null, "Välj kategori" },
        { "Systembrist", "Level", null, "Välj nivå" },
        { "Systembrist", "ClientsAffected", null, "hur många klienter" },
        { "Systembrist svar", "Response", " ", "Skriv svaret" },
        { "Ledamot", "Organisation", "", "Ange organisation" },
        { "Ledamot", "PersonName", " ", "Ange namn" },
        { "Ledamot", "From", null, "från vilket datum" },
        { "Ledningsgruppsmöte", "Date", null, "Ange mötesdatum" },
        { "Kategori", "Name", "  ", "Ange ett namn" },
        { "Avsluta kategori", "ValidTo", null, "sista dag" },
        { "Aktör", "Name", "", "Ange aktörens namn" },
        { "Aktör", "ActorTypeId", null, "Välj aktörstyp" },
        { "Omfördelning", "Reason", "", "Ange skälet" },
        { "Omfördelning", "ToOmbudId", "a", "ett annat ombud" },
        // wrong formats: personnummer and years
        { "Ny klient", "PersonalNumber", "abc", "" },
        { "Ny klient", "PersonalNumber", "19850101-0000", "" },
        { "Ny klient", "PersonalNumber", "19851301-1234", "" },
        { "Ny klient", "PersonalNumber", "<script>", "" },
        { "Ändra klient", "PersonalNumber", "2099-01-01-1234", "" },
        { "Ny klient", "BirthYear", 1899, "Födelseåret ska vara mellan" },
        { "Ny klient", "BirthYear", 2020, "Födelseåret ska vara mellan" },
        { "Ändra klient", "BirthYear", 30000, "Födelseåret ska vara mellan" },
        { "Ändra klient", "BirthYear", -1, "Födelseåret ska vara mellan" },
        { "Ny klient", "Gender", (Gender)99, "Välj kön" },
        { "Behov", "Status", (NeedStatus)42, "Välj status" },
        // dates out of range
        { "Behov", "IdentifiedOn", D(2026, 11, 24), "framtiden" },
        { "Behov", "IdentifiedOn", D(1999, 12, 31), "mellan år 2000" },
        { "Behov", "IdentifiedOn", DateTime.MinValue, "mellan år 2000" },
        { "Ny klient", "RegisteredOn", D(1999, 1, 1), "år 2000 eller senare" },
        { "Ny klient", "RegisteredOn", DateTime.MaxValue, "framtiden" },
        { "Kontakt", "Date", D(1900, 1, 1), "mellan år 2000" },
        { "Kontakt", "FollowUpOn", D(2026, 10, 1), "före kontaktens datum" },
        { "Kontakt", "FollowUpOn", D(9999, 12, 31), "mellan år 2000" },
        { "Samtycke", "ValidUntil", D(2026, 10, 1), "före datumet samtycket gavs" },
        { "Samtycke", "ValidUntil", D(3000, 1, 1), "mellan år 2000" },
        { "Avsluta uppdrag", "ClosedOn", D(2027, 1, 1), "framtiden" },
        { "Avsluta uppdrag", "ClosedOn", D(1970, 1, 1), "mellan år 2000" },
        { "Uppdragsstatus", "Date", D(1999, 1, 1), "mellan år 2000" },
        { "SIP-möte", "Date", D(9999, 1, 1), "mellan år 2000" },
        { "SIP-möte", "Date@Status", D(2026, 12, 1), "genomfört möte" },
        { "SIP-möte", "FollowUpOn", D(2026, 11, 1), "före mötets datum" },
        { "SIP-åtgärd", "DueOn", D(1999, 12, 31), "mellan år 2000" },
        { "SIP-åtgärd", "DueOn", D(2040, 1, 1), "mellan år 2000" },
        { "Systembrist", "Date", D(2027, 1, 1), "framtiden" },
        { "Systembrist", "Date", D(1999, 1, 1), "år 2000" },
        { "Systembrist", "ClientsAffected", -1, "mellan 0 och" },
        { "Systembrist", "ClientsAffected", 10001, "mellan 0 och" },
        { "Ledamot", "To", D(2025, 12, 31), "före startdatum" },
        { "Ledamot", "From", D(1999, 1, 1), "år 2000" },
        { "Ledningsgruppsmöte", "Date", D(1999, 1, 1), "år 2000" },
        { "Ledningsgruppsmöte", "Date", D(2099, 1, 1), "för långt fram" },
        { "Kategori", "ValidFrom", D(1999, 1, 1), "mellan år 2000 och 2099" },
        { "Kategori", "ValidTo", D(2100, 1, 1), "mellan år 2000 och 2099" },
        { "Kategori", "SortOrder", -1, "mellan 0 och" },
    };

    [Theory, MemberData(nameof(Rejected))]
    public void Bad_values_are_rejected_with_a_Swedish_message_on_the_field(string form, string property, object? value, string message)
    {
        var errors = Errors(FormNamed(form), property, value);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Matches("[a-zåäö]", e.ErrorMessage));
        Assert.Contains(errors, e => e.ErrorMessage.Contains(message, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Text that must be stored and shown as typed: markup, SQL-looking text, åäö, emoji, right-to-left scripts, a zero-width
    /// space. (Direction overrides and control characters are refused instead: SafeTextTests.)
    /// </summary>
    public static readonly string[] TrickyText =
    [
        "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "\"><b>fet</b>", "'; DROP TABLE Clients; --", "Robert'); --",
        "Åsa Öberg-Ärlig", "ÅÄÖ åäö é ü ß", "👩‍👧‍👦 🙂 🇸🇪", "مرحبا بالعالم", "שלום עולם", "zero\u200Bwidth", "{{ 7*7 }} ${7*7} @(1+1)",
    ];

    /// <summary>Every free-text field of every form (name → the text fields).</summary>
    public static IEnumerable<(Form Form, PropertyInfo Property)> TextFields() =>
        Forms.SelectMany(f => f.Valid().GetType().GetProperties().Where(p => p.PropertyType == typeof(string) && p.CanWrite
                && p.Name is not (nameof(Client.PersonalNumber) or "FromOmbudId" or "ToOmbudId"))
            .Select(p => (f, p)));

    public static TheoryData<string, string, string> TrickyCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (form, property) in TextFields())
            foreach (var text in TrickyText) data.Add(form.Name, property.Name, text);
        return data;
    }

    [Theory, MemberData(nameof(TrickyCases))]
    public void Markup_unicode_and_right_to_left_text_is_accepted_as_plain_text(string form, string property, string text)
    {
        Assert.Empty(Errors(FormNamed(form), property, text));
    }

    /// <summary>The column's max length in the EF model (the same for both providers; checked on SQLite's model).</summary>
    private static int? DbMaxLength(Type entity, string property)
    {
        using var db = new SqliteOmbudDbContext(
            new DbContextOptionsBuilder<SqliteOmbudDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model.FindEntityType(entity)?.FindProperty(property)?.GetMaxLength();
    }

    private static int? ValidatorMaxLength(IValidator validator, string property) =>
        validator.CreateDescriptor().GetRulesForMember(property)
            .SelectMany(r => r.Components).Select(c => c.Validator).OfType<FluentValidation.Validators.ILengthValidator>()
            .Select(l => (int?)l.Max).Where(m => m > 0).Min();

    [Fact]
    public void Every_text_field_has_the_same_limit_in_the_database_and_the_validator()
    {
        var checkedFields = 0;
        var problems = new List<string>();
        foreach (var (form, property) in TextFields())
        {
            if (form.NotStoredAsIs.Contains(property.Name)) continue;
            var db = DbMaxLength(form.Entity!, property.Name);
            var validator = ValidatorMaxLength(form.RulesIn ?? form.Validator, property.Name);
            checkedFields++;
            if (db is null) problems.Add($"{form.Name}.{property.Name}: no max length in the database model ({form.Entity!.Name})");
            else if (validator is null) problems.Add($"{form.Name}.{property.Name}: the validator has no maximum length (database: {db})");
            else if (validator != db) problems.Add($"{form.Name}.{property.Name}: validator {validator} ≠ database {db}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(checkedFields >= 20, $"only {checkedFields} fields checked");
    }

    public static TheoryData<string, string> LimitedFields()
    {
        var data = new TheoryData<string, string>();
        foreach (var (form, property) in TextFields())
            if (!form.NotStoredAsIs.Contains(property.Name)) data.Add(form.Name, property.Name);
        return data;
    }

    [Theory, MemberData(nameof(LimitedFields))]
    public void One_character_over_the_limit_is_rejected_and_the_limit_itself_accepted(string form, string property)
    {
        var f = FormNamed(form);
        var max = DbMaxLength(f.Entity!, property)!.Value;
        Assert.Empty(Errors(f, property, new string('ä', max)));
        var tooLong = Errors(f, property, new string('ä', max + 1));
        Assert.Contains(
            tooLong, e => e.ErrorMessage.Contains($"{max}") && e.ErrorMessage.Contains("högst", StringComparison.OrdinalIgnoreCase));
        // Emoji take two UTF-16 units: the validator counts them like the database column does.
        Assert.NotEmpty(Errors(f, property, string.Concat(Enumerable.Repeat("🙂", max / 2 + 1))));
    }
}
