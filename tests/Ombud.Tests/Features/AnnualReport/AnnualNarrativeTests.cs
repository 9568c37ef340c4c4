using Ombud.Tests.Features.SystemFaults;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Surveys;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.AnnualReport;

/// <summary>The verksamhetsberättelse: the lead's introduction, and the document with its faults, figures and survey.</summary>
public class AnnualNarrativeTests
{
    [Fact]
    public void The_introduction_is_for_a_year_from_2000_to_2100_and_at_most_4000_characters()
    {
        var v = new SaveAnnualNarrative.Validator();
        var cmd = new SaveAnnualNarrative.Command { Year = 1999 };
        Assert.Contains("Ange ett år mellan 2000 och 2100.", v.ErrorsFor(cmd, nameof(cmd.Year)));
        cmd.Year = 2026;
        cmd.Introduction = new string('a', AnnualNarrative.MaxIntroduction);
        Assert.True(v.Validate(cmd).IsValid);
        cmd.Introduction += "a";
        Assert.Contains($"Högst {AnnualNarrative.MaxIntroduction} tecken.", v.ErrorsFor(cmd, nameof(cmd.Introduction)));
    }

    [Fact]
    public void Fault_texts_are_published_without_anything_that_looks_like_a_personnummer_phone_or_email()
    {
        Assert.Equal("Ring [borttaget] eller skriv till [borttaget].",
            GetAnnualNarrative.Blank("Ring 070-123 45 67 eller skriv till a.b@region.se."));
        Assert.Equal("Väntetiden är lång.", GetAnnualNarrative.Blank("Väntetiden är lång."));
        Assert.Null(GetAnnualNarrative.Blank(null));
    }

    /// <summary>Through the use cases, on an in-memory SQLite database (23 Nov 2026).</summary>
    public class Handler : SystemFaultTestData
    {
        private SaveAnnualNarrative.Handler SaveIntro() => _t.Get<SaveAnnualNarrative.Handler>();
        private GetAnnualNarrative.Handler Narrative() => _t.Get<GetAnnualNarrative.Handler>();

        private async Task<SaveAnnualNarrative.Command> LoadIntroAsync(int year = 2026) =>
            SaveAnnualNarrative.Command.From(year, await Narrative().IntroductionAsync(year));

        [Fact]
        public async Task The_lead_writes_the_introduction_and_the_narrative_shows_it_in_paragraphs()
        {
            _t.User = _lead;
            Assert.Null((await Narrative().HandleAsync(2026)).Introduction);
            var cmd = await LoadIntroAsync();
            cmd.Introduction = "  Året präglades av långa väntetider.\n\nVi fick en ny ledningsgrupp.  ";
            Assert.Equal(SaveAnnualNarrative.Outcome.Saved, (await SaveIntro().HandleAsync(cmd)).Outcome);

            var n = await Narrative().HandleAsync(2026);
            Assert.Equal("Året präglades av långa väntetider.\n\nVi fick en ny ledningsgrupp.", n.Introduction!.Text);
            Assert.Equal(["Året präglades av långa väntetider.", "Vi fick en ny ledningsgrupp."],
                GetAnnualNarrative.Paragraphs(n.Introduction.Text));
            Assert.Null((await Narrative().HandleAsync(2025)).Introduction); // per year

            var edit = await LoadIntroAsync();
            edit.Introduction = "Ny text.";
            await SaveIntro().HandleAsync(edit);
            Assert.Equal("Ny text.", (await Narrative().IntroductionAsync(2026))!.Text);
            await using var db = _t.CreateContext();
            Assert.Single(await db.AnnualNarratives.Where(x => x.UnitId == _unit.Id && x.Year == 2026).ToListAsync());
        }

        [Fact]
        public async Task Two_writers_at_once_the_second_is_told_the_introduction_changed_and_nothing_is_overwritten()
        {
            _t.User = _lead;
            var first = await LoadIntroAsync();
            var second = await LoadIntroAsync(); // both opened before anything was written
            first.Introduction = "Den första texten.";
            await SaveIntro().HandleAsync(first);
            second.Introduction = "Den andra texten.";
            var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveIntro().HandleAsync(second));
            Assert.Contains("Inledning", conflict.Message);

