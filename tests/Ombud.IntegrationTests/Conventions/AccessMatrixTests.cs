using System.Net;
using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Admin;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Caseload;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Contacts;
using Ombud.Web.Features.Followups;
using Ombud.Web.Features.Needs;
using Ombud.Web.Features.Region;
using Ombud.Web.Features.Sip;
using Ombud.Web.Features.SteeringGroup;
using Ombud.Web.Features.Surveys;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.IntegrationTests.Conventions;

/// <summary>
/// The access matrix, proven on the server: every route of the app (pages, downloads, endpoints) and every public
/// method of every use-case handler, called as each role. The expected sets are written out here, not read from the
/// code under test, and both tables must cover everything the app has — a new route or handler fails this test until
/// its access is decided here.
/// </summary>
public sealed class AccessMatrixTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private const string Anonymous = "anonym";
    private static readonly string[] Users = ["ombud", "chef", "admin", "sysadmin", "region"];
    /// <summary>The unit's staff; "sysadmin" (installation-wide, no unit data) and "region" (the Regional uppföljare, granted the
    /// demo unit's roll-up and nothing else) are not among them. The demo admin also holds
    /// the Systemadministratör role, as the first admin of a new installation does.</summary>
    private static readonly string[] Staff = ["ombud", "chef", "admin"];
    private static readonly string[] SystemAdmins = ["admin", "sysadmin"];
    private static readonly string[] All = [Anonymous, .. Users];
    private static readonly string[] SignedIn = Users;

    /// <summary>Route pattern → who may open it (GET). Everyone else is sent to the login page or "no access".</summary>
    internal static readonly Dictionary<string, string[]> Routes = new()
    {
        ["/konto/logga-in"] = All,
        ["/konto/ingen-behorighet"] = All,
        ["/not-found"] = All,
        ["/Error"] = All,
        ["/health"] = All,
        ["/"] = SignedIn,
        ["/klienter"] = ["ombud"],
        ["/klienter/ny"] = ["ombud"],
        ["/klienter/{Id:int}"] = ["ombud"],
        ["/klienter/{Id:int}/sammanfattning"] = ["ombud"],
        ["/klienter/{ClientId:int}/sip/ny"] = ["ombud"],
        ["/klienter/{ClientId:int}/sip/{SipId:int}"] = ["ombud"],
        ["/klienter/{ClientId:int}/sip/{SipId:int}/utskrift"] = ["ombud"],
        ["/uppgifter"] = ["ombud"],
        ["/systembrister"] = Staff,
        ["/systembrister/{Id:int}"] = Staff,
        ["/systembrister/export"] = Staff,
        ["/ledningsgrupp"] = Staff,
        ["/enkater"] = Staff,
        ["/enkater/{Id:int}"] = Staff,
        ["/enkater/{Id:int}/blankett"] = Staff,
        ["/enkater/mallar/{Id:int}"] = Staff,
        ["/enkater/{Id:int}/resultat.xlsx"] = Staff,
        ["/enkat"] = All,
        ["/arsrapport"] = ["chef", "admin"],
        ["/arsrapport/utskrift"] = ["chef", "admin"],
        ["/arsrapport/export.xlsx"] = ["chef", "admin"],
        ["/arsrapport/export.csv"] = ["chef", "admin"],
        ["/arsrapport/inlamnad.json"] = ["chef", "admin"],
        ["/arsrapport/verksamhetsberattelse"] = ["chef", "admin"],
        ["/import"] = ["chef", "admin"],
        ["/enheten/omfordelning"] = ["chef"],
        ["/enheten/vantelista"] = ["chef"],
        ["/admin/enheten"] = ["admin"],
        ["/admin/kategorier"] = SystemAdmins,
        ["/installation/enheter"] = SystemAdmins,
        ["/admin/aktorer"] = ["admin"],
        ["/admin/anvandare"] = ["admin"],
        ["/admin/granskningslogg"] = ["admin"],
        ["/admin/granskningslogg/export"] = ["admin"],
        ["/admin/registerbegaran"] = ["admin"],
        ["/region"] = ["region"],
        ["/region/export.xlsx"] = ["region"],
    };

    /// <summary>Routes that are not pages to open (POST-only sign-out, framework plumbing).</summary>
    private static bool IsPlumbing(string pattern) =>
        pattern.StartsWith("/_")
        || pattern.StartsWith("/Components/")
        || pattern.Contains('.') && pattern.Count(c => c == '/') == 1
        || pattern.Contains("{**")
        || pattern == "/konto/logga-ut"
        || pattern.StartsWith("/Account");

    private static IEnumerable<string> AppRoutes(OmbudAppFactory app)
    {
        _ = app.Server; // start the host
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(p => !IsPlumbing(p)).Distinct();
    }

    [Fact]
    public void Every_route_of_the_app_has_a_decided_access_set()
    {
        var missing = AppRoutes(app).Where(r => !Routes.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "Routes without an access decision: " + string.Join(", ", missing));
        var stale = Routes.Keys.Except(AppRoutes(app)).ToList();
        Assert.True(stale.Count == 0, "Routes in the table that the app no longer has: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_route_answers_each_role_as_the_matrix_says()
    {
        int clientId, sipClientId, sipId, faultId, roundId;
        await using (var scope = await HostScope.AsAsync(app, "ombud"))
        await using (var db = await scope.DbAsync())
        {
            clientId = await db.Clients.Where(c => c.OmbudId == scope.User.Id).Select(c => c.Id).FirstAsync();
            var sip = await db.SipMeetings
                .Where(s => s.Mandate!.Client!.OmbudId == scope.User.Id)
                .Select(s => new { s.Id, s.Mandate!.ClientId })
                .FirstAsync();
            (sipClientId, sipId) = (sip.ClientId, sip.Id);
            faultId = await db.SystemFaults.Select(f => f.Id).FirstAsync();
            roundId = await db.SurveyRounds.Where(r => r.UnitId == scope.User.UnitId).Select(r => r.Id).FirstAsync();
        }
        var failures = new List<string>();
        foreach (var role in All)
        {
            using var client = app.CreateBrowserLikeClient();
            if (role != Anonymous)
                Assert.Equal(HttpStatusCode.Redirect, (await OmbudAppFactory.SignInAsync(client, role, DemoData.Password)).StatusCode);
            foreach (var (pattern, allowed) in Routes)
            {
                var id = pattern.StartsWith("/systembrister") ? faultId : pattern.StartsWith("/enkater/") ? roundId : clientId;
                var url = pattern.Replace("{Id:int}", id.ToString())
                    .Replace("{ClientId:int}", sipClientId.ToString()).Replace("{SipId:int}", sipId.ToString());
                if (pattern.StartsWith("/arsrapport/") || pattern.StartsWith("/region/")) url += $"?ar={SwedishDate.Today.Year - 1}";
                var response = await client.GetAsync(url);
                var location = response.Headers.Location?.ToString() ?? "";
                // The start page sends an ombud on to Mina klienter.
                var opened = response.StatusCode == HttpStatusCode.OK || pattern == "/" && role == "ombud" && location.EndsWith("/klienter")
                             || pattern == "/" && role == "sysadmin" && location.EndsWith(Ombud.Web.Features.Home.Home.SystemAdminHome)
                             || pattern == "/" && role == "region" && location.EndsWith(Ombud.Web.Features.Home.Home.RegionalViewerHome)
                             // the submitted report of a year that is not submitted: reached, and not found
                             || pattern == "/arsrapport/inlamnad.json" && response.StatusCode == HttpStatusCode.NotFound;
                var refused = response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
                              && (location.Contains("/konto/logga-in") || location.Contains("/konto/ingen-behorighet"))
                              || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                var expected = allowed.Contains(role);
                if (expected && !opened) failures.Add($"{role} should open {url} but got {(int)response.StatusCode} {location}");
                if (!expected && !refused) failures.Add($"{role} should be refused {url} but got {(int)response.StatusCode} {location}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // ---- Handlers ----------------------------------------------------------------------------------------------

    internal sealed record Ids(int ClientId, int MandateId, int NeedId, int ConsentId, int SipId, int FaultId, int CategoryId, int ActorId,
        int MunicipalityId, string OmbudId, string Ombud2Id, int SteeringMemberId, int SurveyRoundId)
    {
        /// <summary>The demo Regional uppföljare's account (a grant's subject).</summary>
        public string RegionId { get; init; } = "";
    }

    internal sealed record Probe(string Method, string[] Allowed, Func<HostScope, Ids, Task<object?>> Call);

    /// <summary>The backup probe: a full copy of the test database is deleted again, never left in the temp folder.</summary>
    private static async Task<BackupDatabase.Result> BackUpAndDeleteAsync(BackupDatabase.Handler h, Ids _)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ombud-matrix-{Guid.NewGuid():N}.db");
        try { return await h.HandleAsync(file); }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm", file + "-journal" }) File.Delete(f);
        }
    }

    private static Probe P<THandler>(string method, string[] allowed, Func<THandler, Ids, Task> call) where THandler : notnull =>
        new($"{typeof(THandler).DeclaringType!.Name}.{method}", allowed, async (s, ids) =>
        {
            var task = call(s.Get<THandler>(), ids);
            await task;
            // Task<T>: the result, to tell "nothing for you" (null, empty) from data.
            return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : "done";
        });

    private static readonly string[] OmbudOnly = ["ombud"];
    private static readonly string[] LeadOnly = ["chef"];
    private static readonly string[] AdminOnly = ["admin"];
    private static readonly string[] LeadAndAdmin = ["chef", "admin"];
    private static readonly string[] Everyone = ["ombud", "chef", "admin"];
    private static readonly string[] NotRegion = ["ombud", "chef", "admin", "sysadmin"];

    private static readonly Ombud.Web.Features.Import.ImportMandates.Command ImportProbe =
        new("tom.csv", System.Text.Encoding.UTF8.GetBytes("Klientkod;Startdatum\n"), DryRun: true);

    private static DateTime Today => SwedishDate.TodayAsDateTime.AddDays(-1); // yesterday in Swedish time: safely "not in the future"

    /// <summary>Also run through the SQL Server provider without a server (<c>SqlServer/SqlServerTranslationTests</c>).</summary>
    internal static IEnumerable<Probe> Probes() =>
    [
        // Clients: the ombud's own only.
        P<GetClient.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(x.ClientId)),
        P<ListMyClients.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(new ListMyClients.Query())),
        P<RegisterClient.Handler>("HandleAsync", OmbudOnly,
            (h, x) => h.HandleAsync(new RegisterClient.Command { MunicipalityId = x.MunicipalityId })),
        P<EditClient.Handler>("HandleAsync", OmbudOnly,
            (h, x) => h.HandleAsync(new EditClient.Command { ClientId = x.ClientId, MunicipalityId = x.MunicipalityId })),
        // The ombud's client is open: "already open".
        P<OpenMandate.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(new OpenMandate.Command
        {
            ClientId = x.ClientId, RegisteredOn = Today, StartDate = Today, ReferralPathId = 1, ContactReasonIds = [1],
        })),
        P<ChangeMandateStatus.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(new ChangeMandateStatus.Command
        {
            MandateId = x.MandateId, Change = ChangeMandateStatus.Change.Pause, Date = Today,
        })),
        P<CloseMandate.Handler>("HandleAsync", OmbudOnly,
            (h, x) => h.HandleAsync(new CloseMandate.Command { MandateId = x.MandateId, ClosedOn = Today })),
        P<CloseMandate.Handler>("ListOpenWorkAsync", OmbudOnly, (h, x) => h.ListOpenWorkAsync(x.MandateId)),
        P<EraseClient.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(x.ClientId)),
        // Operator work: the sweep, the command line, or an admin.
        P<PurgeExpired.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync()),
        P<SaveNeed.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(new SaveNeed.Command
        {
            MandateId = x.MandateId, LifeAreaId = x.CategoryId, ClientWords = "Vill ha stöd", IdentifiedOn = Today,
        })),
        P<SaveContact.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(new SaveContact.Command
        {
            MandateId = x.MandateId, ActorId = x.ActorId, Date = Today, ConfirmWithoutConsent = true,
        })),
        P<SaveConsent.Handler>("HandleAsync", OmbudOnly,
            (h, x) => h.HandleAsync(new SaveConsent.Command { MandateId = x.MandateId, ActorId = x.ActorId, GivenOn = Today })),
        P<WithdrawConsent.Handler>("HandleAsync", OmbudOnly,
            (h, x) => h.HandleAsync(new WithdrawConsent.Command(x.MandateId, x.ConsentId, DateOnly.FromDateTime(Today)))),
        P<ListDueItems.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync()),
        // SIP
        P<GetSipMeeting.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(new GetSipMeeting.Query(x.ClientId, x.SipId))),
        P<SaveSipMeeting.Handler>("HandleAsync", OmbudOnly,
            (h, x) => h.HandleAsync(new SaveSipMeeting.Command { MandateId = x.MandateId, Date = Today })),
        P<GetSipSummary.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(x.ClientId, x.SipId)),
        P<LoadSipPanel.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(x.MandateId)),
        // System faults: the whole unit reads; ombud report.
        P<ListFaults.Handler>("HandleAsync", Everyone, (h, x) => h.HandleAsync(new ListFaults.Query(new FaultFilter()))),
        P<GetFault.Handler>("HandleAsync", Everyone, (h, x) => h.HandleAsync(x.FaultId)),
        P<ExportFaults.Handler>("HandleAsync", Everyone, (h, x) => h.HandleAsync(new FaultFilter())),
        P<ListLinkableNeeds.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync()),
        P<SaveFault.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(new SaveFault.Command
        {
            Date = Today, CategoryId = x.CategoryId, Level = FaultLevel.Local, Description = "Lång väntetid",
        })),
        P<ChangeFaultStatus.Handler>("HandleAsync", Everyone,
            (h, x) => h.HandleAsync(new ChangeFaultStatus.Command { FaultId = x.FaultId })),
        P<DeleteFault.Handler>("HandleAsync", OmbudOnly, (h, x) => h.HandleAsync(x.FaultId)),
        // Steering group: lead and admin keep it, ombud view it.
        P<ListSteeringGroup.Handler>("HandleAsync", Everyone, (h, x) => h.HandleAsync()),
        P<SummariseSteeringGroupYear.Handler>("HandleAsync", Everyone,
            (h, x) => h.HandleAsync(new SummariseSteeringGroupYear.Query(SwedishDate.Today.Year))),
        P<SaveMember.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(new SaveMember.Command())),
        P<SaveMeeting.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(new SaveMeeting.Command())),
        new("DeleteSteeringGroupEntry.HandleAsync", LeadAndAdmin, async (s, x) =>
        {
            // Each allowed role deletes a member of its own making; a refused role is stopped at the first step.
            var id = await s.Get<SaveMember.Handler>().HandleAsync(new SaveMember.Command
            {
                Organisation = "Regionen", PersonName = "Testperson", Role = "Ledamot", From = Today,
            });
            await s.Get<DeleteSteeringGroupEntry.Handler>().HandleAsync(DeleteSteeringGroupEntry.Entry.Member, id);
            return "done";
        }),
        // Caseload and report: counts for the lead.
        P<ReviewCaseload.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync()),
        P<ReviewCaseload.Handler>("ReviewAsync", LeadAndAdmin, (h, x) => h.ReviewAsync(new ReviewCaseload.Query())),
        P<ListWaitingList.Handler>("HandleAsync", LeadOnly, (h, x) => h.HandleAsync(new ListWaitingList.Query())),
        P<AddToWaitingList.Handler>("HandleAsync", LeadOnly, (h, x) => h.HandleAsync(new AddToWaitingList.Command())),
        P<AssignFromWaitingList.Handler>("HandleAsync", LeadOnly,
            (h, x) => h.HandleAsync(new AssignFromWaitingList.Command { ClientId = x.ClientId })),
        P<ReassignClients.Handler>("OmbudAsync", LeadOnly, (h, x) => h.OmbudAsync()),
        P<ReassignClients.Handler>("ClientsOfAsync", LeadOnly, (h, x) => h.ClientsOfAsync(x.OmbudId)),
        P<ReassignClients.Handler>("HandleAsync", LeadOnly, (h, x) => h.HandleAsync(new ReassignClients.Command())),
        P<AnnualStatistics.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(SwedishDate.Today.Year, null)),
        P<YearReport.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(SwedishDate.Today.Year - 1, null)),
        P<ExportYearReport.Handler>("HandleAsync", LeadAndAdmin,
            (h, x) => h.HandleAsync(SwedishDate.Today.Year - 1, null, ExportYearReport.Format.Csv)),
        // Operator work: the command line, or an admin.
        P<OperatorYearReport.Handler>("HandleAsync", AdminOnly,
            (h, x) => h.HandleAsync(new OperatorYearReport.Query(SwedishDate.Today.Year - 1))),
        P<SaveFte.Handler>("HandleAsync", LeadAndAdmin,
            (h, x) => h.HandleAsync(new SaveFte.Command { Year = SwedishDate.Today.Year - 1, Fte = 2.5m })),
        P<SaveMunicipalityPosts.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(new SaveMunicipalityPosts.Command
        {
            Year = SwedishDate.Today.Year - 1, Posts = [new() { MunicipalityId = x.MunicipalityId, Posts = 1.5m }],
        })),
        P<SubmitYearReport.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(SwedishDate.Today.Year - 2)),
        P<GetAnnualNarrative.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(SwedishDate.Today.Year - 1)),
        P<GetAnnualNarrative.Handler>("IntroductionAsync", LeadAndAdmin, (h, x) => h.IntroductionAsync(SwedishDate.Today.Year - 1)),
        P<SaveAnnualNarrative.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(new SaveAnnualNarrative.Command())),
        P<GetYearReportSubmission.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(SwedishDate.Today.Year - 2)),
        // Import: the page for lead and admin; the command-line entry for nobody signed in.
        P<Ombud.Web.Features.Import.ImportMandates.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(ImportProbe)),
        P<Ombud.Web.Features.Import.ImportMandates.Handler>("HandleForCommandLineAsync", [],
            (h, x) => h.HandleForCommandLineAsync(ImportProbe)),
        // Admin
        P<ListCategories.Handler>("HandleAsync", SystemAdmins,
            (h, x) => h.HandleAsync(new ListCategories.Query(CategoryKind.ContactReason))),
        P<SaveCategory.Handler>("HandleAsync", SystemAdmins, (h, x) => h.HandleAsync(new SaveCategory.Command())),
        P<EndCategory.Handler>("HandleAsync", SystemAdmins, (h, x) => h.HandleAsync(new EndCategory.Command { Id = x.CategoryId })),
        P<DeleteCategory.Handler>("HandleAsync", SystemAdmins, (h, x) => h.HandleAsync(new DeleteCategory.Command(x.CategoryId))),
        P<GetUnit.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync()),
        P<SaveUnit.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync(new SaveUnit.Command())),
        P<SaveMunicipality.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync(new SaveMunicipality.Command())),
        P<DeleteMunicipality.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync(new DeleteMunicipality.Command(x.MunicipalityId))),
        P<SetMunicipalityActive.Handler>("HandleAsync", AdminOnly,
            (h, x) => h.HandleAsync(new SetMunicipalityActive.Command(x.MunicipalityId, true))),
        P<ListActors.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync(new ListActors.Query())),
        P<SaveActor.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync(new SaveActor.Command())),
        P<SetActorActive.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync(new SetActorActive.Command(x.ActorId, true))),
        P<SearchAuditLog.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync(new SearchAuditLog.Query())),
        P<SearchAuditLog.Handler>("ExportCsvAsync", AdminOnly, (h, x) => h.ExportCsvAsync(new SearchAuditLog.Query())),
        P<GenerateDemoData.Handler>("HandleAsync", [], (h, x) => h.HandleAsync(new DemoGenerator.Profile(1, 1, 1))),
        // Installation set-up: the command line or a Systemadministratör (the demo admin holds the role too), never a unit's own roles.
        P<ListUnits.Handler>("HandleAsync", SystemAdmins, (h, x) => h.HandleAsync()),
        P<AddUnit.Handler>("HandleAsync", SystemAdmins,
            (h, x) => h.HandleAsync(new AddUnit.Command { Name = "Matrisenheten", Municipalities = ["Matrisby"] })),
        P<AddAccount.Handler>("HandleAsync", SystemAdmins, (h, x) => h.HandleAsync(new AddAccount.Command
            { UnitId = 1, UserName = "matris.konto", DisplayName = "Matris", Role = Roles.Admin, Password = "Matris-losen-2026" })),
        P<BackupDatabase.Handler>("HandleAsync", SystemAdmins, BackUpAndDeleteAsync),
        // The Regional uppföljare's accounts and grants: the Systemadministratör's (or the command line's).
        P<ListRegionalViewers.Handler>("HandleAsync", SystemAdmins, (h, x) => h.HandleAsync()),
        // an open account opened again changes nothing; an empty password is refused by the validator after the access check
        P<SetRegionalViewerActive.Handler>("HandleAsync", SystemAdmins, (h, x) => h.HandleAsync(x.RegionId, true)),
        P<ResetRegionalViewerPassword.Handler>("HandleAsync", SystemAdmins,
            (h, x) => h.HandleAsync(new ResetRegionalViewerPassword.Command { UserId = x.RegionId })),
        P<SetRegionalGrant.Handler>("HandleAsync", SystemAdmins,
            (h, x) => h.HandleAsync(new SetRegionalGrant.Command(x.RegionId, 1, true))),
        // The regional roll-up: the Regional uppföljare only (the granted units); every unit side by side only from the command line.
        P<RollUpYearReport.Handler>("HandleAsync", ["region"], (h, x) => h.HandleAsync(SwedishDate.Today.Year - 1)),
        P<ExportRollUp.Handler>("HandleAsync", ["region"], (h, x) => h.HandleAsync(SwedishDate.Today.Year - 1)),
        P<OperatorYearReport.Handler>("RollUpAsync", [], (h, x) => h.RollUpAsync(SwedishDate.Today.Year - 1, 3)),
        P<ListUsers.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync(new ListUsers.Query())),
        P<SaveUser.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync(new SaveUser.Command())),
        P<SetUserActive.Handler>("HandleAsync", AdminOnly, (h, x) => h.HandleAsync(x.Ombud2Id, true)),
        P<ListDataSubjectRequests.Handler>("ListAsync", AdminOnly, (h, x) => h.ListAsync()),
        P<ProduceRegisterExtract.Handler>("HandleAsync", AdminOnly,
            (h, x) => h.HandleAsync(new ListDataSubjectRequests.Command { ClientCode = "X", ReceivedOn = Today, Note = "Brev" })),
        P<EraseClientOnRequest.Handler>("HandleAsync", AdminOnly,
            (h, x) => h.HandleAsync(new ListDataSubjectRequests.Command { ClientCode = "X", ReceivedOn = Today, Note = "Brev" })),
        // Brukarundersökning: lead and admin keep rounds and codes, the lead reviews texts, staff enter paper forms and read
        // the (anonymous) results; the answer page is public (a one-time code, no sign-in).
        P<ListSurveys.Handler>("HandleAsync", Everyone, (h, x) => h.HandleAsync()),
        P<GetSurveyResults.Handler>("HandleAsync", Everyone, (h, x) => h.HandleAsync(x.SurveyRoundId)),
        P<GetSurveyForm.Handler>("ForRoundAsync", Everyone, (h, x) => h.ForRoundAsync(x.SurveyRoundId)),
        P<GetSurveyForm.Handler>("ForCodeAsync", All, (h, x) => h.ForCodeAsync("ABCDE-FGHJK")),
        P<SubmitSurveyAnswers.Handler>("HandleAsync", All, (h, x) => h.HandleAsync(new SubmitSurveyAnswers.Command("ABCDE-FGHJK", []))),
        P<EnterPaperForm.Handler>("HandleAsync", Everyone, (h, x) => h.HandleAsync(new EnterPaperForm.Command(x.SurveyRoundId, 0, []))),
        P<SaveSurveyRound.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(new SaveSurveyRound.Command())),
        P<CreateSurveyCodes.Handler>("HandleAsync", LeadAndAdmin,
            (h, x) => h.HandleAsync(new CreateSurveyCodes.Command(x.SurveyRoundId, 0))),
        P<CopySurveyTemplate.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(new CopySurveyTemplate.Command(0, ""))),
        P<SaveSurveyTemplate.Handler>("HandleAsync", LeadAndAdmin, (h, x) => h.HandleAsync(new SaveSurveyTemplate.Command())),
        P<ExportSurveyResults.Handler>("HandleAsync", Everyone, (h, x) => h.HandleAsync(x.SurveyRoundId)),
        new("GetSurveyTemplate.HandleAsync", Everyone, async (s, x) =>
        {
            await using var db = await s.DbAsync();
            var shared = await db.SurveyTemplates.Where(t => t.UnitId == null).Select(t => t.Id).FirstAsync();
            return await s.Get<GetSurveyTemplate.Handler>().HandleAsync(shared);
        }),
        P<ReviewSurveyText.Handler>("ListAsync", LeadOnly, (h, x) => h.ListAsync(x.SurveyRoundId)),
        new("ReviewSurveyText.HandleAsync", LeadOnly, async (s, x) =>
        {
            // The demo round has a text held for review: the lead keeps it; everyone else is stopped at the list.
            var review = s.Get<ReviewSurveyText.Handler>();
            var pending = await review.ListAsync(x.SurveyRoundId);
            if (pending.Count == 0) return null;
            await review.HandleAsync(new ReviewSurveyText.Command(pending[0].AnswerId, ReviewSurveyText.Decision.Keep));
            return "done";
        }),
        // Sign-in: before anyone is signed in (the login page), so open to all; it reveals nothing (SignInTests).
        P<Ombud.Web.Features.Account.SignInWithPassword.Handler>("HandleAsync", All,
            (h, x) => h.HandleAsync("ingen.sadan", "fel-losenord-1", "matris")),
        // Pick lists: any signed-in user but the Regional uppföljare (the shared categories, the own unit's actors and
        // municipalities; no client data).
        P<Lookups.Handler>("CategoriesAsync", NotRegion, (h, x) => h.CategoriesAsync(CategoryKind.ContactReason, null)),
        P<Lookups.Handler>("ActorsAsync", NotRegion, (h, x) => h.ActorsAsync()),
        P<Lookups.Handler>("MunicipalitiesAsync", NotRegion, (h, x) => h.MunicipalitiesAsync()),
        P<Lookups.Handler>("SteeringGroupMeetingsAsync", NotRegion, (h, x) => h.SteeringGroupMeetingsAsync()),
    ];


    [Fact]
    public void Every_public_handler_method_has_a_probe()
    {
        var handlerMethods = typeof(Ombud.Web.Data.OmbudDbContext).Assembly.GetTypes()
            .Where(t => t.Name == "Handler" && t.IsNested && t.Namespace!.StartsWith("Ombud.Web.Features"))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
                .Select(m => $"{t.DeclaringType!.Name}.{m.Name}"))
            .Distinct().ToList();
        var probed = Probes().Select(p => p.Method).ToHashSet();
        var missing = handlerMethods.Where(m => !probed.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "Handler methods without an access probe: " + string.Join(", ", missing));
    }

    internal enum Outcome { Done, Nothing, Invalid, RuleSaysNo, Denied }

    /// <summary>Null, an empty list, or a result whose Rows/Items are empty: the handler gave this user nothing.</summary>
    internal static bool IsNothing(object? result) => result switch
    {
        null => true,
        string => false,
        System.Collections.IEnumerable e => !e.Cast<object>().Any(),
        _ => result.GetType().GetProperty("Rows")?.GetValue(result) is System.Collections.IEnumerable rows
                && !rows.Cast<object>().Any()
             || result.GetType().GetProperty("Items")?.GetValue(result) is System.Collections.IEnumerable items
                && !items.Cast<object>().Any(),
    };

    internal static Outcome Classify(Exception? ex, object? result) => ex switch
    {
        null => IsNothing(result) ? Outcome.Nothing : Outcome.Done,
        NotFoundOrForbiddenException => Outcome.Denied,
        DomainException d when d.Message.StartsWith("Bara ") || d.Message.Contains("saknar behörighet") => Outcome.Denied,
        ValidationException => Outcome.Invalid,
        DomainException => Outcome.RuleSaysNo,
        _ => throw new InvalidOperationException("Unexpected exception from a probe", ex),
    };

    /// <summary>Reads where "nothing" is the refusal (no exception): the ombud must get data, everyone else nothing.</summary>
    private static readonly HashSet<string> ReadsOwnClients =
    [
        "GetClient.HandleAsync",
        "ListMyClients.HandleAsync",
        "GetSipMeeting.HandleAsync",
        "GetSipSummary.HandleAsync",
        "LoadSipPanel.HandleAsync",
    ];

    /// <summary>The demo data's ids the probes act on (the ombud's own client, mandate, SIP meeting, ...).</summary>
    /// <summary>
    /// The record ids a probe needs, from the unit of <paramref name="ombud"/> (UnitIsolationTests takes another unit's).
    /// </summary>
    internal static async Task<Ids> LoadIdsAsync(OmbudAppFactory app, string ombud = "ombud", string ombud2 = "ombud2")
    {
        await using (var scope = await HostScope.AsAsync(app, ombud))
        await using (var db = await scope.DbAsync())
        {
            var me = scope.User.Id;
            var unit = scope.User.UnitId;
            var mandate = await db.Mandates
                .Where(m => m.OmbudId == me && m.Status == MandateStatus.Active && m.Consents.Any() && m.Needs.Any())
                .Select(m => new
                {
                    m.Id,
                    m.ClientId,
                    Consent = m.Consents.Select(c => c.Id).First(),
                    Need = m.Needs.Select(n => n.Id).First(),
                })
                .FirstAsync();
            var sip = await db.SipMeetings.Where(s => s.Mandate!.OmbudId == me).Select(s => new { s.Id, s.Mandate!.ClientId }).FirstAsync();
            return new Ids(sip.ClientId, mandate.Id, mandate.Need, mandate.Consent, sip.Id,
                await db.SystemFaults.Where(f => f.ReportedById == me).Select(f => f.Id).FirstAsync(),
                await db.Categories.Where(c => c.Kind == CategoryKind.LifeArea).Select(c => c.Id).FirstAsync(),
                await db.Actors.Where(a => a.UnitId == unit).Select(a => a.Id).FirstAsync(),
                await db.Municipalities.Where(m => m.UnitId == unit).Select(m => m.Id).FirstAsync(),
                me, await db.Users.Where(u => u.UserName == ombud2).Select(u => u.Id).FirstAsync(),
                await db.SteeringGroupMembers.Where(m => m.UnitId == unit).Select(m => m.Id).FirstAsync(),
                await db.SurveyRounds.Where(r => r.UnitId == unit).Select(r => r.Id).FirstAsync())
            { RegionId = await db.Users.Where(u => u.UserName == "region").Select(u => u.Id).FirstAsync() };
        }
    }

    [Fact]
    public async Task Every_handler_refuses_the_roles_outside_its_set_and_serves_the_roles_inside()
    {
        var ids = await LoadIdsAsync(app);
        var failures = new List<string>();
        var cells = 0;
        // Denied roles first, so that an allowed call (which may change data) cannot hide a refusal.
        foreach (var probe in Probes())
            foreach (var role in Users.OrderBy(r => probe.Allowed.Contains(r)))
            {
                await using var scope = await HostScope.AsAsync(app, role);
                Exception? error = null;
                object? result = null;
                try { result = await probe.Call(scope, ids); } catch (Exception ex) { error = ex; }
                var outcome = Classify(error, result);
                cells++;
                if (probe.Allowed.Contains(role))
                {
                    if (outcome == Outcome.Denied) failures.Add($"{role} should reach {probe.Method} but was refused: {error!.Message}");
                    if (role == "ombud" && outcome == Outcome.Nothing && ReadsOwnClients.Contains(probe.Method))
                        failures.Add($"ombud should get own data from {probe.Method} but got nothing");
                }
                else if (outcome is Outcome.Done or Outcome.RuleSaysNo)
                {
                    failures.Add($"{role} must be refused {probe.Method} but got {outcome}{(error is null ? "" : ": " + error.Message)}");
                }
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Probes().Count() * Users.Length, cells);
    }
}

