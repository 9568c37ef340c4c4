using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Ombud.Web.Data;
using Ombud.Web.Domain;
using Ombud.Web.Features.AnnualReport;

namespace Ombud.Benchmarks;

/// <summary>
/// A hand-written SQL lower bound for the client figures of the yearly report (<see cref="AnnualStatistics.Compute"/>):
/// the same numbers from one round trip of two statements that let the database do all the grouping, returning a few
/// dozen rows. The benchmark compares the app's report with it; a test checks both give the same figures.
/// Plain SQL that both SQLite and SQL Server run (window function, CTEs).
/// </summary>
public static class ReportSqlBound
{
    private const string During = """
        WITH d AS (
          SELECT m.Id, m.ClientId, m.StartDate, m.ClosedOn, m.ClosureReasonId, m.ReferralPathId, m.AfterMandateId
          FROM Mandates m JOIN Clients c ON c.Id = m.ClientId
          WHERE c.UnitId = @unit /*muni*/
            AND m.StartDate IS NOT NULL AND m.StartDate <= @last AND (m.ClosedOn IS NULL OR m.ClosedOn >= @first)
        ), per AS (
          SELECT ClientId,
            MAX(CASE WHEN ClosedOn IS NULL OR ClosedOn > @last THEN 1 ELSE 0 END) AS AtEnd,
            MAX(CASE WHEN StartDate >= @first THEN 1 ELSE 0 END) AS IsNew,
            MAX(CASE WHEN ClosedOn >= @first AND ClosedOn <= @last THEN 1 ELSE 0 END) AS ClosedIn
          FROM d GROUP BY ClientId
        )
        """;

    private static readonly string Sql = During + """
        SELECT c.Gender,
          CASE WHEN c.BirthYear IS NULL THEN 4 WHEN @year - c.BirthYear < 30 THEN 0 WHEN @year - c.BirthYear < 50 THEN 1
               WHEN @year - c.BirthYear < 65 THEN 2 ELSE 3 END AS AgeGroup,
          CASE WHEN c.ChildrenAtHome IN (1, 2) THEN 1 ELSE 0 END AS Kids,
          per.AtEnd, per.IsNew, CASE WHEN per.ClosedIn = 1 AND per.AtEnd = 0 THEN 1 ELSE 0 END AS IsClosed,
          COUNT(*) AS N
        FROM per JOIN Clients c ON c.Id = per.ClientId
        GROUP BY c.Gender,
          CASE WHEN c.BirthYear IS NULL THEN 4 WHEN @year - c.BirthYear < 30 THEN 0 WHEN @year - c.BirthYear < 50 THEN 1
               WHEN @year - c.BirthYear < 65 THEN 2 ELSE 3 END,
          CASE WHEN c.ChildrenAtHome IN (1, 2) THEN 1 ELSE 0 END, per.AtEnd, per.IsNew,
          CASE WHEN per.ClosedIn = 1 AND per.AtEnd = 0 THEN 1 ELSE 0 END;
        """ + During + """
        , lastClosed AS (
          SELECT d.ClientId, d.ClosureReasonId, d.AfterMandateId,
            ROW_NUMBER() OVER (PARTITION BY d.ClientId ORDER BY d.ClosedOn DESC, d.Id DESC) AS rn
          FROM d JOIN per ON per.ClientId = d.ClientId AND per.AtEnd = 0
          WHERE d.ClosedOn >= @first AND d.ClosedOn <= @last
        )
        SELECT 1 AS Kind, cat.Name, COUNT(DISTINCT d.ClientId) AS N
          FROM d JOIN MandateContactReasons r ON r.MandateId = d.Id JOIN Categories cat ON cat.Id = r.CategoryId GROUP BY cat.Name
        UNION ALL
        SELECT 2, cat.Name, COUNT(DISTINCT d.ClientId) FROM d JOIN Categories cat ON cat.Id = d.ReferralPathId GROUP BY cat.Name
        UNION ALL
        SELECT 3, cat.Name, COUNT(*) FROM lastClosed l JOIN Categories cat ON cat.Id = l.ClosureReasonId WHERE l.rn = 1 GROUP BY cat.Name
        UNION ALL
        SELECT 4, cat.Name, COUNT(*) FROM lastClosed l JOIN Categories cat ON cat.Id = l.AfterMandateId WHERE l.rn = 1 GROUP BY cat.Name;
        """;

