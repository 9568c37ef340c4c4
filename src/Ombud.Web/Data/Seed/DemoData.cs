using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Data.Seed;

/// <summary>
/// A small, clearly fictional demo unit (invented municipalities, generated names), deterministic. Only seeded when
/// Ombud:SeedDemoData is on and the database has no unit yet.
/// </summary>
public sealed class DemoData(IDbContextFactory<OmbudDbContext> dbFactory, UserManager<AppUser> users, TimeProvider clock)
{
    public const string Password = "Demo-ombud-2026";
    public static readonly (string UserName, string DisplayName, string Role)[] Users =
    [
        ("ombud", "Elin Demoberg", Roles.Ombud),
        ("ombud2", "Karim Exempelsson", Roles.Ombud),
        ("chef", "Maria Provlund", Roles.UnitLead),
        ("admin", "Adam Testman", Roles.Admin),
        ("sysadmin", "Siv Driftström", Roles.SystemAdmin),
        ("region", "Rut Regionsson", Roles.RegionalViewer), // granted the demo unit: the regional roll-up
    ];

    internal static readonly string[] WomenNames = [
        "Anna", "Åsa", "Elsa", "Maja", "Linnéa", "Sofia", "Aisha", "Ingrid", "Märta", "Sara", "Fatima", "Ylva"];
    internal static readonly string[] MenNames = [
        "Erik", "Örjan", "Ali", "Lars", "Jonas", "Björn", "Mehmet", "Åke", "Oskar", "Nils", "Johan", "Emil"];
    internal static readonly string[] Surnames = [
        "Andersson", "Öberg", "Ängström", "Lindqvist", "Nyström", "Åberg", "Hassan", "Karlsson", "Sjöberg", "Ekström", "Holm",
        "Zetterlund"];
    internal static readonly string[] NeedWords =
    [
        "Vill ha hjälp att ansöka om bostadstillägg", "Behöver förstå beslutet om sjukersättning", "Vill hitta en sysselsättning",
        "Har skulder och vet inte var jag ska börja", "Vill få en fast läkarkontakt i psykiatrin", "Vill bo kvar i lägenheten",
        "Känner mig ensam och vill träffa folk", "Behöver hjälp med struktur i vardagen", "Vill ansöka om god man",
        "Vill överklaga beslutet om försörjningsstöd",
    ];
    internal static readonly string[] Outcomes =
    [
        "Handläggaren återkommer inom två veckor", "Ansökan inskickad", "Möte bokat", "Beslut förklarat för klienten",
        "Överklagan påbörjad", "Väntar på svar",
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Units.AnyAsync(ct)) return;
        var rnd = new Random(2026);
        var today = clock.Today();

        var unit = new Unit
        {
            Name = "Personligt ombud Demostad (påhittad)",
            Municipalities = [new Municipality { Name = "Demostad" }, new Municipality { Name = "Exempelby" }],
        };
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        await DatabaseInitializer.AddDefaultActorsAsync(db, unit.Id, ct);

        var ombudIds = new List<string>();
        foreach (var (userName, displayName, role) in Users)
        {
            var user = new AppUser { UserName = userName, DisplayName = displayName, UnitId = unit.Id, EmailConfirmed = true };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
            // Like the first admin of a new installation: the unit's admin also keeps the installation (one unit).
            if (role == Roles.Admin) await users.AddToRoleAsync(user, Roles.SystemAdmin);
            if (role == Roles.Ombud) ombudIds.Add(user.Id);
            if (role == Roles.RegionalViewer)
            {
                db.RegionalGrants.Add(
                    new RegionalGrant { UserId = user.Id, UnitId = unit.Id, GrantedAtUtc = clock.GetUtcNow().UtcDateTime });
            }
        }

        var cats = await db.Categories.ToListAsync(ct);
        List<Category> Of(CategoryKind k) => cats.Where(c => c.Kind == k).ToList();
        var actors = await db.Actors.Where(a => a.UnitId == unit.Id).ToListAsync(ct);

