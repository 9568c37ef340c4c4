using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ombud.Web.Features.AnnualReport;

/// <summary>The documented JSON shape of the yearly report (docs/statistics.md), shared by the command line and tests.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // å, ä, ö as themselves
    };

    private sealed record Gendered(int Total, int Women, int Men, int Other, int Unknown);

    private sealed record Report(int Year, string? Municipality, Gendered Clients, Gendered NewClients, Gendered ClosedClients,
        Gendered ActiveAtYearEnd, IReadOnlyDictionary<string, int> AgeGroups, int ClientsWithChildrenAtHome,
        IReadOnlyDictionary<string, int> ContactReasons, IReadOnlyDictionary<string, int> ReferralPaths,
        IReadOnlyDictionary<string, int> ClosureReasons,
        Faults SystemFaults, int SteeringGroupMeetings, IReadOnlyList<string> SteeringGroupOrganisations, decimal? Fte)
    {
        public Sip? Sip { get; init; }
        public IReadOnlyDictionary<string, int>? NeedsByLifeArea { get; init; }
        public NeedOutcomes? NeedOutcomes { get; init; }
        public IReadOnlyDictionary<string, int>? ActorTypes { get; init; }
        public IReadOnlyDictionary<string, int>? HelpKinds { get; init; }
        public MandateLength? MandateLength { get; init; }
        public WaitingTime? WaitingTime { get; init; }
        public IReadOnlyDictionary<string, int>? AfterMandate { get; init; }
        public int ClientsBridgedToPeerSupport { get; init; }
        /// <summary>The municipalities served and their posts (årsarbetare), null when not entered.</summary>
        public IReadOnlyDictionary<string, decimal?>? PostsPerMunicipality { get; init; }

        /// <summary>The previous year's figures in the same shape (without a previousYear of their own).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Report? PreviousYear { get; init; }
    }

    private sealed record Sip(int Clients, int MeetingsHeld, int MeetingsWithOmbud);

    private sealed record NeedOutcomes(int Met, int PartlyMet, int NotMet, int Ongoing);

    private sealed record MandateLength(
        int ClosedMandates, decimal? MedianMonths, decimal? LowerQuartileMonths, decimal? UpperQuartileMonths);

    private sealed record WaitingTime(int StartedMandates, decimal? MedianDays);

    private sealed record Faults(int Total, IReadOnlyDictionary<string, int> ByCategory, IReadOnlyDictionary<string, int> ByLevel);

    private static Gendered G(AnnualStatistics.ByGender g) => new(g.Total, g.Women, g.Men, g.Other, g.Unknown);

    private static Report Of(AnnualStatistics.Figures f, string? municipality) =>
        new(f.Year, municipality, G(f.Clients), G(f.NewClients), G(f.ClosedClients), G(f.ActiveAtYearEnd), f.AgeGroups,
            f.ClientsWithChildrenAtHome, f.ContactReasons, f.ReferralPaths, f.ClosureReasons,
            new Faults(f.SystemFaults.Total, f.SystemFaults.ByCategory, f.SystemFaults.ByLevel),
            f.SteeringGroupMeetings, f.SteeringGroupOrganisations, f.Fte)
        {
            Sip = new Sip(f.Activity.Sip.Clients, f.Activity.Sip.MeetingsHeld, f.Activity.Sip.MeetingsWithOmbud),
            NeedsByLifeArea = f.Activity.NeedsByLifeArea,
            NeedOutcomes = new NeedOutcomes(f.Activity.NeedOutcomes.Met, f.Activity.NeedOutcomes.PartlyMet, f.Activity.NeedOutcomes.NotMet,
                f.Activity.NeedOutcomes.Ongoing),
            ActorTypes = f.Activity.ActorTypes,
            HelpKinds = f.Activity.HelpKinds,
            MandateLength = new MandateLength(f.Activity.Durations.ClosedMandateMonths.Count, f.Activity.Durations.MedianMonths,
                f.Activity.Durations.LowerQuartileMonths, f.Activity.Durations.UpperQuartileMonths),
            WaitingTime = new WaitingTime(f.Activity.Durations.WaitingDays.Count, f.Activity.Durations.MedianWaitingDays),
            AfterMandate = f.AfterMandate,
            ClientsBridgedToPeerSupport = f.ClientsBridgedToPeerSupport,
            PostsPerMunicipality = f.Posts.ToDictionary(p => p.Name, p => p.Posts),
        };

    /// <summary>One year's figures (<c>fte</c> is null when not entered).</summary>
    public static string Serialize(AnnualStatistics.Figures f, string? municipality) =>
        JsonSerializer.Serialize(Of(f, municipality), Options);

    /// <summary>
    /// The report with the previous year's figures under <c>previousYear</c>. In publication mode every suppressed count
    /// (and a median resting on too few mandates) is <c>null</c>, and a top-level <c>publication</c> object names the
    /// threshold: <c>{"threshold": 3}</c>.
    /// </summary>
    public static string Serialize(YearReport.Report r)
    {
        var report = Of(r.Current, r.Header.Municipality) with { PreviousYear = Of(r.Previous, r.Header.Municipality) };
        if (r.Header.PublicationThreshold is not { } threshold)
        {
            return r.Surveys is null
                ? JsonSerializer.Serialize(report, Options)
                : WithSurveys(JsonSerializer.SerializeToNode(report, Options)!.AsObject(), r);
        }

        var root = JsonSerializer.SerializeToNode(report, Options)!.AsObject();
        var previous = root["previousYear"]!.AsObject();
        foreach (var t in r.Tables)
            foreach (var row in t.Rows)
            {
                if (row.ValueSuppressed) Null(root, t, row);
                if (row.PreviousSuppressed) Null(previous, t, row);
            }
        root["publication"] = new JsonObject { ["threshold"] = threshold };
        return WithSurveys(root, r);
    }

    /// <summary>
    /// The top-level <c>surveys</c> key (just before <c>previousYear</c>): the brukarundersökning rounds of the year
    /// (<see cref="YearSurveys"/>), an array, empty when none closed in the year; left out when the report has none
    /// loaded (the submitted snapshot, all units).
    /// </summary>
    private static string WithSurveys(JsonObject root, YearReport.Report r)
    {
        // before previousYear, so that previousYear stays the last key of the year's figures
        if (r.Surveys is { } surveys)
        {
            var node = JsonSerializer.SerializeToNode(surveys.Select(SurveyOf).ToList(), Options);
            root.Insert(root.IndexOf("previousYear"), "surveys", node);
        }
        return root.ToJsonString(Options);
    }

    private sealed record SurveyRound(string Name, DateOnly OpensOn, DateOnly ClosesOn, int? Answers, int? WebAnswers, int? PaperAnswers,
        int? FormsHandedOut, int? PossibleRespondents, int? NotAsked, string? NotAskedReason, SurveyRate ResponseRate,
        IReadOnlyList<YearSurveys.Question> Questions, IReadOnlyList<SurveyBreakdown> Breakdowns);

    /// <summary>Answers in percent of the possible respondents and of the forms handed out.</summary>
    private sealed record SurveyRate(decimal? OfPossibleRespondents, decimal? OfFormsHandedOut);

    private sealed record SurveyBreakdown(string By, bool Shown, string? Note, IReadOnlyList<string> Groups, IReadOnlyList<int> GroupSizes,
        IReadOnlyList<Surveys.GetSurveyResults.BreakdownRow> Rows);

    private static SurveyRound SurveyOf(YearSurveys.Round s) =>
        new(s.Name, s.OpensOn, s.ClosesOn, s.Answers, s.WebAnswers, s.PaperAnswers, s.FormsHandedOut, s.PossibleRespondents, s.NotAsked,
            s.NotAskedReason, new SurveyRate(s.RateOfPossible, s.RateOfHandedOut), s.Questions,
            s.Breakdowns.Select(b => new SurveyBreakdown(b.By, b.Shown, b.Note, b.Groups, b.GroupSizes, b.Rows)).ToList());

    private static void Null(JsonObject year, YearReport.Table table, YearReport.Row row)
    {
        var target = table.JsonKey is null ? year : year[table.JsonKey] as JsonObject;
        if (target is not null && target.ContainsKey(row.JsonName)) target[row.JsonName] = null;
    }
}
