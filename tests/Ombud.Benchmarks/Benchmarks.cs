using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Ombud.Web.Domain;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Caseload;
using Ombud.Web.Features.Clients;

namespace Ombud.Benchmarks;

public abstract class OnBenchDb
{
    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";
    public static IEnumerable<string> Providers => BenchDb.Providers;
    protected BenchDb Db = null!;

    protected void OpenDb() => Db = BenchDb.OpenAsync(Provider).GetAwaiter().GetResult();
}

/// <summary>1. The yearly report for the last full year, next to the hand-written SQL lower bound (Ratio = app / bound).</summary>
public class ReportBenchmarks : OnBenchDb
{
    [Params(false, true)]
    public bool OneMunicipality { get; set; }

    [GlobalSetup]
    public void Setup() => OpenDb();

    private int? Municipality => OneMunicipality ? Db.MunicipalityId : null;

    [Benchmark(Baseline = true, Description = "SQL lower bound")]
    public async Task<AnnualStatistics.Figures> SqlBound()
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await ReportSqlBound.ComputeAsync(db, Db.UnitId, Db.ReportYear, Municipality);
    }

    [Benchmark(Description = "App: client figures")]
    public async Task<AnnualStatistics.Figures> AppClientFigures() =>
        AnnualStatistics.Compute(Db.ReportYear,
            await AnnualStatistics.Handler.LoadFactsAsync(Db.Factory, Db.UnitId, Db.ReportYear, Municipality, default));

    [Benchmark(Description = "App: whole report (handler)")]
    public Task<AnnualStatistics.Figures> AppWholeReport() =>
        Db.Handler<AnnualStatistics.Handler>(Db.Lead).HandleAsync(Db.ReportYear, Municipality);
}

/// <summary>2. Mina klienter (first page, default sort) for an ombud with about 40 open clients; the lead's caseload overview.</summary>
public class ListBenchmarks : OnBenchDb
{
    [GlobalSetup]
    public void Setup() => OpenDb();

    [Benchmark(Description = "Mina klienter (ombud, ~40 open)")]
    public Task<ListMyClients.Result> MyClientsPage() => Db.Handler<ListMyClients.Handler>(Db.Ombud).HandleAsync(new ListMyClients.Query());

    [Benchmark(Description = "Caseload overview (lead, whole unit)")]
    public Task<ReviewCaseload.Result> CaseloadOverview() =>
        Db.Handler<ReviewCaseload.Handler>(Db.Lead).ReviewAsync(new ReviewCaseload.Query());
}

/// <summary>
/// 3. Client search. The app's search is Mina klienter's search box (code prefix or part of the name, the ombud's own
/// clients). A unit-wide lookup (code prefix / folded-name prefix over every client of the unit, 20 rows) is measured too:
/// the query a lead's or admin's search would run.
/// </summary>
public class SearchBenchmarks : OnBenchDb
{
    private string _ownCodePrefix = "", _anyCodePrefix = "";

    [GlobalSetup]
    public void Setup()
    {
        OpenDb();
        using var db = Db.Factory.CreateDbContext();
        _ownCodePrefix = db.Clients.Where(c => c.OmbudId == Db.Ombud.Id).OrderBy(c => c.Id).Select(c => c.Code).First()[..4];
        _anyCodePrefix = db.Clients.OrderByDescending(c => c.Id).Select(c => c.Code).First()[..4];
    }

    [Benchmark(Description = "Mina klienter: code prefix")]
    public Task<ListMyClients.Result> OwnByCode() =>
        Db.Handler<ListMyClients.Handler>(Db.Ombud).HandleAsync(new ListMyClients.Query(Search: _ownCodePrefix));

    [Benchmark(Description = "Mina klienter: name")]
    public Task<ListMyClients.Result> OwnByName() =>
        Db.Handler<ListMyClients.Handler>(Db.Ombud).HandleAsync(new ListMyClients.Query(Search: "lin"));

    [Benchmark(Description = "Unit-wide: code prefix")]
    public async Task<List<string>> UnitByCode()
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.Clients.AsNoTracking().Where(c => c.UnitId == Db.UnitId && c.Code.StartsWith(_anyCodePrefix))
            .OrderBy(c => c.Code).Select(c => c.Code).Take(20).ToListAsync();
    }

    [Benchmark(Description = "Unit-wide: name prefix")]
    public async Task<List<string>> UnitByName()
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        var folded = SwedishText.Fold("Lind");
        return await db.Clients.AsNoTracking().Where(c => c.UnitId == Db.UnitId && c.NameFolded!.StartsWith(folded))
            .OrderBy(c => c.NameFolded).Select(c => c.Code).Take(20).ToListAsync();
    }
}
