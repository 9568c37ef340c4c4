using FluentValidation;
using Ombud.Web.Features.Admin;
using Ombud.Web.Features.Clients;

namespace Ombud.IntegrationTests;

/// <summary>
/// A production first start (no demo data): the unit exists without municipalities, so nobody can register a client
/// until the admin adds one under Administration → Enheten. Through the real host and database.
/// </summary>
public sealed class ProductionStartFactory : IAsyncLifetime
{
    /// <summary>The unit as the admin first sees it, before any test changes it.</summary>
    public GetUnit.Result InitialUnit { get; private set; } = null!;

    public const string AdminPassword = "Forsta-admin-2026";
    public OmbudAppFactory App { get; } = new()
    {
        ExtraSettings = new Dictionary<string, string>
        {
            ["Ombud:SeedDemoData"] = "false",
            ["Ombud:UnitName"] = "PO Norrland",
            ["Ombud:Admin:UserName"] = "forsta-admin",
            ["Ombud:Admin:Password"] = AdminPassword,
        },
    };

    public async Task InitializeAsync()
    {
        await using var admin = await HostScope.AsAsync(App, "forsta-admin");
        InitialUnit = await admin.Get<GetUnit.Handler>().HandleAsync();
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

public class UnitSetupTests(ProductionStartFactory fx) : IClassFixture<ProductionStartFactory>
{
    private OmbudAppFactory App => fx.App;

    private static async Task<RegisterClient.Command> NewClientAsync(HostScope s, int? municipalityId)
    {
        var lookups = s.Get<Lookups.Handler>();
        var today = SwedishDate.Today;
        return new RegisterClient.Command
        {
            Gender = Gender.Man,
            MunicipalityId = municipalityId,
            RegisteredOn = SwedishDate.TodayAsDateTime.AddDays(-3),
            StartNow = true,
            StartDate = SwedishDate.TodayAsDateTime.AddDays(-2),
            ReferralPathId = (await lookups.CategoriesAsync(CategoryKind.ReferralPath, today))[0].Id,
            ContactReasonIds = [(await lookups.CategoriesAsync(CategoryKind.ContactReason, today))[0].Id],
        };
    }

    private async Task<HostScope> OmbudAsync()
    {
        await using (var admin = await HostScope.AsAsync(App, "forsta-admin"))
        await using (var db = await admin.DbAsync())
        {
            if (!await db.Users.AnyAsync(u => u.UserName == "norr-ombud"))
                await admin.Get<SaveUser.Handler>().HandleAsync(new SaveUser.Command
                { UserName = "norr-ombud", DisplayName = "Norr Ombud", Roles = [Roles.Ombud], NewPassword = "Norr-ombud-2026" });
        }
        return await HostScope.AsAsync(App, "norr-ombud");
    }

    [Fact]
    public async Task On_a_first_start_the_admin_adds_a_municipality_and_only_then_an_ombud_can_register_a_client()
    {
        await using var ombud = await OmbudAsync();
        await using var admin = await HostScope.AsAsync(App, "forsta-admin");
        // The first start made the unit from configuration, with no municipality and the default retention time.
        Assert.Equal(("PO Norrland", 3, 0), (fx.InitialUnit.Name, fx.InitialUnit.RetentionMonths, fx.InitialUnit.Municipalities.Count));
        // Nothing to choose, and the server refuses a made-up id.
        var invalid = await Assert.ThrowsAsync<ValidationException>(async () =>
            await ombud.Get<RegisterClient.Handler>().HandleAsync(await NewClientAsync(ombud, null)));
        Assert.Contains("Välj kommun eller stadsdel.", invalid.Message);
        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
            await ombud.Get<RegisterClient.Handler>().HandleAsync(await NewClientAsync(ombud, 4711)));
        Assert.Contains("kommun som enheten arbetar i", refused.Message);

        var id = await admin.Get<SaveMunicipality.Handler>().HandleAsync(new SaveMunicipality.Command { Name = "  Norrby " });
        var offered = await ombud.Get<Lookups.Handler>().MunicipalitiesAsync();
        Assert.Contains(offered, m => m.Id == id && m.Name == "Norrby");
        var clientId = await ombud.Get<RegisterClient.Handler>().HandleAsync(await NewClientAsync(ombud, id));
        Assert.Equal("Norrby", (await ombud.Get<GetClient.Handler>().HandleAsync(clientId))!.Municipality);

        // Now used: it can be renamed (the client follows) but not removed.
        await admin.Get<SaveMunicipality.Handler>().HandleAsync(new SaveMunicipality.Command { Id = id, Name = "Norrby kommun" });
        Assert.Equal("Norrby kommun", (await ombud.Get<GetClient.Handler>().HandleAsync(clientId))!.Municipality);
        var used = await Assert.ThrowsAsync<DomainException>(
            () => admin.Get<DeleteMunicipality.Handler>().HandleAsync(new DeleteMunicipality.Command(id)));
        Assert.Equal(DeleteMunicipality.UsedMessage, used.Message);
        Assert.Equal(1, (await admin.Get<GetUnit.Handler>().HandleAsync()).Municipalities.Single(m => m.Id == id).ClientCount);

        // The unit stops serving it (after adding the district it serves instead).
        var setActive = admin.Get<SetMunicipalityActive.Handler>();
        var south = await admin.Get<SaveMunicipality.Handler>().HandleAsync(new SaveMunicipality.Command { Name = "Söderby" });
        await setActive.HandleAsync(new SetMunicipalityActive.Command(id, false));
        var served = (await ombud.Get<Lookups.Handler>().MunicipalitiesAsync()).Select(m => m.Id).ToList();
        Assert.Contains(south, served);
        Assert.DoesNotContain(id, served);
        Assert.Contains(await ombud.Get<Lookups.Handler>().MunicipalitiesAsync(includeInactive: true),
            m => m.Id == id && m.Name == "Norrby kommun" + Lookups.Handler.InactiveSuffix);
        var notServed = await Assert.ThrowsAsync<DomainException>(async () =>
            await ombud.Get<RegisterClient.Handler>().HandleAsync(await NewClientAsync(ombud, id)));
        Assert.Contains("kommun som enheten arbetar i", notServed.Message);
        // its client keeps it, and can still be edited
        var details = (await ombud.Get<GetClient.Handler>().HandleAsync(clientId))!;
        var edit = EditClient.Command.From(details);
        edit.Name = "Norra klienten";
        await ombud.Get<EditClient.Handler>().HandleAsync(edit);
        Assert.Equal(("Norra klienten", "Norrby kommun"),
            ((await ombud.Get<GetClient.Handler>().HandleAsync(clientId))!.Name, details.Municipality));
        await setActive.HandleAsync(new SetMunicipalityActive.Command(id, true));
        Assert.Contains(id, (await ombud.Get<Lookups.Handler>().MunicipalitiesAsync()).Select(m => m.Id));

        await using var db = await admin.DbAsync();
        var audited = await db.AuditEntries.Where(a => a.EntityType == nameof(Municipality) && a.EntityId == id.ToString()).ToListAsync();
        Assert.Contains(audited, a => a.Action == AuditActions.Created && a.UserId == admin.User.Id);
        Assert.Contains(audited, a => a.Action == AuditActions.Changed && a.UserId == admin.User.Id);
    }

    [Fact]
    public async Task An_unused_municipality_is_removed_and_names_are_unique_by_Swedish_case_rules()
    {
        await using var admin = await HostScope.AsAsync(App, "forsta-admin");
        var save = admin.Get<SaveMunicipality.Handler>();
        var id = await save.HandleAsync(new SaveMunicipality.Command { Name = "Östra stadsdelen" });
        var taken = await Assert.ThrowsAsync<DomainException>(
            () => save.HandleAsync(new SaveMunicipality.Command { Name = "östra STADSDELEN" }));
        Assert.Contains("redan", taken.Message);
        await Assert.ThrowsAsync<ValidationException>(() => save.HandleAsync(new SaveMunicipality.Command { Name = "  " }));

        await admin.Get<DeleteMunicipality.Handler>().HandleAsync(new DeleteMunicipality.Command(id));
        Assert.DoesNotContain((await admin.Get<GetUnit.Handler>().HandleAsync()).Municipalities, m => m.Id == id);
        await using var db = await admin.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(
            a => a.Action == AuditActions.Deleted && a.EntityType == nameof(Municipality) && a.EntityId == id.ToString()));
    }

