using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Ombud.Web.Features.Caseload;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Conventions;

/// <summary>Throws on the Nth INSERT/UPDATE/DELETE command: a fault half-way through a save.</summary>
public sealed class FailingWrites : DbCommandInterceptor
{
    public int FailOn { get; set; } = int.MaxValue;
    public int Writes { get; private set; }
    public bool Failed { get; private set; }

    /// <summary>Starts counting writes again from zero.</summary>
    public void Reset(int failOn)
    {
        Writes = 0;
        Failed = false;
        FailOn = failOn;
    }

    private void Check(DbCommand command)
    {
        var sql = command.CommandText.TrimStart();
        if (!(sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
              || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))) return;
        if (++Writes != FailOn) return;
        Failed = true;
        throw new InvalidOperationException($"Injected failure on write {Writes}");
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken ct = default)
    { Check(command); return base.ReaderExecutingAsync(command, eventData, result, ct); }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    { Check(command); return base.NonQueryExecutingAsync(command, eventData, result, ct); }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken ct = default)
    { Check(command); return base.ScalarExecutingAsync(command, eventData, result, ct); }
}

/// <summary>
/// Multi-record operations are all-or-nothing: for N = 1, 2, 3 … the Nth write of the operation fails, and every time
/// the whole database (every table, every row) is exactly as before; then the operation runs through.
/// </summary>
public class TransactionTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private TestDb _t = default!;
    private Unit _unit = default!;
    private UserInfo _ombud = default!;
    private readonly FailingWrites _faults = new();

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: Clock);
        _unit = await _t.AddUnitAsync();
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _t.User = _ombud;
        _t.ExtraInterceptors = [_faults];
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    /// <summary>Every row of every table, as text.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = _t.CreateContext();
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        }
        var sb = new StringBuilder();
        foreach (var table in tables)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\"";
            await using var r = await cmd.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await r.ReadAsync())
                rows.Add(string.Join(
                    "|",
                    Enumerable.Range(0, r.FieldCount)
                        .Select(i => r.IsDBNull(i)
                            ? "∅"
                            : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            rows.Sort(StringComparer.Ordinal);
            sb.Append(table).Append(": ").AppendLine(rows.Count.ToString()).AppendJoin('\n', rows).AppendLine();
        }
        return sb.ToString();
    }

    /// <summary>
    /// Fails the operation at write 1, 2, 3 … checking the database is unchanged each time, until it runs through. Returns the faults
    /// injected.
    /// </summary>
    private async Task<int> AllOrNothingAsync(Func<Task> operation)
    {
        var injected = 0;
        for (var n = 1; n < 500; n++)
        {
            var before = await SnapshotAsync();
            _faults.Reset(failOn: n);
            try
            {
                await operation();
            }
            catch (Exception ex)
            {
                Assert.True(_faults.Failed, $"failed without an injected fault: {ex}");
                Assert.Contains("Injected failure", ex.ToString());
                _faults.FailOn = int.MaxValue;
                Assert.Equal(before, await SnapshotAsync());
                injected++;
                continue;
            }
            _faults.FailOn = int.MaxValue;
            Assert.NotEqual(before, await SnapshotAsync());
            Assert.True(injected >= 2, $"only {injected} faults injected: the operation should write several records");
            output.WriteLine($"Faults injected: {injected}; database unchanged after each; run through at write {n}.");
            return injected;
        }
        throw new InvalidOperationException("The operation never ran through.");
    }

    private async Task<int> CategoryIdAsync(CategoryKind kind, string name) => (await _t.CategoryAsync(kind, name)).Id;

    [Fact]
    public async Task Register_client_with_mandate_and_reasons_is_all_or_nothing()
    {
        int municipalityId;
        await using (var db = _t.CreateContext()) municipalityId = await db.Municipalities.Select(m => m.Id).FirstAsync();
        var cmd = new RegisterClient.Command
        {
            Name = "Anna Andersson",
            PersonalNumber = null,
            BirthYear = 1970,
            MunicipalityId = municipalityId,
            RegisteredOn = new DateTime(2026, 11, 1),
            StartDate = new DateTime(2026, 11, 2),
            ReferralPathId = await CategoryIdAsync(CategoryKind.ReferralPath, "Egen kontakt"),
            ContactReasonIds = [
                await CategoryIdAsync(CategoryKind.ContactReason, "Annat"),
                await CategoryIdAsync(CategoryKind.ContactReason, "Ekonomi")],
        };
        var handler = _t.Get<RegisterClient.Handler>();
        var injected = await AllOrNothingAsync(() => handler.HandleAsync(cmd));
        await using var check = _t.CreateContext();
        var client = await check.Clients.Include(c => c.Mandates).ThenInclude(m => m.ContactReasons).SingleAsync();
        Assert.Equal(2, client.Mandates.Single().ContactReasons.Count);
        Assert.True(injected >= 4, $"{injected}");
    }

    private async Task<Mandate> MandateWithRecordsAsync()
    {
        var mandate = await _t.AddMandateAsync(_ombud, new DateOnly(2026, 3, 1));
        var actor = await _t.AddActorAsync(_unit.Id, "Försäkringskassan");
        await using var db = _t.CreateContext();
        var client = await db.Clients.SingleAsync(c => c.Id == mandate.ClientId);
        client.SetName("Bo Berg");
        client.PersonalNumber = "197001019999";
        db.Needs.Add(new Need
        {
            MandateId = mandate.Id,
            LifeAreaId = await CategoryIdAsync(CategoryKind.LifeArea, "Boende"),
            ClientWords = "Vill bo kvar",
            IdentifiedOn = new DateOnly(2026, 4, 1)
        });
        db.AuthorityContacts.Add(
            new AuthorityContact
            {
                MandateId = mandate.Id,
                ActorId = actor.Id,
                Date = new DateOnly(2026, 4, 2),
                Outcome = "Ansökan skickad"
            });
        db.SipMeetings.Add(new SipMeeting
        {
            MandateId = mandate.Id,
            Date = new DateOnly(2026, 5, 1),
            Status = SipStatus.Held,
            ClientGoals = "Egen bostad",
            Place = "Socialkontoret",
            Measures = [
                new SipMeasure { ActorId = actor.Id, What = "Ansöka om boendestöd" },
                new SipMeasure { ActorId = actor.Id, What = "Boka möte" }],
            Participants = [new SipParticipant { ActorId = actor.Id, ContactPerson = "Handläggaren" }],
        });
        await db.SaveChangesAsync();
        return mandate;
    }

    [Fact]
    public async Task Close_and_anonymise_is_all_or_nothing()
    {
        var mandate = await MandateWithRecordsAsync();
        var handler = _t.Get<CloseMandate.Handler>();
        var cmd = new CloseMandate.Command
        {
            MandateId = mandate.Id,
            ClosedOn = new DateTime(2026, 11, 20),
            ClosureReasonId = (await _t.CategoryAsync(CategoryKind.ClosureReason, (await FirstNameAsync(CategoryKind.ClosureReason)))).Id,
            RemoveIdentityNow = true,
        };
        var injected = await AllOrNothingAsync(() => handler.HandleAsync(cmd));
        await using var check = _t.CreateContext();
        var client = await check.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == mandate.ClientId);
        Assert.True(client.IsAnonymised);
        Assert.Null(client.Name);
        Assert.True(injected >= 5, $"{injected}");
    }

    private async Task<string> FirstNameAsync(CategoryKind kind)
    {
        await using var db = _t.CreateContext();
        return await db.Categories.Where(c => c.Kind == kind).OrderBy(c => c.Id).Select(c => c.Name).FirstAsync();
    }

    [Fact]
    public async Task Erasing_a_client_is_all_or_nothing()
    {
        var mandate = await MandateWithRecordsAsync();
        await using (var db = _t.CreateContext())
        {
            // Closed, identity kept until the retention date: the situation in which "ta bort uppgifterna nu" is offered.
            var m = await db.Mandates.SingleAsync(x => x.Id == mandate.Id);
            m.Close(new DateOnly(2026, 11, 1), await db.Categories.FirstAsync(c => c.Kind == CategoryKind.ClosureReason));
            (await db.Clients.SingleAsync(c => c.Id == mandate.ClientId)).DisposeOn = new DateOnly(2027, 11, 1);
            await db.SaveChangesAsync();
        }
        var handler = _t.Get<EraseClient.Handler>();
        await AllOrNothingAsync(() => handler.HandleAsync(mandate.ClientId));
        await using var check = _t.CreateContext();
        Assert.Null((await check.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == mandate.ClientId)).Name);
    }

    [Fact]
    public async Task Saving_a_SIP_meeting_with_rows_is_all_or_nothing()
    {
        var mandate = await _t.AddMandateAsync(_ombud, new DateOnly(2026, 3, 1));
        var a = await _t.AddActorAsync(_unit.Id, "Psykiatrin");
        var b = await _t.AddActorAsync(_unit.Id, "Socialtjänsten");
        var handler = _t.Get<SaveSipMeeting.Handler>();
        var cmd = new SaveSipMeeting.Command
        {
            MandateId = mandate.Id,
            Date = new DateTime(2026, 11, 10),
            Status = SipStatus.Held,
            ClientGoals = "Egen bostad",
            Participants = [new() { ActorId = a.Id }, new() { ActorId = b.Id, Role = "handläggare" }],
            Measures =
            [
                new() { ActorId = a.Id, What = "Läkarbesök", DueOn = new DateTime(2026, 12, 1) },
                new() { ActorId = b.Id, What = "Boendestöd", DueOn = new DateTime(2026, 12, 1) },
                new() { ActorId = b.Id, What = "Uppföljning", Status = SipMeasureStatus.Done },
            ],
        };
        var injected = await AllOrNothingAsync(() => handler.HandleAsync(cmd));
        await using var check = _t.CreateContext();
        Assert.Equal(3, await check.SipMeasures.CountAsync());
        Assert.True(injected >= 6, $"{injected}");
    }

    [Fact]
    public async Task Reassigning_several_clients_is_all_or_nothing()
    {
        var lead = await _t.AddUserAsync(_unit.Id, Roles.UnitLead);
        var other = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++) ids.Add((await _t.AddMandateAsync(_ombud, new DateOnly(2026, 3, 1))).ClientId);
        await using (var db = _t.CreateContext())
        {
            // Identity role rows, as the real app has them: the handler lists the unit's ombud by role.
            var role = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.Ombud) { NormalizedName = Roles.Ombud.ToUpperInvariant() };
            db.Roles.Add(role);
            db.UserRoles.AddRange(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = _ombud.Id, RoleId = role.Id },
                new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = other.Id, RoleId = role.Id });
            await db.SaveChangesAsync();
        }
        _t.User = lead;
        var handler = _t.Get<ReassignClients.Handler>();
        var cmd = new ReassignClients.Command
        {
            FromOmbudId = _ombud.Id,
            ToOmbudId = other.Id,
            ClientIds = ids,
            Reason = "Föräldraledighet"
        };
        var injected = await AllOrNothingAsync(() => handler.HandleAsync(cmd));
        await using var check = _t.CreateContext();
        Assert.All(await check.Clients.Where(c => ids.Contains(c.Id)).ToListAsync(), c => Assert.Equal(other.Id, c.OmbudId));
        Assert.Equal(3, await check.Reassignments.CountAsync());
        Assert.True(injected >= 6, $"{injected}");
    }
}