/// <summary>
/// The installation's set-up (units and their first accounts) as the Systemadministratör and as the command line (nobody
/// signed in): allowed; the matrix above shows the unit roles refused. A fixture of its own: this adds units.
/// </summary>
public class SystemAdminAccessTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Fact]
    public async Task The_command_line_and_a_Systemadministratör_add_units_and_accounts_and_a_units_admin_cannot()
    {
        // The command line: nobody signed in.
        int unitId;
        await using (var operatorScope = app.Services.CreateAsyncScope())
        {
            var sp = operatorScope.ServiceProvider;
            unitId = await sp.GetRequiredService<AddUnit.Handler>()
                .HandleAsync(new AddUnit.Command { Name = "Stadsdel Norr", Municipalities = ["Kista"] });
            await sp.GetRequiredService<AddAccount.Handler>().HandleAsync(new AddAccount.Command
            { UnitId = unitId, UserName = "sysadm", DisplayName = "Sys Adm", Role = Roles.SystemAdmin, Password = "Sys-adm-losen-2026" });
        }

        await using var sys = await HostScope.AsAsync(app, "sysadm");
        Assert.Contains(Roles.SystemAdmin, sys.User.Roles);
        var south = await sys.Get<AddUnit.Handler>()
            .HandleAsync(new AddUnit.Command { Name = "Stadsdel Söder", Municipalities = ["Farsta", "Enskede"] });
        await sys.Get<AddAccount.Handler>().HandleAsync(new AddAccount.Command
        { UnitId = south, UserName = "soder.admin", DisplayName = "Söders admin", Role = Roles.Admin, Password = "Soder-admin-2026" });
        var units = await sys.Get<ListUnits.Handler>().HandleAsync();
        Assert.Equal(["Farsta", "Enskede"], units.Single(u => u.Id == south).Municipalities);
        Assert.Equal(1, units.Single(u => u.Id == south).Users);
        Assert.Equal(1, units.Single(u => u.Id == unitId).Users);

        var taken = await Assert.ThrowsAsync<DomainException>(() =>
            sys.Get<AddUnit.Handler>().HandleAsync(new AddUnit.Command { Name = "stadsdel söder", Municipalities = ["X"] }));
        Assert.Contains("finns redan", taken.Message);

        // The new unit's admin is a unit admin: no installation set-up.
        await using var southAdmin = await HostScope.AsAsync(app, "soder.admin");
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            southAdmin.Get<AddUnit.Handler>().HandleAsync(new AddUnit.Command { Name = "Egen enhet", Municipalities = ["Y"] }));
        Assert.StartsWith("Bara systemadministratörer", refused.Message);
        await Assert.ThrowsAsync<DomainException>(() => southAdmin.Get<ListUnits.Handler>().HandleAsync());

        // Operator work as a signed-in admin stays in the admin's own unit: another unit, or all of them, is refused.
        await using var demoAdmin = await HostScope.AsAsync(app, "admin");
        var year = SwedishDate.Today.Year - 1;
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() =>
            demoAdmin.Get<OperatorYearReport.Handler>().HandleAsync(new OperatorYearReport.Query(year, UnitId: south)));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => demoAdmin.Get<PurgeExpired.Handler>().HandleAsync(south));
        var allUnits = await Assert.ThrowsAsync<DomainException>(() =>
            demoAdmin.Get<OperatorYearReport.Handler>().HandleAsync(new OperatorYearReport.Query(year, AllUnits: true)));
        Assert.StartsWith("Bara kommandoraden", allUnits.Message);
        var own = await demoAdmin.Get<OperatorYearReport.Handler>().HandleAsync(new OperatorYearReport.Query(year));
        await using var db = await demoAdmin.DbAsync();
        Assert.Equal(demoAdmin.User.UnitId, (await db.Units.SingleAsync(u => u.Name == own.Header.Unit)).Id);
        Assert.True(own.Current.Clients.Total > 0);
    }
}