    [Fact]
    public async Task The_admin_sets_the_units_name_and_retention_time_within_limits_and_closing_then_uses_it()
    {
        await using var admin = await HostScope.AsAsync(App, "forsta-admin");
        var save = admin.Get<SaveUnit.Handler>();
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => save.HandleAsync(
            new SaveUnit.Command { Name = "PO Norrland", RetentionMonths = SaveUnit.MaxRetentionMonths + 1 }));
        Assert.Contains($"mellan 0 och {SaveUnit.MaxRetentionMonths} månader", tooLong.Message);
        await Assert.ThrowsAsync<ValidationException>(
            () => save.HandleAsync(new SaveUnit.Command { Name = "PO Norrland", RetentionMonths = -1 }));

        await save.HandleAsync(new SaveUnit.Command { Name = " PO Norrland och Lappland ", RetentionMonths = 7 });
        var unit = await admin.Get<GetUnit.Handler>().HandleAsync();
        Assert.Equal(("PO Norrland och Lappland", 7), (unit.Name, unit.RetentionMonths));

        // A mandate closed while keeping identity is removed 7 months after closing.
        var municipality = await admin.Get<SaveMunicipality.Handler>().HandleAsync(new SaveMunicipality.Command { Name = "Gallringsby" });
        await using var ombud = await OmbudAsync();
        var clientId = await ombud.Get<RegisterClient.Handler>().HandleAsync(await NewClientAsync(ombud, municipality));
        var mandate = (await ombud.Get<GetClient.Handler>().HandleAsync(clientId))!.Mandate;
        var reason = (await ombud.Get<Lookups.Handler>().CategoriesAsync(CategoryKind.ClosureReason, SwedishDate.Today))[0].Id;
        var result = await ombud.Get<CloseMandate.Handler>().HandleAsync(new CloseMandate.Command
        {
            MandateId = mandate.Id,
            ClosedOn = SwedishDate.TodayAsDateTime.AddDays(-1),
            ClosureReasonId = reason,
            RemoveIdentityNow = false,
        });
        Assert.Equal(DateOnly.FromDateTime(SwedishDate.TodayAsDateTime.AddDays(-1)).AddMonths(7), result.DisposeOn);

        await using var db = await admin.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Changed && a.EntityType == nameof(Unit)
            && a.EntityId == unit.Id.ToString() && a.UserId == admin.User.Id));
    }
}
