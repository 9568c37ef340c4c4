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
          SELECT m.Id, m.ClientId, m.StartDate, m.ClosedOn, m.ClosureReasonId, m.ReferralPathId
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
          SELECT d.ClientId, d.ClosureReasonId,
            ROW_NUMBER() OVER (PARTITION BY d.ClientId ORDER BY d.ClosedOn DESC, d.Id DESC) AS rn
          FROM d JOIN per ON per.ClientId = d.ClientId AND per.AtEnd = 0
          WHERE d.ClosedOn >= @first AND d.ClosedOn <= @last
        )
        SELECT 1 AS Kind, cat.Name, COUNT(DISTINCT d.ClientId) AS N
          FROM d JOIN MandateContactReasons r ON r.MandateId = d.Id JOIN Categories cat ON cat.Id = r.CategoryId GROUP BY cat.Name
        UNION ALL
        SELECT 2, cat.Name, COUNT(DISTINCT d.ClientId) FROM d JOIN Categories cat ON cat.Id = d.ReferralPathId GROUP BY cat.Name
        UNION ALL
        SELECT 3, cat.Name, COUNT(*) FROM lastClosed l JOIN Categories cat ON cat.Id = l.ClosureReasonId WHERE l.rn = 1 GROUP BY cat.Name;
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
            Counts(1), Counts(2), Counts(3));
    }

    private static void Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}
