using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Ombud.Web.Data;

/// <summary>
/// The application database. Provider-specific subclasses (<see cref="SqliteOmbudDbContext"/>,
/// <see cref="SqlServerOmbudDbContext"/>) exist only so each provider has its own migration set in this assembly.
/// </summary>
public class OmbudDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// ASP.NET Core data-protection keys (sign-in cookies, antiforgery): shared by every app instance, kept across restarts.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Mandate> Mandates => Set<Mandate>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<AuthorityContact> AuthorityContacts => Set<AuthorityContact>();
    public DbSet<SipMeeting> SipMeetings => Set<SipMeeting>();
    public DbSet<SipParticipant> SipParticipants => Set<SipParticipant>();
    public DbSet<SipMeasure> SipMeasures => Set<SipMeasure>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Reassignment> Reassignments => Set<Reassignment>();
    public DbSet<ClientRequest> ClientRequests => Set<ClientRequest>();

    /// <summary>The users who have <paramref name="role"/> (one query, no separate role-id lookup).</summary>
    public IQueryable<AppUser> UsersInRole(string role) =>
        Users.Where(u => UserRoles.Any(ur => ur.UserId == u.Id && Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
    public DbSet<SystemFault> SystemFaults => Set<SystemFault>();
    public DbSet<SteeringGroupMember> SteeringGroupMembers => Set<SteeringGroupMember>();
    public DbSet<SteeringGroupMeeting> SteeringGroupMeetings => Set<SteeringGroupMeeting>();
    public DbSet<UnitYearFte> UnitYearFtes => Set<UnitYearFte>();
    public DbSet<SurveyTemplate> SurveyTemplates => Set<SurveyTemplate>();
    public DbSet<SurveyQuestion> SurveyQuestions => Set<SurveyQuestion>();
    public DbSet<SurveyOption> SurveyOptions => Set<SurveyOption>();
    public DbSet<SurveyRound> SurveyRounds => Set<SurveyRound>();
    public DbSet<SurveyCode> SurveyCodes => Set<SurveyCode>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();
    public DbSet<MunicipalityYearPost> MunicipalityYearPosts => Set<MunicipalityYearPost>();
    public DbSet<YearReportSubmission> YearReportSubmissions => Set<YearReportSubmission>();
    public DbSet<AnnualNarrative> AnnualNarratives => Set<AnnualNarrative>();
    /// <summary>Units a Regional uppföljare may read the roll-up of.</summary>
    public DbSet<RegionalGrant> RegionalGrants => Set<RegionalGrant>();
    /// <summary>Leases that let one of several app instances run a background job (the daily retention sweep).</summary>
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    /// <summary>Collation name for Swedish, case-insensitive ordering and comparison on this provider.</summary>
    public string SwedishCollation => Database.IsSqlServer() ? SqlServerOmbudDbContext.Collation : SqliteSwedishCollation.Name;

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.ApplyConfigurationsFromAssembly(
            typeof(OmbudDbContext).Assembly, t => t.Namespace == typeof(OmbudDbContext).Namespace + ".Configurations");
        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
            b.Entity(type.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Concurrency.RaiseVersions(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Concurrency.RaiseVersions(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }
}

public sealed class SqliteOmbudDbContext(DbContextOptions<SqliteOmbudDbContext> options) : OmbudDbContext(options);

public sealed class SqlServerOmbudDbContext(DbContextOptions<SqlServerOmbudDbContext> options) : OmbudDbContext(options)
{
    public const string Collation = "Finnish_Swedish_CI_AS";
}