            var stale = await LoadIntroAsync();
            var fresh = await LoadIntroAsync();
            fresh.Introduction = "Ändrad av någon annan.";
            await SaveIntro().HandleAsync(fresh);
            stale.Introduction = "Min ändring.";
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveIntro().HandleAsync(stale));
            Assert.Equal("Ändrad av någon annan.", (await Narrative().IntroductionAsync(2026))!.Text);
        }

        [Fact]
        public async Task An_introduction_with_a_personnummer_is_refused_and_one_with_a_phone_number_needs_confirmation()
        {
            _t.User = _lead;
            var cmd = await LoadIntroAsync();
            cmd.Introduction = "Klienten 19850101-1234 fick hjälp.";
            var ex = await Assert.ThrowsAsync<DomainException>(() => SaveIntro().HandleAsync(cmd));
            Assert.Contains("personnummer", ex.Message);
            cmd.Introduction = "Ring enheten på 070-123 45 67.";
            var r = await SaveIntro().HandleAsync(cmd);
            Assert.Equal(SaveAnnualNarrative.Outcome.NeedsPersonalDataConfirmation, r.Outcome);
            Assert.Null(await Narrative().IntroductionAsync(2026));
            cmd.ConfirmPersonalData = true;
            Assert.Equal(SaveAnnualNarrative.Outcome.Saved, (await SaveIntro().HandleAsync(cmd)).Outcome);
        }

        [Fact]
        public async Task Only_the_lead_and_admins_write_and_read_the_narrative()
        {
            _t.User = _ombud;
            await Assert.ThrowsAsync<DomainException>(() => Narrative().HandleAsync(2026));
            await Assert.ThrowsAsync<DomainException>(() =>
                SaveIntro().HandleAsync(new SaveAnnualNarrative.Command { Year = 2026, Introduction = "x" }));
        }

        [Fact]
        public async Task The_narrative_lists_the_faults_reported_to_the_ledningsgrupp_in_the_year_with_their_responses_safe_to_publish()
        {
            var meeting = await MeetingAsync(new DateOnly(2026, 3, 10));
            var answered = await SaveAsync(Fault("Väntetiden till psykiatrin är över sex månader.", date: new DateTime(2026, 3, 1)));
            var withPhone = Fault("Handläggaren nås bara på 070-123 45 67.", _bostad, new DateTime(2026, 3, 2));
            withPhone.ConfirmPersonalData = true;
            withPhone.ClientsAffected = 12;
            var phoneId = await SaveAsync(withPhone);
            await SaveAsync(Fault("Ett utkast som aldrig rapporterades.", date: new DateTime(2026, 3, 3)));
            foreach (var id in new[] { answered, phoneId })
                await Step().HandleAsync(new ChangeFaultStatus.Command
                {
                    FaultId = id,
                    To = FaultStatus.ReportedToSteeringGroup,
                    MeetingId = meeting.Id,
                });
            _t.User = _lead;
            await Step().HandleAsync(new ChangeFaultStatus.Command
            {
                FaultId = answered,
                To = FaultStatus.Answered,
                Date = new DateTime(2026, 5, 1),
                Response = "Regionen ser över remissvägarna.",
            });

            var n = await Narrative().HandleAsync(2026);
            Assert.Equal(2, n.Faults.Count);
            var a = n.Faults.Single(f => f.Id == answered);
            Assert.Equal((new DateOnly(2026, 3, 10), "Regionen ser över remissvägarna.", new DateOnly(2026, 5, 1)),
                (a.ReportedOn, a.Response, a.AnsweredOn));
            Assert.Null(a.ClientsAffected); // 3: hidden for publication
            Assert.Equal(["Psykiatrin"], a.Actors);
            var p = n.Faults.Single(f => f.Id == phoneId);
            Assert.Equal("Handläggaren nås bara på [borttaget].", p.Description);
            Assert.Equal(12, p.ClientsAffected);
            Assert.Null(p.Response);
            Assert.Empty((await Narrative().HandleAsync(2025)).Faults);
            // the figures are the report's in publication mode
            Assert.Equal(Suppression.DefaultThreshold, n.Report.Header.PublicationThreshold);
            Assert.Equal(2, n.Report["fault-categories"].Rows[0].Value);
        }

        [Fact]
        public async Task The_narrative_has_the_years_survey_round_with_small_counts_hidden()
        {
            _t.User = _lead;
            int templateId;
            await using (var db = _t.CreateContext())
            {
                var template = await db.SurveyTemplates.FirstOrDefaultAsync(t => t.UnitId == null)
                    ?? db.SurveyTemplates.Add(DefaultSurvey.Create()).Entity;
                await db.SaveChangesAsync();
                templateId = template.Id;
            }
            var roundId = await _t.Get<SaveSurveyRound.Handler>().HandleAsync(new SaveSurveyRound.Command
            {
                Name = "Brukarundersökning 2026",
                TemplateId = templateId,
                OpensOn = new DateTime(2026, 10, 1),
                ClosesOn = new DateTime(2026, 10, 31),
                FormsHandedOut = 20,
                PossibleRespondents = 18,
            });
            var sip = await _t.CreateContext().SurveyQuestions
                .Include(q => q.Options)
                .SingleAsync(q => q.TemplateId == templateId && q.Number == 6);
            AnswerInput Sip(string option) => new() { QuestionId = sip.Id, OptionIds = [sip.Options.Single(o => o.Text == option).Id] };
            _t.User = _ombud;
            for (var i = 1; i <= 6; i++)
                await _t.Get<EnterPaperForm.Handler>().HandleAsync(new(roundId, i, [Sip(i <= 5 ? "Ja" : "Nej")]));

            _t.User = _lead;
            var round = Assert.Single((await Narrative().HandleAsync(2026)).Report.Surveys!);
            Assert.Equal(("Brukarundersökning 2026", 6, 33.3m), (round.Name, round.Answers, round.RateOfPossible));
            var q6 = round.Questions.Single(q => q.Number == 6);
            Assert.Equal(6, q6.Answered);
            // Nej 1 is small, and Ja 5 then gives it away (6 − 5): both hidden
            Assert.Equal([null, null, 0], q6.Options.Select(o => o.Count));
            Assert.True(round.AnySuppressed);
        }
    }
}
