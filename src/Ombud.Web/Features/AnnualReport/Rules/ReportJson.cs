using System.Text.Json;
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
        IReadOnlyDictionary<string, int> ContactReasons, IReadOnlyDictionary<string, int> ReferralPaths, IReadOnlyDictionary<string, int> ClosureReasons,
        Faults SystemFaults, int SteeringGroupMeetings, IReadOnlyList<string> SteeringGroupOrganisations, decimal? Fte)
    {
        /// <summary>The previous year's figures in the same shape (without a previousYear of their own).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Report? PreviousYear { get; init; }
    }

    private sealed record Faults(int Total, IReadOnlyDictionary<string, int> ByCategory, IReadOnlyDictionary<string, int> ByLevel);

    private static Gendered G(AnnualStatistics.ByGender g) => new(g.Total, g.Women, g.Men, g.Other, g.Unknown);

    private static Report Of(AnnualStatistics.Figures f, string? municipality) =>
        new(f.Year, municipality, G(f.Clients), G(f.NewClients), G(f.ClosedClients), G(f.ActiveAtYearEnd), f.AgeGroups,
            f.ClientsWithChildrenAtHome, f.ContactReasons, f.ReferralPaths, f.ClosureReasons,
            new Faults(f.SystemFaults.Total, f.SystemFaults.ByCategory, f.SystemFaults.ByLevel), f.SteeringGroupMeetings, f.SteeringGroupOrganisations, f.Fte);

    /// <summary>One year's figures (<c>fte</c> is null when not entered).</summary>
    public static string Serialize(AnnualStatistics.Figures f, string? municipality) => JsonSerializer.Serialize(Of(f, municipality), Options);

    /// <summary>The report with the previous year's figures under <c>previousYear</c>.</summary>
    public static string Serialize(YearReport.Report r) =>
        JsonSerializer.Serialize(Of(r.Current, r.Header.Municipality) with { PreviousYear = Of(r.Previous, r.Header.Municipality) }, Options);
}
