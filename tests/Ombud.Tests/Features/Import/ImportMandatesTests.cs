using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Import;

namespace Ombud.Tests.Features.Import;

/// <summary>
/// The import handler against a real (in-memory SQLite) database: all or nothing, idempotent, audited, counted in the report.
/// </summary>
public class ImportMandatesTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 6, 15);
    private const string Header = "Klientkod;Kön;Födelseår;Kommun;Hemmavarande " +
                                  "barn;Kontaktväg;Kontaktorsaker;Startdatum;Slutdatum;Avslutsorsak;Ombud";
    private TestDb _t = default!;
    private Unit _unit = default!;
    private UserInfo _lead = default!, _ombud = default!;

    private string File3 => $"""
        {Header}
        K1;Kvinna;1980;;Nej;Egen kontakt;Ekonomi|Bryta isolering;2025-02-01;2025-11-30;Flyttat;{_ombud.UserName}
        K2;Man;1960;;Helt;Psykiatrin;Annat;2025-12-31;;;{_ombud.UserName}
        K3;;;Lund;Delvis;Egen kontakt;Ekonomi;2024-05-05;2025-01-01;Uppdraget slutfört;{_ombud.UserName}
        """;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: Clock);
        _unit = await _t.AddUnitAsync("Testenheten", "Malmö");
        _lead = await _t.AddUserAsync(_unit.Id, Roles.UnitLead);
        _ombud = await AddOmbudAsync(_t, _unit.Id);
        _t.User = _lead;
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    /// <summary>An ombud with the Identity role row the import looks up (TestDb.AddUserAsync adds none).</summary>
    private static async Task<UserInfo> AddOmbudAsync(TestDb t, int unitId)
    {
        var user = await t.AddUserAsync(unitId, Roles.Ombud);
        await using var db = t.CreateContext();
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == Roles.Ombud);
        if (role is null) db.Roles.Add(role = new IdentityRole(Roles.Ombud) { NormalizedName = Roles.Ombud.ToUpperInvariant() });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
        return user;
    }

    private static ImportMandates.Handler HandlerFor(TestDb t) => t.Get<ImportMandates.Handler>();

    private static ImportMandates.Command Csv(string text, bool dryRun = false) => new("lista.csv", Encoding.UTF8.GetBytes(text), dryRun);

    private async Task<(int Clients, int Mandates, int Municipalities, int Audit, int Users)> CountsAsync()
    {
        await using var db = _t.CreateContext();
        return (
            await db.Clients.CountAsync(), await db.Mandates.CountAsync(), await db.Municipalities.CountAsync(),
            await db.AuditEntries.CountAsync(),
            await db.Users.CountAsync());
    }

    [Fact]
    public async Task A_good_file_is_previewed_without_writing_then_imported_with_an_audit_entry_without_values()
    {
        var before = await CountsAsync();
        var preview = await HandlerFor(_t).HandleAsync(Csv(File3, dryRun: true));
        Assert.True(preview.IsValid);
        Assert.False(preview.Imported);
        Assert.Equal((3, 3, 3, 0), (preview.Clients, preview.NewClients, preview.NewMandates, preview.PresentMandates));
        Assert.Equal(["Lund"], preview.NewMunicipalities);
        Assert.Equal(before, await CountsAsync());

        var result = await HandlerFor(_t).HandleAsync(Csv(File3));
        Assert.True(result.Imported);

        await using var db = _t.CreateContext();
        var clients = await db.Clients.Include(c => c.Mandates)
            .ThenInclude(m => m.ContactReasons)
            .Include(c => c.Municipality)
            .OrderBy(c => c.Code).ToListAsync();
        Assert.Equal(["K1", "K2", "K3"], clients.Select(c => c.Code));
        var k1 = clients[0];
        Assert.Equal(
            (Gender.Woman, 1980, "Malmö", ChildrenAtHome.No, _ombud.Id),
            (k1.Gender, k1.BirthYear, k1.Municipality!.Name, k1.ChildrenAtHome, k1.OmbudId));
        var m1 = k1.Mandates.Single();
        Assert.Equal(
            (MandateStatus.Closed, new DateOnly(2025, 2, 1), new DateOnly(2025, 11, 30)),
            (m1.Status, m1.StartDate!.Value, m1.ClosedOn!.Value));
        Assert.Equal(["Bryta isolering", "Ekonomi"], m1.ContactReasons.Select(r => r.Name).Order());
        Assert.Equal(MandateStatus.Active, clients[1].Mandates.Single().Status);
        Assert.Equal("Lund", clients[2].Municipality!.Name);
        Assert.Null(clients[2].BirthYear);

        var import = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.Imported);
        Assert.Equal(
            (_lead.UserName, ImportMandates.AuditEntity, "3 uppdrag, 3 nya klienter, 3 rader"),
            (import.UserName, import.EntityType, import.EntityId));
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.Created && a.EntityType == nameof(Mandate)));
        Assert.DoesNotContain(
            await db.AuditEntries.Select(a => a.EntityId).ToListAsync(),
            id => id != null && (id.Contains("K1") || id.Contains("Lund")));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_adds_nothing_and_a_longer_file_adds_only_the_new_rows()
    {
        await HandlerFor(_t).HandleAsync(Csv(File3));
        var after = await CountsAsync();

        var again = await HandlerFor(_t).HandleAsync(Csv(File3));
        Assert.True(again.IsValid, string.Join("\n", again.Errors));
        Assert.False(again.Imported);
        Assert.Equal((0, 0, 3), (again.NewClients, again.NewMandates, again.PresentMandates));
        Assert.Equal(after, await CountsAsync());

        var longer = File3
            + $"\nK1;Kvinna;1980;;Nej;Psykiatrin;Annat;2026-01-10;;;{_ombud.UserName}\n" +
              $"K4;;;Malmö;;Egen kontakt;Annat;2026-02-02;;;{_ombud.UserName}";
        var more = await HandlerFor(_t).HandleAsync(Csv(longer));
        Assert.True(more.Imported, string.Join("\n", more.Errors));
        Assert.Equal((1, 2, 3), (more.NewClients, more.NewMandates, more.PresentMandates));
        var now = await CountsAsync();
        Assert.Equal((after.Clients + 1, after.Mandates + 2), (now.Clients, now.Mandates));
    }

    [Fact]
    public async Task An_xlsx_file_with_date_cells_and_columns_in_another_order_imports_like_the_csv()
    {
        using var wb = new ClosedXML.Excel.XLWorkbook();
        var ws = wb.AddWorksheet("Blad1");
        string[] headers = ["startdatum", "KLIENTKOD", "Kontaktorsaker", "Kontaktväg", "Slutdatum", "Avslutsorsak", "Födelseår", "Ombud"];
        for (var i = 0; i < headers.Length; i++) ws.Cell(1, i + 1).Value = headers[i];
        ws.Cell(2, 1).Value = new DateTime(2025, 3, 1);
        ws.Cell(2, 2).Value = "x1";
        ws.Cell(2, 3).Value = "Ekonomi|Annat";
        ws.Cell(2, 4).Value = "Egen kontakt";
        ws.Cell(2, 5).Value = new DateTime(2025, 9, 30);
        ws.Cell(2, 6).Value = "Flyttat";
        ws.Cell(2, 7).Value = 1990;
        ws.Cell(2, 8).Value = _ombud.UserName;
        using var ms = new MemoryStream();
        wb.SaveAs(ms);

        var result = await HandlerFor(_t).HandleAsync(new ImportMandates.Command("lista.xlsx", ms.ToArray(), false));
        Assert.True(result.Imported, string.Join("\n", result.Errors));
        await using var db = _t.CreateContext();
        var m = await db.Mandates.Include(x => x.Client).Include(x => x.ContactReasons).SingleAsync();
        Assert.Equal(("X1", 1990, new DateOnly(2025, 3, 1), new DateOnly(2025, 9, 30), 2),
            (m.Client!.Code, m.Client.BirthYear!.Value, m.StartDate!.Value, m.ClosedOn!.Value, m.ContactReasons.Count));
    }

    [Fact]
    public async Task One_bad_row_stops_the_whole_import_and_nothing_is_written()
    {
        var before = await CountsAsync();
        var bad = File3 + $"\nK9;Man;;;;Egen kontakt;Finns inte;2025-01-01;;;{_ombud.UserName}";
        var result = await HandlerFor(_t).HandleAsync(Csv(bad));
        Assert.False(result.Imported);
        var error = Assert.Single(result.Errors);
        Assert.Equal((5, "Kontaktorsaker"), (error.Row, error.Column));
        Assert.Equal(before, await CountsAsync()); // not even the new municipality Lund
    }

    [Fact]
    public async Task A_failure_half_way_through_the_writing_leaves_the_database_as_before()
    {
        var before = await CountsAsync();
        await using (var db = _t.CreateContext())
            // Injected fault: the database refuses the third mandate, after clients, the municipality and two mandates went in.
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER fail_third BEFORE INSERT ON Mandates WHEN (SELECT COUNT(*) FROM Mandates) >= 2 BEGIN SELECT RAISE(ABORT, " +
                "'injected'); END;");
        var file = File3 + "\nK5;Man;;;;Egen kontakt;Annat;2024-01-01;2024-02-01;Flyttat;"; // a closed mandate without an ombud
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => HandlerFor(_t).HandleAsync(Csv(file)));
        Assert.Equal(before, await CountsAsync());

        await using (var db = _t.CreateContext()) await db.Database.ExecuteSqlRawAsync("DROP TRIGGER fail_third;");
        Assert.True((await HandlerFor(_t).HandleAsync(Csv(file))).Imported);
        Assert.Equal(before.Mandates + 4, (await CountsAsync()).Mandates);
    }

    /// <summary>The handler writing <paramref name="mandates"/> mandates per transaction (slice).</summary>
    private ImportMandates.Handler Sliced(int mandates)
    {
        var handler = HandlerFor(_t);
        handler.MandatesPerSlice = mandates;
        return handler;
    }

    /// <summary>Every row count the import touches, the municipalities' names and the audit rows' actions.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = _t.CreateContext();
        var links = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM MandateContactReasons").SingleAsync();
        var needs = await db.Needs.CountAsync();
        var municipalities = string.Join(",", await db.Municipalities.OrderBy(m => m.Id).Select(m => m.Name).ToListAsync());
        var audit = string.Join(",", await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action + ":" + a.EntityId).ToListAsync());
        var owners = string.Join(
            ",", await db.Clients.OrderBy(c => c.Id).Select(c => c.Id + "=" + c.OmbudId + "v" + c.Version).ToListAsync());
        return $"{await CountsAsync()} links={links} needs={needs} municipalities={municipalities} audit={audit} owners={owners}";
    }

    private async Task SqlAsync(string sql)
    {
        await using var db = _t.CreateContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Injected fault: the database refuses a mandate once <paramref name="before"/> are in the table.</summary>
    private static string FailMandateAfter(int before) =>
        $"CREATE TRIGGER fail_mandate BEFORE INSERT ON Mandates WHEN (SELECT COUNT(*) FROM Mandates) >= {before} " +
        "BEGIN SELECT RAISE(ABORT, 'injected'); END;";

    [Fact]
    public async Task A_failure_in_a_later_slice_removes_the_slices_already_written_and_the_next_try_writes_in_slices()
    {
        var before = await SnapshotAsync();
        // One mandate per slice: K1 (with the new municipality Lund and the ImportStarted entry) and K2 are committed, K3 fails.
        await SqlAsync(FailMandateAfter(2));
        var error = await Assert.ThrowsAnyAsync<DbUpdateException>(() => Sliced(1).HandleAsync(Csv(File3)));
        Assert.Contains("injected", error.GetBaseException().Message);
        Assert.Equal(before, await SnapshotAsync());

        await SqlAsync("DROP TRIGGER fail_mandate;");
        var result = await Sliced(1).HandleAsync(Csv(File3));
        Assert.True(result.Imported);
        Assert.Equal(3, result.WriteTransactions);
        Assert.True(result.LongestWrite > TimeSpan.Zero && result.LongestWrite <= result.Writing);
        await using var db = _t.CreateContext();
        var counts = "3 uppdrag, 3 nya klienter, 3 rader";
        Assert.Equal(
            [$"{AuditActions.ImportStarted}: {counts}", $"{AuditActions.Imported}: {counts}"],
            await db.AuditEntries.Where(a => a.EntityType == ImportMandates.AuditEntity).OrderBy(a => a.Id)
                .Select(a => a.Action + ": " + a.EntityId).ToListAsync());
        Assert.Equal(6, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.Created));
        var clients = await db.Clients.Include(c => c.Mandates).ThenInclude(m => m.ContactReasons).Include(c => c.Municipality)
            .OrderBy(c => c.Code).ToListAsync();
        Assert.Equal(
            ["K1:Malmö:Bryta isolering|Ekonomi", "K2:Malmö:Annat", "K3:Lund:Ekonomi"],
            clients.Select(c => $"{c.Code}:{c.Municipality!.Name}:"
                + string.Join("|", c.Mandates.Single().ContactReasons.Select(r => r.Name).Order())));
    }

    [Fact]
    public async Task A_client_with_several_mandates_is_never_cut_at_a_slice_boundary_and_a_fault_there_leaves_nothing()
    {
        var file = $"""
            {Header}
            K1;Kvinna;1980;;Nej;Egen kontakt;Ekonomi;2024-02-01;2024-11-30;Flyttat;
            K1;Kvinna;1980;;Nej;Psykiatrin;Annat;2025-01-10;;;{_ombud.UserName}
            K2;Man;;;;Egen kontakt;Annat;2025-03-03;;;{_ombud.UserName}
            K3;;;Lund;;Egen kontakt;Annat;2025-04-04;;;{_ombud.UserName}
            K4;;;;;Egen kontakt;Annat;2025-05-05;;;{_ombud.UserName}
            """;
        static ImportMandates.Handler.Group G(int mandates) => new(
            new Client(), null, Enumerable.Range(0, mandates).Select(_ => (new Mandate(), (IReadOnlyList<int>)[])).ToList(), null);
        // Slices of at least two mandates: K1's two stay together, K2 and K3 make the next, K4 is the last.
        static string Slices(List<List<ImportMandates.Handler.Group>> slices) =>
            string.Join(" | ", slices.Select(s => string.Join(",", s.Select(g => g.Mandates.Count))));
        Assert.Equal("2 | 1,1 | 1", Slices(ImportMandates.Handler.InSlices([G(2), G(1), G(1), G(1)], 2)));
        Assert.Equal("3 | 1,1", Slices(ImportMandates.Handler.InSlices([G(3), G(1), G(1)], 2)));
        Assert.Equal("1,1,1", Slices(ImportMandates.Handler.InSlices([G(1), G(1), G(1)], 3)));
        Assert.Empty(ImportMandates.Handler.InSlices([], 2));

        var before = await SnapshotAsync();
        // The fourth mandate (K3's, in the second slice after K2's) fails: the second slice rolls back, the first is removed.
        await SqlAsync(FailMandateAfter(3));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Sliced(2).HandleAsync(Csv(file)));
        Assert.Equal(before, await SnapshotAsync());

        await SqlAsync("DROP TRIGGER fail_mandate;");
        var result = await Sliced(2).HandleAsync(Csv(file));
        Assert.Equal((true, 3, 5), (result.Imported, result.WriteTransactions, result.NewMandates));
        await using var db = _t.CreateContext();
        Assert.Equal(2, await db.Mandates.CountAsync(m => m.Client!.Code == "K1"));
        Assert.Equal(_ombud.Id, (await db.Clients.SingleAsync(c => c.Code == "K1")).OmbudId); // owner: its open mandate's ombud
    }

    [Fact]
    public async Task A_changed_owner_of_a_client_already_in_Ombud_is_changed_back_when_a_later_slice_fails()
    {
        var ombud2 = await AddOmbudAsync(_t, _unit.Id);
        var mandate = await _t.AddMandateAsync(_ombud, new DateOnly(2026, 1, 15));
        string code;
        long version;
        await using (var db = _t.CreateContext())
        {
            var m = await db.Mandates.Include(x => x.Client).SingleAsync(x => x.Id == mandate.Id);
            (m.Status, m.ClosedOn) = (MandateStatus.Closed, new DateOnly(2026, 2, 1));
            await db.SaveChangesAsync();
            (code, version) = (m.Client!.Code, m.Client.Version);
        }
        // The client's new open mandate is ombud2's, so the import makes ombud2 its owner (first slice); K2 then fails.
        var file = $"{Header}\n{code};;;;;Egen kontakt;Annat;2026-03-01;;;{ombud2.UserName}\n"
            + $"K2;;;;;Egen kontakt;Annat;2026-03-01;;;{_ombud.UserName}";
        var audit = await CountsAsync();
        await SqlAsync(FailMandateAfter(2));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Sliced(1).HandleAsync(Csv(file)));
        await using (var db = _t.CreateContext())
        {
            var client = await db.Clients.SingleAsync(c => c.Code == code);
            // Back to its owner; the version moved on (changed and changed back), so an open form sees a newer version.
            Assert.Equal((_ombud.Id, version + 2), (client.OmbudId, client.Version));
        }
        Assert.Equal(audit, await CountsAsync()); // no mandate, client or audit row of the import left

        await SqlAsync("DROP TRIGGER fail_mandate;");
        Assert.Equal(2, (await Sliced(1).HandleAsync(Csv(file))).WriteTransactions);
        await using (var db = _t.CreateContext())
        {
            Assert.Equal(ombud2.Id, (await db.Clients.SingleAsync(c => c.Code == code)).OmbudId);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.Changed && a.EntityType == nameof(Client)));
        }
    }

    [Fact]
    public async Task A_cancelled_import_removes_the_slices_already_written()
    {
        var before = await SnapshotAsync();
        using var cancel = new CancellationTokenSource();
        _t.ExtraInterceptors = [new CancelOnCommit(cancel)]; // the user leaves once the first slice is committed
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sliced(1).HandleAsync(Csv(File3), cancel.Token));
        _t.ExtraInterceptors = [];
        Assert.True(cancel.IsCancellationRequested);
        Assert.Equal(before, await SnapshotAsync());
    }

    private sealed class CancelOnCommit(CancellationTokenSource cancel) : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        public override Task TransactionCommittedAsync(
            System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData,
            CancellationToken ct = default)
        {
            cancel.Cancel();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Removing_a_failed_import_leaves_what_someone_else_has_built_on_in_the_meantime()
    {
        var before = await CountsAsync();
        int lifeArea;
        await using (var db = _t.CreateContext())
            lifeArea = await db.Categories.Where(c => c.Kind == CategoryKind.LifeArea).Select(c => c.Id).FirstAsync();
        // While the second slice (K2) is written, K1's mandate, committed in the first, gets a need (as if its ombud added one
        // between the slices); the third slice (K3) fails.
        await SqlAsync(
            "CREATE TRIGGER someone_adds_a_need AFTER INSERT ON Mandates WHEN (SELECT COUNT(*) FROM Mandates) = 2 BEGIN " +
            "INSERT INTO Needs (Version, MandateId, LifeAreaId, ClientWords, Status, IdentifiedOn) " +
            $"SELECT 1, m.Id, {lifeArea}, 'Ett behov', 0, '2026-06-01' FROM Mandates m JOIN Clients c ON c.Id = m.ClientId " +
            "WHERE c.Code = 'K1'; END;");
        await SqlAsync(FailMandateAfter(2));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Sliced(1).HandleAsync(Csv(File3)));

        await using var after = _t.CreateContext();
        Assert.Equal(["K1"], await after.Clients.Select(c => c.Code).ToListAsync());
        Assert.Equal(1, await after.Needs.CountAsync(n => n.Mandate!.Client!.Code == "K1"));
        Assert.Equal((before.Clients + 1, before.Mandates + 1), ((await CountsAsync()).Clients, (await CountsAsync()).Mandates));
        Assert.Equal(["Malmö"], await after.Municipalities.Select(m => m.Name).ToListAsync()); // Lund: nobody's, removed
        // K1 keeps its Created rows, and the ImportStarted entry without an Imported one shows the import stopped half-way.
        Assert.Equal(
            [AuditActions.ImportStarted, AuditActions.Created, AuditActions.Created],
            await after.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task On_an_empty_database_a_refused_unreadable_or_failed_command_line_import_leaves_nothing_behind()
    {
        await using var empty = await TestDb.CreateAsync(clock: Clock); // no unit, no actors; the command line has no user
        async Task<(int Units, int Actors, int Clients, int Municipalities, int Audit)> Counts()
        {
            await using var db = empty.CreateContext();
            return (
                await db.Units.CountAsync(), await db.Actors.CountAsync(), await db.Clients.CountAsync(),
                await db.Municipalities.CountAsync(),
                await db.AuditEntries.CountAsync());
        }
        var nothing = await Counts();
        Assert.Equal(0, nothing.Units);
        var good = $"{Header}\nK1;;;Lund;;Egen kontakt;Annat;2024-01-01;2024-02-01;Flyttat;\n" +
                   "K2;;;Lund;;Egen kontakt;Annat;2024-03-01;2024-04-01;Flyttat;";

        var refused = await HandlerFor(empty).HandleForCommandLineAsync(Csv(good + "\nK3;;;Lund;;Egen kontakt;Finns inte;2024-01-01;;;"));
        Assert.False(refused.Imported);
        Assert.Equal(nothing, await Counts());

        var unreadable = await HandlerFor(empty).HandleForCommandLineAsync(
            new ImportMandates.Command("lista.xlsx", Encoding.UTF8.GetBytes("trasig"), false));
        Assert.False(unreadable.Imported);
        Assert.Equal(nothing, await Counts());

        await using (var db = empty.CreateContext())
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER fail_mandate BEFORE INSERT ON Mandates BEGIN SELECT RAISE(ABORT, 'injected'); END;");
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => HandlerFor(empty).HandleForCommandLineAsync(Csv(good)));
        Assert.Equal(nothing, await Counts());

        await using (var db = empty.CreateContext()) await db.Database.ExecuteSqlRawAsync("DROP TRIGGER fail_mandate;");
        Assert.True((await HandlerFor(empty).HandleForCommandLineAsync(Csv(good))).Imported);
        var after = await Counts();
        Assert.Equal((1, 2), (after.Units, after.Clients));
        Assert.True(after.Actors > 0); // the unit comes with its default actors
        await using (var db = empty.CreateContext())
            Assert.All(await db.Clients.ToListAsync(), c => Assert.Equal(db.Units.Single().Id, c.UnitId));
    }

    [Fact]
    public async Task Closed_mandates_without_an_ombud_are_kept_without_one_and_no_account_is_created()
    {
        int usersBefore;
        await using (var db = _t.CreateContext()) usersBefore = await db.Users.CountAsync();
        var result = await HandlerFor(_t).HandleAsync(
            Csv(
                $"{Header}\nK1;;;;;Egen kontakt;Annat;2024-01-01;2024-02-01;Flyttat;\n" +
                "K2;;;;;Egen kontakt;Annat;2024-01-01;2024-03-01;Flyttat;"));
        Assert.True(result.Imported);
        Assert.Equal(2, result.WithoutOmbud);
        await using var after = _t.CreateContext();
        Assert.Equal(usersBefore, await after.Users.CountAsync());
        Assert.All(await after.Mandates.ToListAsync(), m => Assert.Null(m.OmbudId));
        Assert.All(await after.Clients.ToListAsync(), c => Assert.Null(c.OmbudId));
    }

    [Fact]
    public async Task Only_unit_leads_and_admins_may_import_and_an_unreadable_file_is_an_error_not_a_crash()
    {
        _t.User = _ombud;
        await Assert.ThrowsAsync<DomainException>(() => HandlerFor(_t).HandleAsync(Csv(File3)));
        _t.User = _lead;
        var result = await HandlerFor(_t).HandleAsync(new ImportMandates.Command("lista.xlsx", Encoding.UTF8.GetBytes("trasig"), false));
        Assert.Contains("kunde inte läsas", result.Errors.Single().Message);
    }

    [Fact]
    public async Task Imported_mandates_give_the_same_yearly_figures_as_the_same_mandates_entered_by_hand()
    {
        await HandlerFor(_t).HandleAsync(Csv(File3));

        // The same three clients entered through the registration and closing use cases, in another database.
        await using var hand = await TestDb.CreateAsync(clock: Clock);
        var unit = await hand.AddUnitAsync("Testenheten", "Malmö", "Lund");
        hand.User = await AddOmbudAsync(hand, unit.Id);
        var register = hand.Get<RegisterClient.Handler>();
        var close = hand.Get<CloseMandate.Handler>();
        await using (var db = hand.CreateContext())
        {
            var cats = await db.Categories.ToListAsync();
            int C(CategoryKind k, string n) => cats.Single(c => c.Kind == k && c.Name == n).Id;
            var muni = await db.Municipalities.ToDictionaryAsync(m => m.Name, m => m.Id);
            async Task Enter(
                Gender g, int? by, string m, ChildrenAtHome ch, string path, string[] reasons, DateTime start, DateTime? end,
                string? closure)
            {
                var id = await register.HandleAsync(new RegisterClient.Command
                {
                    Gender = g,
                    BirthYear = by,
                    MunicipalityId = muni[m],
                    ChildrenAtHome = ch,
                    RegisteredOn = start,
                    StartDate = start,
                    ReferralPathId = C(CategoryKind.ReferralPath, path),
                    ContactReasonIds = reasons.Select(r => C(CategoryKind.ContactReason, r)).ToList(),
                });
                if (end is null) return;
                await using var d = hand.CreateContext();
                var mandateId = await d.Mandates.Where(x => x.ClientId == id).Select(x => x.Id).SingleAsync();
                await close.HandleAsync(
                    new CloseMandate.Command
                    {
                        MandateId = mandateId,
                        ClosedOn = end,
                        ClosureReasonId = C(CategoryKind.ClosureReason, closure!)
                    });
            }
            await Enter(
                Gender.Woman, 1980, "Malmö", ChildrenAtHome.No, "Egen kontakt", ["Ekonomi", "Bryta isolering"], new(2025, 2, 1),
                new(2025, 11, 30), "Flyttat");
            await Enter(Gender.Man, 1960, "Malmö", ChildrenAtHome.Fully, "Psykiatrin", ["Annat"], new(2025, 12, 31), null, null);
            await Enter(
                Gender.Unknown, null, "Lund", ChildrenAtHome.Partly, "Egen kontakt", ["Ekonomi"], new(2024, 5, 5), new(2025, 1, 1),
                "Uppdraget slutfört");
        }

        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            var imported = AnnualStatistics.Compute(
                year, await AnnualStatistics.Handler.LoadFactsAsync(_t.Factory, _unit.Id, year, null, default));
            var entered = AnnualStatistics.Compute(
                year, await AnnualStatistics.Handler.LoadFactsAsync(hand.Factory, unit.Id, year, null, default));
            Assert.Equal(ReportJson.Serialize(entered, null), ReportJson.Serialize(imported, null));
        }

        var f = AnnualStatistics.Compute(2025, await AnnualStatistics.Handler.LoadFactsAsync(_t.Factory, _unit.Id, 2025, null, default));
        Assert.Equal(new AnnualStatistics.ByGender(3, 1, 1, 0, 1), f.Clients);
        Assert.Equal(new AnnualStatistics.ByGender(2, 1, 1, 0, 0), f.NewClients);
        Assert.Equal(new AnnualStatistics.ByGender(2, 1, 0, 0, 1), f.ClosedClients);
        Assert.Equal(new AnnualStatistics.ByGender(1, 0, 1, 0, 0), f.ActiveAtYearEnd);
        Assert.Equal(2, f.ClientsWithChildrenAtHome);
        Assert.Equal(2, f.ContactReasons["Ekonomi"]);
        Assert.Equal(1, f.ClosureReasons["Flyttat"]);
        Assert.Equal(1, f.AgeGroups["65+"]);
    }
}
