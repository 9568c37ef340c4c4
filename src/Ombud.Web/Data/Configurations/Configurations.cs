using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Web.Data.Configurations;

/// <summary>Field limits here and in the validators agree (see <see cref="Limits"/>).</summary>
internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> e)
    {
        e.Property(x => x.Name).HasMaxLength(Limits.Name).IsRequired();
        e.HasMany(x => x.Municipalities).WithOne().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> e)
    {
        e.Property(x => x.Name).HasMaxLength(Limits.Name).IsRequired();
        e.HasIndex(x => new { x.UnitId, x.Name }).IsUnique();
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> e)
    {
        e.Property(x => x.Name).HasMaxLength(Limits.CategoryName).IsRequired();
        e.HasIndex(x => new { x.Kind, x.SortOrder });
    }
}

internal sealed class ActorConfiguration : IEntityTypeConfiguration<Actor>
{
    public void Configure(EntityTypeBuilder<Actor> e)
    {
        e.Property(x => x.Name).HasMaxLength(Limits.Name).IsRequired();
        e.HasOne(x => x.ActorType).WithMany().HasForeignKey(x => x.ActorTypeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.UnitId, x.Name }).IsUnique();
    }
}

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> e)
    {
        e.Property(x => x.Code).HasMaxLength(Limits.ClientCode).IsRequired();
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Name).HasMaxLength(Limits.Name);
        e.Property(x => x.NameFolded).HasMaxLength(Limits.Name);
        e.Property(x => x.PersonalNumber).HasMaxLength(12).IsUnicode(false);
        e.Property(x => x.OmbudId).HasMaxLength(450);
        e.HasOne(x => x.Municipality).WithMany().HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OmbudId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.OmbudId, x.Code });
        e.HasIndex(x => x.NameFolded);
        // One client per person and unit, also when two saves race past RegisterClient's check. NULLs (no personnummer,
        // anonymised) never collide: SQLite treats them as distinct, SQL Server gets the filter EF adds for nullable columns.
        e.HasIndex(x => new { x.UnitId, x.PersonalNumber }).IsUnique();
    }
}

internal sealed class MandateConfiguration : IEntityTypeConfiguration<Mandate>
{
    public void Configure(EntityTypeBuilder<Mandate> e)
    {
        e.HasOne(x => x.Client).WithMany(x => x.Mandates).HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.OmbudId).HasMaxLength(450);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OmbudId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.ClosureReason).WithMany().HasForeignKey(x => x.ClosureReasonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.AfterMandate).WithMany().HasForeignKey(x => x.AfterMandateId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.ReferralPath).WithMany().HasForeignKey(x => x.ReferralPathId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.ContactReasons).WithMany().UsingEntity("MandateContactReasons",
            r => r.HasOne(typeof(Category)).WithMany().HasForeignKey("CategoryId").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(Mandate)).WithMany().HasForeignKey("MandateId").OnDelete(DeleteBehavior.Cascade));
        // A client never has two open mandates: the database guards the domain rule too ([x] quoting works in SQLite and SQL Server).
        e.HasIndex(x => x.ClientId).IsUnique().HasFilter("[Status] <> 3").HasDatabaseName("IX_Mandates_OneOpenPerClient");
        // A client's mandates, latest first (Mina klienter, the client page): the filtered index above covers open ones only.
        e.HasIndex(x => new { x.ClientId, x.RegisteredOn });
        // An ombud's mandates by status; the unit last, so that Enhetens ärenden's reads of the staff's open mandates check
        // the mandate's own unit too (defence in depth: an ombud's mandates are their unit's) from the index alone.
        e.HasIndex(x => new { x.OmbudId, x.Status, x.UnitId });
        // Enhetens ärenden per ombud and its trend: each of the unit's staff's mandates started, closed or registered since a
        // date, read from the index alone (the (UnitId, date) indexes found this year's rows but read each row for its ombud:
        // ≈ 100 ms of a 300-ombud unit's review). Led by the ombud, so the yearly report's per-unit plans did not pick them
        // (SQLite, measured); the unit last, as above.
        e.HasIndex(x => new { x.OmbudId, x.StartDate, x.UnitId });
        e.HasIndex(x => new { x.OmbudId, x.ClosedOn, x.StartDate, x.UnitId });
        e.HasIndex(x => new { x.OmbudId, x.RegisteredOn, x.StartDate, x.UnitId });
        // Per-unit counts by date (Enhetens ärenden's trend, the yearly report): the unit leads.
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.UnitId, x.StartDate });
        e.HasIndex(x => new { x.UnitId, x.ClosedOn });
        e.HasIndex(x => new { x.UnitId, x.RegisteredOn });
        e.HasIndex(x => new { x.UnitId, x.Status });
    }
}

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> e)
    {
        e.HasOne(x => x.Mandate).WithMany(x => x.Needs).HasForeignKey(x => x.MandateId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.LifeArea).WithMany().HasForeignKey(x => x.LifeAreaId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.ClientWords).HasMaxLength(Limits.ShortText).IsRequired();
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> e)
    {
        e.HasOne<Mandate>().WithMany(x => x.Consents).HasForeignKey(x => x.MandateId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuthorityContactConfiguration : IEntityTypeConfiguration<AuthorityContact>
{
    public void Configure(EntityTypeBuilder<AuthorityContact> e)
    {
        e.HasOne(x => x.Mandate).WithMany(x => x.Contacts).HasForeignKey(x => x.MandateId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        // Deleting a need keeps the contact; SQL Server forbids a second cascade path, so the link is cleared by the handler.
        e.HasOne(x => x.Need).WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.ClientSetNull);
        e.Property(x => x.Outcome).HasMaxLength(Limits.ShortText);
        e.HasMany(x => x.HelpKinds).WithMany().UsingEntity("AuthorityContactHelpKinds",
            r => r.HasOne(typeof(Category)).WithMany().HasForeignKey("CategoryId").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(AuthorityContact)).WithMany().HasForeignKey("AuthorityContactId").OnDelete(DeleteBehavior.Cascade));
        // ActorId in the key so that counting a year's contacts per actor type (the yearly report) reads the index alone:
        // at national scale that query read 800,000 table rows for their actor (0.81 -> 0.35 s for two years in SQLite).
        e.HasIndex(x => new { x.MandateId, x.Date, x.ActorId });
        e.HasIndex(x => x.FollowUpOn);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        e.Property(x => x.UserName).HasMaxLength(256).IsRequired();
        e.Property(x => x.Action).HasMaxLength(40).IsRequired();
        e.Property(x => x.EntityType).HasMaxLength(60).IsRequired();
        e.Property(x => x.EntityId).HasMaxLength(60);
        e.HasIndex(x => x.AtUtc);
        // A unit's log, latest first (Administration → Granskningslogg): the unit leads.
        e.HasIndex(x => new { x.UnitId, x.AtUtc });
        e.HasIndex(x => x.ClientId);
        e.HasIndex(x => x.UserId);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(x => x.DisplayName).HasMaxLength(Limits.Name).IsRequired();
    }
}
