using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Data.Seed;

/// <summary>
/// Start-up work: apply migrations, seed the category lists and roles, create the first unit and admin, and (only when
/// Ombud:SeedDemoData is on) a fictional demo caseload.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<OmbudDbContext> dbFactory, UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    IConfiguration config, TimeProvider clock, ILogger<DatabaseInitializer> log)
{
    /// <param name="seedDemoData">Add the small fictional demo unit to an empty database.</param>
    /// <param name="warnWithoutUsers">
    /// Log a warning when no user exists and none is configured: at the web app's start, where nobody could sign in. The
    /// command-line verbs pass false (they need no user, and <c>seed-demo</c> creates its own).
    /// </param>
    /// <param name="createFirstUnit">
    /// Create the first unit (and admin from configuration) on an empty database. The operator's set-up verbs
    /// (<c>units</c>, <c>users</c>) pass false: a region names its units itself.
    /// </param>
    public async Task InitializeAsync(
        bool seedDemoData, bool warnWithoutUsers = true, CancellationToken ct = default, bool createFirstUnit = true)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
            if (!await db.Categories.AnyAsync(ct))
            {
                db.Categories.AddRange(DefaultCategories.Create());
                await db.SaveChangesAsync(ct);
                log.LogInformation("Seeded the default category lists");
            }
            else
            {
                // Lists added in a later version (e.g. systembristkategorier): seed each kind that has no entries yet.
                var present = await db.Categories.Select(c => c.Kind).Distinct().ToListAsync(ct);
                var missing = DefaultCategories.Create().Where(c => !present.Contains(c.Kind)).ToList();
                if (missing.Count > 0)
                {
                    db.Categories.AddRange(missing);
                    await db.SaveChangesAsync(ct);
                    log.LogInformation(
                        "Seeded default entries for {Count} new category lists",
                        missing.Select(c => c.Kind).Distinct().Count());
                }
            }
        }
        await EnsureDefaultSurveyAsync(ct);
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        if (seedDemoData)
        {
            await new DemoData(dbFactory, users, clock).SeedAsync(ct);
            return;
        }
        if (createFirstUnit) await EnsureUnitAndAdminAsync(warnWithoutUsers, ct);
    }

    /// <summary>The shared default brukarundersökning (added once; also to databases made before surveys existed).</summary>
    private async Task EnsureDefaultSurveyAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.SurveyTemplates.AnyAsync(t => t.UnitId == null, ct)) return;
        db.SurveyTemplates.Add(DefaultSurvey.Create());
        await db.SaveChangesAsync(ct);
        log.LogInformation("Seeded the default survey template");
    }

    /// <summary>Production first start: a unit and one admin from configuration (Ombud:Admin:UserName / Password).</summary>
    private async Task EnsureUnitAndAdminAsync(bool warnWithoutUsers, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.Units.OrderBy(u => u.Id).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            unit = new Unit { Name = config["Ombud:UnitName"] is { Length: > 0 } n ? n : "Personligt ombud" };
            db.Units.Add(unit);
            await db.SaveChangesAsync(ct);
            await AddDefaultActorsAsync(db, unit.Id, ct);
        }
        if (await db.Users.AnyAsync(ct)) return;
        var userName = config["Ombud:Admin:UserName"];
        var password = config["Ombud:Admin:Password"];
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password))
        {
            if (warnWithoutUsers)
                log.LogWarning("No users exist. Set Ombud:Admin:UserName and Ombud:Admin:Password to create the first admin");
            return;
        }
        var admin = new AppUser { UserName = userName, DisplayName = "Administratör", UnitId = unit.Id, EmailConfirmed = true };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("Could not create the first admin: "
                + string.Join("; ", result.Errors.Select(e => e.Description)));
        // The first admin runs the unit and the installation (category lists, units, backup); a region gives the
        // Systemadministratör role to its operators and takes it from unit admins (docs/operations.md).
        await users.AddToRolesAsync(admin, [Roles.Admin, Roles.SystemAdmin]);
        log.LogInformation("Created the first admin account");
    }

    public static async Task AddDefaultActorsAsync(OmbudDbContext db, int unitId, CancellationToken ct)
    {
        var types = await db.Categories.Where(c => c.Kind == CategoryKind.ActorType).ToListAsync(ct);
        foreach (var (name, type) in DefaultCategories.Actors)
        {
            var t = types.FirstOrDefault(x => x.Name == type) ?? types.First(x => x.Name == "Annan");
            db.Actors.Add(new Actor { UnitId = unitId, Name = name, ActorTypeId = t.Id });
        }
        await db.SaveChangesAsync(ct);
    }
}
