using ClosedXML.Excel;
using Microsoft.AspNetCore.Identity;
using Ombud.Web.Features.Admin;
using Ombud.Web.Features.Region;

namespace Ombud.Tests.Features.Region;

/// <summary>
/// The Regional uppföljare: grants by the Systemadministratör, the roll-up of the granted units, the download, the audit.
/// </summary>
public class RollUpYearReportTests : HandlerTestBase
{
    private Unit _south = default!;
    private UserInfo _viewer = default!;
    private UserInfo _sysadmin = default!;

    protected override async Task SeedAsync()
    {
        _south = await _t.AddUnitAsync("Enheten Söder", "Söderby");
        _viewer = await _t.AddUserAsync(_unit.Id, Roles.RegionalViewer);
        _sysadmin = await _t.AddUserAsync(_unit.Id, Roles.SystemAdmin);
        await using (var db = _t.CreateContext())
        {
            var role = new IdentityRole(Roles.RegionalViewer) { NormalizedName = Roles.RegionalViewer.ToUpperInvariant() };
            db.Roles.Add(role);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = _viewer.Id, RoleId = role.Id });
            await db.SaveChangesAsync();
        }
        // 2025: 12 clients in the first unit (one man), 5 in Söder
        var north = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        var south = await _t.AddUserAsync(_south.Id, Roles.Ombud);
        for (var i = 0; i < 12; i++) await _t.AddMandateAsync(north, new DateOnly(2025, 3, 1));
        for (var i = 0; i < 5; i++) await _t.AddMandateAsync(south, new DateOnly(2025, 4, 1));
        await using (var db = _t.CreateContext())
        {
            var clients = await db.Clients.Where(c => c.UnitId == _unit.Id).OrderBy(c => c.Id).ToListAsync();
            foreach (var c in clients) c.Gender = Gender.Woman;
            clients[0].Gender = Gender.Man;
            foreach (var c in await db.Clients.Where(c => c.UnitId == _south.Id).ToListAsync()) c.Gender = Gender.Woman;
            await db.SaveChangesAsync();
        }
    }

    private async Task GrantAsync(int unitId, bool granted = true)
    {
        _t.User = _sysadmin;
        await _t.Get<SetRegionalGrant.Handler>().HandleAsync(new SetRegionalGrant.Command(_viewer.Id, unitId, granted));
    }

    private async Task<List<AuditEntry>> AuditAsync(string entity)
    {
        await using var db = _t.CreateContext();
        return await db.AuditEntries.Where(a => a.EntityType == entity).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task The_Systemadministratör_grants_and_revokes_units_and_each_change_is_audited_once()
    {
        await GrantAsync(_unit.Id);
        await GrantAsync(_south.Id);
        await GrantAsync(_south.Id); // already granted: nothing changes
        _t.User = _sysadmin;
        var rows = await _t.Get<ListRegionalViewers.Handler>().HandleAsync();
        Assert.Equal([_unit.Id, _south.Id], rows.Single().UnitIds.Order());

        await GrantAsync(_south.Id, granted: false);
        rows = await _t.Get<ListRegionalViewers.Handler>().HandleAsync();
        Assert.Equal([_unit.Id], rows.Single().UnitIds);

        var audit = await AuditAsync(SetRegionalGrant.AuditEntity);
        var home = audit.Where(a => a.UnitId == _unit.Id).ToList(); // the Systemadministratör's log
        Assert.Equal([AuditActions.Created, AuditActions.Created, AuditActions.Deleted], home.Select(a => a.Action));
        Assert.Equal($"{_viewer.Id} enhet {_south.Id}", home[^1].EntityId);
        // Söder's own log shows who was given its figures, and when that ended
        var south = audit.Where(a => a.UnitId == _south.Id).ToList();
        Assert.Equal([AuditActions.Created, AuditActions.Deleted], south.Select(a => a.Action));
        Assert.All(south, a => Assert.Equal($"{_viewer.Id} enhet {_south.Id}", a.EntityId));
        Assert.Equal(5, audit.Count);
        Assert.All(audit, a => Assert.Equal(_sysadmin.Id, a.UserId));
    }

    [Fact]
    public async Task Only_a_Systemadministratör_grants_and_only_to_a_Regional_uppföljare()
    {
        _t.User = TestDb.Admin(_unit.Id);
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            _t.Get<SetRegionalGrant.Handler>().HandleAsync(new SetRegionalGrant.Command(_viewer.Id, _south.Id, true)));
        Assert.StartsWith("Bara systemadministratörer", refused.Message);
        _t.User = _viewer;
        await Assert.ThrowsAsync<DomainException>(() =>
            _t.Get<SetRegionalGrant.Handler>().HandleAsync(new SetRegionalGrant.Command(_viewer.Id, _south.Id, true)));

        _t.User = _sysadmin;
        var notViewer = await Assert.ThrowsAsync<DomainException>(() =>
            _t.Get<SetRegionalGrant.Handler>().HandleAsync(new SetRegionalGrant.Command(_sysadmin.Id, _south.Id, true)));
        Assert.Contains("inte en regional uppföljare", notViewer.Message);
        await using var db = _t.CreateContext();
        Assert.Equal(0, await db.RegionalGrants.CountAsync());
    }

    [Fact]
    public async Task The_viewer_sees_the_granted_units_only_and_the_view_is_audited_without_values()
    {
        await GrantAsync(_south.Id);
        _t.User = _viewer;
        var r = await _t.Get<RollUpYearReport.Handler>().HandleAsync(2025);
        Assert.Equal(["Enheten Söder"], r.Units.Select(u => u.Name));
        Assert.Equal(5m, r.Sum["clients"].Rows.Single(x => x.JsonName == "total").Value); // the other unit's 12 are not in the sum
        Assert.Equal(3, r.Sum.Header.PublicationThreshold);

        var rows = await AuditAsync(RollUpYearReport.AuditEntity);
        Assert.Equal(2, rows.Count);
        var audit = Assert.Single(rows, a => a.UnitId == _unit.Id); // the account's home log names every unit
        Assert.Equal($"2025 visad enheter {_south.Id}", audit.EntityId);
        var own = Assert.Single(rows, a => a.UnitId == _south.Id); // and Söder's own log has the view too
        Assert.Equal($"2025 visad enhet {_south.Id}", own.EntityId);
        Assert.All(rows, a => Assert.Equal(AuditActions.Viewed, a.Action));
        Assert.All(rows, a => Assert.Equal(_viewer.Id, a.UserId));
        Assert.All(rows, a => Assert.Null(a.ClientId));
    }

    [Fact]
    public async Task Two_units_side_by_side_the_sum_adds_them_up_and_no_small_count_can_be_worked_out()
    {
        await GrantAsync(_unit.Id);
        await GrantAsync(_south.Id);
        _t.User = _viewer;
        var r = await _t.Get<RollUpYearReport.Handler>().HandleAsync(2025);
        Assert.Equal(["Enheten Söder", "Testenheten"], r.Units.Select(u => u.Name));
        var sumClients = r.Sum["clients"].Rows;
        Assert.Equal(17m, sumClients.Single(x => x.JsonName == "total").Value);
        // Testenheten's one man is hidden; the sum's men would give him away, so it is hidden as well (or a neighbour is)
        var men = r.Units.Select(u => u.Report["clients"].Rows.Single(x => x.JsonName == "men")).ToList();
        Assert.True(men[1].ValueSuppressed);
        var sumMen = sumClients.Single(x => x.JsonName == "men");
        Assert.True(sumMen.ValueSuppressed || men[0].ValueSuppressed);
        Assert.True(sumMen.ValueSuppressed || sumClients.Count(x => x.ValueSuppressed) >= 2);

        var grid = RollUpFiles.Grid(r);
        var clients = grid.Single(t => t.Key == "clients");
        Assert.Equal("–", clients.Rows.Single(x => x.Label == "Män").Units[1].Text);
        Assert.True(clients.HasSuppressed);
    }

    [Fact]
    public async Task The_download_has_a_sheet_per_unit_and_the_sum_and_is_audited_as_an_export()
    {
        await GrantAsync(_unit.Id);
        await GrantAsync(_south.Id);
        _t.User = _viewer;
        var file = await _t.Get<ExportRollUp.Handler>().HandleAsync(2025);
        Assert.Equal("regional-sammanstallning-2025.xlsx", file.FileName);
        using var wb = new XLWorkbook(new MemoryStream(file.Content));
        Assert.Equal(["Försättsblad", RollUpFiles.OverviewSheetName, "Enheten Söder", "Testenheten", RollUpYearReport.SumName],
            wb.Worksheets.Select(w => w.Name));
        Assert.Contains(wb.Worksheet(RollUpYearReport.SumName).CellsUsed(), c => c.GetString() == "17");
        Assert.Contains(wb.Worksheet("Testenheten").CellsUsed(), c => c.GetString() == "–");

        var rows = await AuditAsync(RollUpYearReport.AuditEntity);
        Assert.All(rows, a => Assert.Equal(AuditActions.Exported, a.Action));
        var audit = Assert.Single(rows, a => a.UnitId == _unit.Id); // the home unit, also granted: one row there
        Assert.Equal($"2025 xlsx enheter {string.Join(',', new[] { _unit.Id, _south.Id }.Order())}", audit.EntityId);
        Assert.Equal($"2025 xlsx enhet {_south.Id}", Assert.Single(rows, a => a.UnitId == _south.Id).EntityId);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task Without_a_grant_the_viewer_gets_no_units_and_other_roles_are_refused()
    {
        _t.User = _viewer;
        var r = await _t.Get<RollUpYearReport.Handler>().HandleAsync(2025);
        Assert.Empty(r.Units);
        Assert.Equal(0m, r.Sum["clients"].Rows.Single(x => x.JsonName == "total").Value);

        foreach (var other in new[] { _sysadmin, TestDb.Admin(_unit.Id), TestDb.Ombud(_unit.Id) })
        {
            _t.User = other;
            var refused = await Assert.ThrowsAsync<DomainException>(() => _t.Get<RollUpYearReport.Handler>().HandleAsync(2025));
            Assert.Equal(RegionAccess.Refused, refused.Message);
            await Assert.ThrowsAsync<DomainException>(() => _t.Get<ExportRollUp.Handler>().HandleAsync(2025));
        }
    }

    [Fact]
    public async Task The_roll_up_json_is_the_sums_report_with_each_unit_beside_it()
    {
        await GrantAsync(_unit.Id);
        await GrantAsync(_south.Id);
        _t.User = _viewer;
        var r = await _t.Get<RollUpYearReport.Handler>().HandleAsync(2025);
        using var json = System.Text.Json.JsonDocument.Parse(RollUpFiles.Json(r));
        var root = json.RootElement;
        Assert.Equal(17, root.GetProperty("clients").GetProperty("total").GetInt32());
        Assert.Equal(3, root.GetProperty("publication").GetProperty("threshold").GetInt32());
        var units = root.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(["Enheten Söder", "Testenheten"], units.Select(u => u.GetProperty("unit").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, units[1].GetProperty("clients").GetProperty("men").ValueKind);
        // each unit's cells as its report has them: a number, or null where suppressed (the one-municipality unit hides its total
        // in its own publication, since the municipality's hidden cells would otherwise follow from it)
        for (var i = 0; i < units.Count; i++)
        {
            var total = r.Units[i].Report["clients"].Rows.Single(x => x.JsonName == "total");
            var cell = units[i].GetProperty("clients").GetProperty("total");
            Assert.Equal(total.ValueSuppressed, cell.ValueKind == System.Text.Json.JsonValueKind.Null);
            if (!total.ValueSuppressed) Assert.Equal(total.Value, cell.GetDecimal());
        }
    }
}