    public static async Task<AnnualStatistics.Figures> ComputeAsync(
        OmbudDbContext db, int unitId, int year, int? municipalityId, CancellationToken ct = default)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var cmd = conn.CreateCommand();
        // The municipality condition only when asked for: "(@muni IS NULL OR ...)" would keep the planner from its index.
        cmd.CommandText = municipalityId is null ? Sql : Sql.Replace("/*muni*/", "AND c.MunicipalityId = @muni", StringComparison.Ordinal);
        Add(cmd, "@unit", unitId);
        if (municipalityId is not null) Add(cmd, "@muni", municipalityId);
        Add(cmd, "@year", year);
        Add(cmd, "@first", new DateOnly(year, 1, 1));
        Add(cmd, "@last", new DateOnly(year, 12, 31));

        var groups = new List<(Gender Gender, int Age, bool Kids, bool AtEnd, bool IsNew, bool Closed, int N)>();
        var cats = new List<(int Kind, string Name, int N)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                groups.Add((
                    (Gender)Convert.ToInt32(r.GetValue(0)),
                    Convert.ToInt32(r.GetValue(1)),
                    Convert.ToInt32(r.GetValue(2)) == 1,
                    Convert.ToInt32(r.GetValue(3)) == 1,
                    Convert.ToInt32(r.GetValue(4)) == 1,
                    Convert.ToInt32(r.GetValue(5)) == 1,
                    Convert.ToInt32(r.GetValue(6))));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
                cats.Add((Convert.ToInt32(r.GetValue(0)), r.GetString(1), Convert.ToInt32(r.GetValue(2))));
        }

        AnnualStatistics.ByGender Split(Func<(Gender Gender, int Age, bool Kids, bool AtEnd, bool IsNew, bool Closed, int N), bool> where)
        {
            int Sum(Gender g) => groups.Where(x => where(x) && x.Gender == g).Sum(x => x.N);
            return new(groups.Where(where).Sum(x => x.N), Sum(Gender.Woman), Sum(Gender.Man), Sum(Gender.Other), Sum(Gender.Unknown));
        }
        IReadOnlyDictionary<string, int> Counts(int kind) => cats.Where(c => c.Kind == kind)
            .OrderByDescending(c => c.N).ThenBy(c => c.Name, StringComparer.Ordinal).ToDictionary(c => c.Name, c => c.N);

        return new AnnualStatistics.Figures(year,
            Split(_ => true), Split(x => x.IsNew), Split(x => x.Closed), Split(x => x.AtEnd),
            AnnualStatistics.AgeGroupKeys.Select((k, i) => (k, i))
                .ToDictionary(x => x.k, x => groups.Where(g => g.Age == x.i).Sum(g => g.N)),
            groups.Where(g => g.Kids).Sum(g => g.N),
            Counts(1), Counts(2), Counts(3))
        { AfterMandate = Counts(4) };
    }

    // The activity figures (ActivityStatistics), same idea: the database counts, a few dozen rows come back; only the
    // mandates' dates for the medians are read row by row (the medians need the values). "c" is the client, for the
    // municipality filter.
    private const string Activity = """
        SELECT COUNT(DISTINCT m.ClientId), COUNT(*), COALESCE(SUM(CASE WHEN s.OmbudAttended = 1 THEN 1 ELSE 0 END), 0)
        FROM Mandates m JOIN Clients c ON c.Id = m.ClientId JOIN SipMeetings s ON s.MandateId = m.Id
        WHERE m.UnitId = @unit /*muni*/ AND s.Status = 1 AND s.Date >= @first AND s.Date <= @last;

        SELECT 1 AS Kind, cat.Name, COUNT(DISTINCT m.ClientId) AS N
        FROM Mandates m JOIN Clients c ON c.Id = m.ClientId JOIN Needs n ON n.MandateId = m.Id JOIN Categories cat ON cat.Id = n.LifeAreaId
        WHERE m.UnitId = @unit /*muni*/ AND m.StartDate IS NOT NULL AND m.StartDate <= @last
          AND (m.ClosedOn IS NULL OR m.ClosedOn >= @first) AND n.IdentifiedOn <= @last AND (n.ResolvedOn IS NULL OR n.ResolvedOn >= @first)
        GROUP BY cat.Name
        UNION ALL
        SELECT 2, CASE WHEN n.ResolvedOn <= @last AND n.Status IN (2, 3, 4) THEN CAST(n.Status AS varchar(2)) ELSE 'ongoing' END, COUNT(*)
        FROM Mandates m JOIN Clients c ON c.Id = m.ClientId JOIN Needs n ON n.MandateId = m.Id
        WHERE m.UnitId = @unit /*muni*/ AND m.StartDate IS NOT NULL AND m.StartDate <= @last
          AND (m.ClosedOn IS NULL OR m.ClosedOn >= @first) AND n.IdentifiedOn <= @last AND (n.ResolvedOn IS NULL OR n.ResolvedOn >= @first)
        GROUP BY CASE WHEN n.ResolvedOn <= @last AND n.Status IN (2, 3, 4) THEN CAST(n.Status AS varchar(2)) ELSE 'ongoing' END
        UNION ALL
        SELECT 3, cat.Name, COUNT(DISTINCT m.ClientId)
        FROM Mandates m JOIN Clients c ON c.Id = m.ClientId JOIN AuthorityContacts a ON a.MandateId = m.Id
          JOIN Actors ac ON ac.Id = a.ActorId JOIN Categories cat ON cat.Id = ac.ActorTypeId
        WHERE m.UnitId = @unit /*muni*/ AND a.Date >= @first AND a.Date <= @last
        GROUP BY cat.Name
        UNION ALL
        SELECT 4, cat.Name, COUNT(DISTINCT m.ClientId)
        FROM Mandates m JOIN Clients c ON c.Id = m.ClientId JOIN AuthorityContacts a ON a.MandateId = m.Id
          JOIN AuthorityContactHelpKinds h ON h.AuthorityContactId = a.Id JOIN Categories cat ON cat.Id = h.CategoryId
        WHERE m.UnitId = @unit /*muni*/ AND a.Date >= @first AND a.Date <= @last
        GROUP BY cat.Name;

        SELECT COUNT(*) FROM (
          SELECT m.ClientId
          FROM Mandates m JOIN Clients c ON c.Id = m.ClientId JOIN AuthorityContacts a ON a.MandateId = m.Id
            JOIN Actors ac ON ac.Id = a.ActorId JOIN Categories cat ON cat.Id = ac.ActorTypeId
          WHERE m.UnitId = @unit /*muni*/ AND a.Date >= @first AND a.Date <= @last AND cat.Name IN (@peer1, @peer2)
          UNION
          SELECT m.ClientId
          FROM Mandates m JOIN Clients c ON c.Id = m.ClientId JOIN Categories cat ON cat.Id = m.AfterMandateId
          WHERE m.UnitId = @unit /*muni*/ AND m.StartDate IS NOT NULL AND m.ClosedOn >= @first AND m.ClosedOn <= @last AND cat.Name = @after
        ) x;

        SELECT m.RegisteredOn, m.StartDate, m.ClosedOn
        FROM Mandates m JOIN Clients c ON c.Id = m.ClientId
        WHERE m.UnitId = @unit /*muni*/ AND m.StartDate IS NOT NULL
          AND ((m.StartDate >= @first AND m.StartDate <= @last) OR (m.ClosedOn >= @first AND m.ClosedOn <= @last));
        """;

    /// <summary>
    /// Every figure of the year, as the app's <see cref="AnnualStatistics.Handler"/> returns them: the client figures
    /// (<see cref="ComputeAsync"/>), the activity figures in hand-written SQL, and the unit-level parts (faults,
    /// ledningsgrupp, årsarbetare: a few rows) through the app's own <see cref="AnnualStatistics.WithUnitFiguresAsync"/>.
    /// </summary>
    public static async Task<AnnualStatistics.Figures> ComputeAllAsync(
        OmbudDbContext db, int unitId, int year, int? municipalityId, DateOnly today, CancellationToken ct = default)
    {
        var clients = await ComputeAsync(db, unitId, year, municipalityId, ct);
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = municipalityId is null
            ? Activity
            : Activity.Replace("/*muni*/", "AND c.MunicipalityId = @muni", StringComparison.Ordinal);
        Add(cmd, "@unit", unitId);
        if (municipalityId is not null) Add(cmd, "@muni", municipalityId);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        Add(cmd, "@first", first);
        Add(cmd, "@last", last);
        Add(cmd, "@peer1", Web.Data.Seed.DefaultCategories.PeerSupportActorTypes[0]);
        Add(cmd, "@peer2", Web.Data.Seed.DefaultCategories.PeerSupportActorTypes[1]);
        Add(cmd, "@after", Web.Data.Seed.DefaultCategories.PeerSupportAfterMandate);

        ActivityStatistics.SipFigures sip;
        var cats = new List<(int Kind, string Name, int N)>();
        int bridged;
        var months = new List<decimal>();
        var waiting = new List<int>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            sip = new(Convert.ToInt32(r.GetValue(0)), Convert.ToInt32(r.GetValue(1)), Convert.ToInt32(r.GetValue(2)));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct)) cats.Add((Convert.ToInt32(r.GetValue(0)), r.GetString(1), Convert.ToInt32(r.GetValue(2))));
            await r.NextResultAsync(ct);
            await r.ReadAsync(ct);
            bridged = Convert.ToInt32(r.GetValue(0));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var registered = r.GetFieldValue<DateOnly>(0);
                var start = r.GetFieldValue<DateOnly>(1);
                DateOnly? closed = r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2);
                if (closed is { } c && c >= first && c <= last)
                {
                    var m = (c.DayNumber - start.DayNumber) / ActivityStatistics.DaysPerMonth;
                    months.Add(Math.Round(m, 1, MidpointRounding.AwayFromZero));
                }
                if (start >= first && start <= last) waiting.Add(start.DayNumber - registered.DayNumber);
            }
        }
        IReadOnlyDictionary<string, int> Counts(int kind) => cats.Where(c => c.Kind == kind)
            .OrderByDescending(c => c.N).ThenBy(c => c.Name, StringComparer.Ordinal).ToDictionary(c => c.Name, c => c.N);
        var outcomes = Counts(2);
        int Outcome(NeedStatus s) => outcomes.GetValueOrDefault(((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var activity = new ActivityStatistics.Figures(sip, Counts(1),
            new ActivityStatistics.NeedOutcomes(Outcome(NeedStatus.Met), Outcome(NeedStatus.PartlyMet), Outcome(NeedStatus.NotMet),
                outcomes.GetValueOrDefault("ongoing")),
            Counts(3), Counts(4), new ActivityStatistics.Durations([.. months.Order()], [.. waiting.Order()]));
        return await AnnualStatistics.WithUnitFiguresAsync(
            clients with { Activity = activity, ClientsBridgedToPeerSupport = bridged }, db, unitId, today, ct);
    }

    private static void Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}