        for (var i = 0; i < 22; i++)
        {
            var ombudId = ombudIds[i < 14 ? 0 : 1];
            var woman = rnd.Next(100) < 60;
            var birthYear = today.Year - rnd.Next(19, 75);
            var client = new Client
            {
                UnitId = unit.Id,
                Code = ClientCode.New(rnd),
                Gender = woman ? Gender.Woman : rnd.Next(10) == 0 ? Gender.Other : Gender.Man,
                BirthYear = rnd.Next(12) == 0 ? null : birthYear,
                MunicipalityId = unit.Municipalities[rnd.Next(unit.Municipalities.Count)].Id,
                ChildrenAtHome = (ChildrenAtHome)rnd.Next(4),
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            if (rnd.Next(5) != 0) // some clients are anonymous: code only
                client.SetName($"{(woman ? WomenNames : MenNames)[rnd.Next(12)]} {Surnames[rnd.Next(Surnames.Length)]}");
            if (client.Name is not null && client.BirthYear is { } by && rnd.Next(3) == 0)
                client.PersonalNumber = FictionalPersonalNumber(by, rnd);

            var registered = today.AddDays(-rnd.Next(20, 700));
            var status = i % 7 == 6
                ? MandateStatus.Waiting
                : i % 9 == 4
                ? MandateStatus.Closed
                : i % 5 == 3
                ? MandateStatus.Paused
                : MandateStatus.Active;
            var mandate = client.OpenNewMandate(
                ombudId, registered, status == MandateStatus.Waiting ? null : registered.AddDays(rnd.Next(0, 15)));
            mandate.ReferralPath = Pick(Of(CategoryKind.ReferralPath), rnd);
            mandate.ContactReasons.AddRange(Of(CategoryKind.ContactReason).OrderBy(_ => rnd.Next()).Take(rnd.Next(1, 4)));
            if (status != MandateStatus.Waiting)
                AddWork(mandate, rnd, today, Of(CategoryKind.LifeArea), Of(CategoryKind.HelpKind), actors);
            if (status == MandateStatus.Paused) mandate.Pause(mandate.LastActivityOn);
            if (status == MandateStatus.Closed) mandate.Close(mandate.LastActivityOn, Of(CategoryKind.ClosureReason)[rnd.Next(3)]);
            db.Clients.Add(client);
        }
        // The unit's waiting list: people who asked for an ombud and wait without one (code only, as the lead records them).
        foreach (var daysAgo in new[] { 41, 17, 3 })
        {
            var waiting = new Client
            {
                UnitId = unit.Id,
                Code = ClientCode.New(rnd),
                MunicipalityId = unit.Municipalities[rnd.Next(unit.Municipalities.Count)].Id,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            var mandate = waiting.OpenNewMandate(null, today.AddDays(-daysAgo), null);
            mandate.ReferralPath = Pick(Of(CategoryKind.ReferralPath), rnd);
            mandate.ContactReasons.AddRange(Of(CategoryKind.ContactReason).OrderBy(_ => rnd.Next()).Take(rnd.Next(1, 3)));
            db.Clients.Add(waiting);
        }
        await db.SaveChangesAsync(ct);
        await AddSipMeetingsAsync(db, ombudIds, actors, today, ct);
        await AddSteeringGroupAndFaultsAsync(db, unit.Id, ombudIds[0], cats, actors, today, ct);
        await AddSurveyAsync(db, unit.Id, today, rnd, ct);
    }

    /// <summary>
    /// This year's brukarundersökning on the default questionnaire, open now, with nine paper forms typed in (one free text
    /// held for the lead's review), so the survey pages have results to show.
    /// </summary>
    private static async Task AddSurveyAsync(OmbudDbContext db, int unitId, DateOnly today, Random rnd, CancellationToken ct)
    {
        var template = await db.SurveyTemplates.Include(t => t.Questions).ThenInclude(q => q.Options).FirstAsync(t => t.UnitId == null, ct);
        var round = new SurveyRound
        {
            UnitId = unitId,
            TemplateId = template.Id,
            Name = $"Brukarundersökning {today.Year}",
            OpensOn = today.AddDays(-30),
            ClosesOn = today.AddDays(30),
            FormsHandedOut = 20,
            PossibleRespondents = 18,
            NotAsked = 2,
            NotAskedReason = "Det psykiska måendet",
        };
        db.SurveyRounds.Add(round);
        await db.SaveChangesAsync(ct);
        var questions = template.Questions.OrderBy(q => q.Number).ToList();
        for (var form = 1; form <= 9; form++)
        {
            var response = new SurveyResponse { RoundId = round.Id, Channel = SurveyChannel.Paper, FormNumber = form };
            foreach (var q in questions.Where(q => q.Kind != SurveyQuestionKind.FreeText))
            {
                var options = q.Options.Where(o => !o.AsksForText).OrderBy(o => o.Number).ToList();
                var picks = q.Kind == SurveyQuestionKind.MultipleChoice
                    ? options.Where((_, i) => rnd.Next(100) < 70 - 5 * i).ToList()
                    : [options[q.Number == 1 ? (form <= 7 ? 0 : 1) : rnd.Next(options.Count)]];
                response.Answers.AddRange(picks.Select(o => new SurveyAnswer { QuestionId = q.Id, OptionId = o.Id }));
            }
            var comment = form switch
            {
                2 => "Jag har fått hjälp att förstå besluten och känner mig tryggare.",
                5 => "Mitt ombud Robin har varit ett fantastiskt stöd.",
                _ => null,
            };
            if (comment is not null)
                response.Answers.Add(new SurveyAnswer
                {
                    QuestionId = questions[^1].Id,
                    Text = comment,
                    TextReview = form == 5 ? SurveyTextReview.Pending : SurveyTextReview.Clear,
                });
            db.SurveyResponses.Add(response);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A few SIP meetings in active mandates, some with overdue measures or follow-ups, so the SIP panel and Mina
    /// uppgifter have something to show. Dates are relative to today; the caseload above is not affected.
    /// </summary>
    private static async Task AddSipMeetingsAsync(
        OmbudDbContext db, List<string> ombudIds, List<Actor> actors, DateOnly today, CancellationToken ct)
    {
        var active = await db.Mandates.Where(m => m.Status == MandateStatus.Active).OrderBy(m => m.Id).ToListAsync(ct);
        var picks = active.Where(m => m.OmbudId == ombudIds[0])
            .Take(4)
            .Concat(active.Where(m => m.OmbudId == ombudIds[1]).Take(1)).ToList();
        Actor A(string name) => actors.First(a => a.Name == name);
        var socpsyk = A("Socialtjänsten – socialpsykiatri");
        var psykiatrin = A("Psykiatrin");
        var fk = A("Försäkringskassan");
        var af = A("Arbetsförmedlingen");
        SipParticipant P(Actor a, string role) => new() { ActorId = a.Id, Role = role };
        SipMeasure M(Actor a, string what, int dueInDays, SipMeasureStatus status) =>
            new() { ActorId = a.Id, What = what, DueOn = today.AddDays(dueInDays), Status = status };

        SipMeeting Meeting(Mandate m, int daysAgo, SipStatus status, int? followUpInDays)
        {
            var date = today.AddDays(-daysAgo);
            var earliest = m.StartDate ?? m.RegisteredOn;
            if (date < earliest) date = earliest;
            var sip = new SipMeeting
            {
                MandateId = m.Id,
                LeadActorId = socpsyk.Id,
                CalledById = socpsyk.Id,
                Place = "Socialkontoret, Demostad",
                ClientGoals = "Bo kvar i lägenheten och få en fast kontakt i psykiatrin",
                PlanReference = "Hos socialtjänsten, socialpsykiatrin",
                ConsentConfirmed = true,
                RequestedByOmbud = true,
                PreparedClient = true,
                OmbudAttended = status == SipStatus.Held,
                ExplainedOutcome = status == SipStatus.Held,
            };
            var followUp = followUpInDays is { } f ? today.AddDays(f) : (DateOnly?)null;
            sip.Schedule(date, new TimeOnly(10, 0), followUp is { } fu && fu < date ? date : followUp);
            sip.SetStatus(status, today);
            if (date <= today) m.Touch(date);
            return sip;
        }

        if (picks.Count > 0)
        {
            var s = Meeting(picks[0], 40, SipStatus.Held, 10);
            s.Participants.AddRange([P(socpsyk, "handläggare"), P(psykiatrin, "sjuksköterska")]);
            // The client has consented to both participants here; the other demo meetings show the missing-consent flag.
            foreach (var a in new[] { socpsyk, psykiatrin })
                db.Consents.Add(new Consent
                {
                    MandateId = picks[0].Id,
                    ActorId = a.Id,
                    GivenOn = s.Date.AddDays(-7) < (picks[0].StartDate ?? s.Date) ? picks[0].StartDate ?? s.Date : s.Date.AddDays(-7),
                    Form = ConsentForm.Written,
                    ValidUntil = today.AddMonths(6)
                });
            s.Measures.AddRange([
                M(socpsyk, "Ansöka om boendestöd tillsammans med klienten", -10, SipMeasureStatus.InProgress),
                M(psykiatrin, "Boka läkarbesök", -20, SipMeasureStatus.Done),
                M(psykiatrin, "Ta fram en krisplan tillsammans med klienten", 7, SipMeasureStatus.Planned)]);
            db.SipMeetings.Add(s);
        }
        if (picks.Count > 1)
        {
            var s = Meeting(picks[1], 70, SipStatus.Held, -5);
            s.LeadActorId = psykiatrin.Id;
            s.ClientGoals = "Komma igång med någon form av sysselsättning";
            s.Participants.AddRange([P(psykiatrin, "kurator"), P(fk, "handläggare"), P(af, "arbetsförmedlare")]);
            s.Measures.AddRange([
                M(fk, "Utreda rätten till aktivitetsersättning", -14, SipMeasureStatus.Planned),
                M(af, "Kartlägga stöd för att komma till en sysselsättning", 20, SipMeasureStatus.Planned)]);
            db.SipMeetings.Add(s);
        }
        if (picks.Count > 2)
        {
            var s = Meeting(picks[2], -6, SipStatus.Planned, null);
            s.IsVideo = true;
            s.Place = null;
            s.PreparedClient = false;
            s.Participants.AddRange([P(socpsyk, "handläggare"), P(A("Primärvården"), "distriktssköterska")]);
            db.SipMeetings.Add(s);
        }
        if (picks.Count > 3)
        {
            var first = Meeting(picks[3], 100, SipStatus.Held, 3);
            first.Participants.AddRange([P(socpsyk, "handläggare"), P(psykiatrin, "läkare")]);
            first.Measures.AddRange([
                M(socpsyk, "Ansöka om god man", -60, SipMeasureStatus.Done),
                M(psykiatrin, "Se över medicineringen", -2, SipMeasureStatus.InProgress)]);
            db.SipMeetings.Add(first);
            await db.SaveChangesAsync(ct);
            db.SipMeetings.Add(first.StartFollowUp(today));
        }
        if (picks.Count > 4)
        {
            var s = Meeting(picks[4], 30, SipStatus.Held, 30);
            s.Participants.Add(P(socpsyk, "handläggare"));
            s.Measures.Add(M(socpsyk, "Ordna kontakt med budget- och skuldrådgivningen", -3, SipMeasureStatus.Planned));
            db.SipMeetings.Add(s);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A fictional ledningsgrupp with four meetings, and five system faults in different workflow steps.</summary>
    private async Task AddSteeringGroupAndFaultsAsync(
        OmbudDbContext db, int unitId, string ombudId, List<Category> cats, List<Actor> actors,
        DateOnly today, CancellationToken ct)
    {
        (string Org, string Name, string Role)[] members =
        [
            ("Demostad kommun – socialtjänsten", "Greta Ordförandesson", "Ordförande"),
            ("Region Demo – psykiatrin", "Per Psykiatrisson", "Ledamot"),
            ("Region Demo – primärvården", "Vera Vårdcentralsdotter", "Ledamot"), ("Försäkringskassan", "Frans Kassaman", "Ledamot"),
            ("Arbetsförmedlingen", "Amina Förmedlare", "Ledamot"), ("Brukarföreningen Demo (påhittad)", "Bo Brukarsson", "Adjungerad"),
        ];
        foreach (var (org, name, role) in members)
            db.SteeringGroupMembers.Add(
                new SteeringGroupMember { UnitId = unitId, Organisation = org, PersonName = name, Role = role, From = today.AddYears(-2) });
        var meetings = new[] { -380, -60, -10, 30 }.Select(
            days => new SteeringGroupMeeting { UnitId = unitId, Date = today.AddDays(days) }).ToList();
        meetings[0].Decisions = "Bostadsfrågan lyfts till Länsstyrelsen.";
        meetings[1].Decisions = "Socialtjänsten ser över väntetiden till budget- och skuldrådgivningen.";
        db.SteeringGroupMeetings.AddRange(meetings);
        await db.SaveChangesAsync(ct);

        Category Cat(string name) => cats.First(c => c.Kind == CategoryKind.FaultCategory && c.Name == name);
        List<Actor> Named(params string[] names) => actors.Where(a => names.Contains(a.Name)).ToList();
        SystemFault Fault(
            int daysAgo, string category, FaultLevel level, string description, string consequence, int clients,
            params string[] actorNames) => new()
            {
                UnitId = unitId,
                ReportedById = ombudId,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
                Date = today.AddDays(-daysAgo),
                CategoryId = Cat(category).Id,
                Level = level,
                Description = description,
                Consequence = consequence,
                ClientsAffected = clients,
                Actors = Named(actorNames),
            };

        var draft = Fault(3, "Brister i samverkan", FaultLevel.Local,
            "Vid utskrivning från psykiatrisk heldygnsvård får socialtjänsten ofta ingen information, så boendestöd kommer igång först " +
            "flera veckor senare.",
            "Klienter står utan stöd de första veckorna efter utskrivning, med risk för återinläggning.",
            4, "Psykiatrin", "Socialtjänsten – socialpsykiatri");
        var unmet = await db.Needs.Where(n => n.Mandate!.OmbudId == ombudId && n.Status == NeedStatus.NotMet)
            .OrderBy(n => n.Id)
            .Take(2).ToListAsync(ct);
        draft.Needs.AddRange(unmet);
        var reported = Fault(20, "Försäkringskassan", FaultLevel.CaseOfficer,
            "Beslut om sjukersättning skickas utan begriplig motivering, och handläggaren går inte att nå per telefon.",
            "Klienter förstår inte beslutet och missar tiden för att begära omprövning.", 6, "Försäkringskassan");
        reported.ReportToSteeringGroup(meetings[2]);
        var forwarded = Fault(90, "Bostad", FaultLevel.Central,
            "Hyresvärdar kräver inkomst på tre gånger hyran, vilket stänger ute den som har sjukersättning eller försörjningsstöd.",
            "Klienter blir kvar i andrahandskontrakt och tillfälliga boenden.", 9, "Hyresvärd/bostadsbolag");
        forwarded.ReportToSteeringGroup(meetings[1]);
        forwarded.Forward(meetings[1].Date.AddDays(7), toCountyBoard: true, toActor: false);
        var answered = Fault(100, "Ekonomi/skuld", FaultLevel.Local, "Väntetiden till budget- och skuldrådgivningen är över fem månader.",
            "Skulderna växer medan klienterna väntar.", 5, "Budget- och skuldrådgivningen");
        answered.ReportToSteeringGroup(meetings[1]);
        answered.Answer(meetings[1].Date.AddDays(14), "Kommunen tillför en halvtidstjänst under våren.");
        var closed = Fault(420, "Arbetsförmedlingen", FaultLevel.Central,
            "Arbetsförmedlingens digitala tjänster kräver BankID, som flera klienter saknar.", "Klienter kan inte skriva in sig.",
            3, "Arbetsförmedlingen");
        closed.ReportToSteeringGroup(meetings[0]);
        closed.Forward(meetings[0].Date.AddDays(10), toCountyBoard: true, toActor: true);
        closed.Answer(meetings[0].Date.AddDays(40), "Arbetsförmedlingen erbjuder inskrivning på plats vid servicekontoret.");
        closed.Close(meetings[0].Date.AddDays(45));
        db.SystemFaults.AddRange(draft, reported, forwarded, answered, closed);
        await db.SaveChangesAsync(ct);
    }

    private static void AddWork(
        Mandate m, Random rnd, DateOnly today, List<Category> lifeAreas, List<Category> helpKinds, List<Actor> actors)
    {
        var start = m.StartDate!.Value;
        var span = Math.Max(1, today.DayNumber - start.DayNumber);
        var needs = new List<Need>();
        foreach (var _ in Enumerable.Range(0, rnd.Next(1, 4)))
        {
            var need = new Need
            {
                LifeArea = Pick(lifeAreas, rnd),
                ClientWords = NeedWords[rnd.Next(NeedWords.Length)],
                IdentifiedOn = start.AddDays(rnd.Next(0, Math.Min(span, 30))),
            };
            need.SetStatus((NeedStatus)rnd.Next(5), need.IdentifiedOn.AddDays(rnd.Next(0, 60)) is var d && d > today ? today : d);
            needs.Add(need);
            m.Needs.Add(need);
        }
        var used = actors.OrderBy(_ => rnd.Next()).Take(rnd.Next(1, 4)).ToList();
        foreach (var actor in used)
            m.Consents.Add(
                new Consent
                {
                    Actor = actor,
                    ActorId = actor.Id,
                    GivenOn = start,
                    Form = (ConsentForm)rnd.Next(2),
                    ValidUntil = start.AddYears(1)
                });
        foreach (var _ in Enumerable.Range(0, rnd.Next(1, 6)))
        {
            var date = start.AddDays(rnd.Next(0, span));
            var actor = used[rnd.Next(used.Count)];
            m.Contacts.Add(new AuthorityContact
            {
                Actor = actor,
                ActorId = actor.Id,
                Date = date,
                Channel = (ContactChannel)rnd.Next(5),
                HelpKinds = helpKinds.OrderBy(_ => rnd.Next()).Take(rnd.Next(1, 3)).ToList(),
                Need = needs[rnd.Next(needs.Count)],
                Outcome = Outcomes[rnd.Next(Outcomes.Length)],
                FollowUpOn = rnd.Next(3) == 0 ? today.AddDays(rnd.Next(-5, 20)) : null,
                WithoutConsent = !m.HasValidConsent(actor.Id, date),
            });
            m.Touch(date);
        }
    }

    private static T Pick<T>(List<T> items, Random rnd) => items[rnd.Next(items.Count)];

    /// <summary>A personnummer with a valid check digit and a serial in the 98xx range, to stay clearly fictional.</summary>
    internal static string FictionalPersonalNumber(int birthYear, Random rnd)
    {
        var date = new DateOnly(birthYear, rnd.Next(1, 13), rnd.Next(1, 29));
        var nine = date.ToString("yyMMdd", CultureInfo.InvariantCulture) + "98" + rnd.Next(10);
        for (var check = 0; check < 10; check++)
            if (PersonalNumber.LuhnValid(nine + check))
                return date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + nine[6..] + check;
        throw new InvalidOperationException("unreachable");
    }
}
