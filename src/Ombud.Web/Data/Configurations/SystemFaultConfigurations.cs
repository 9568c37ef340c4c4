using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Web.Data.Configurations;

internal sealed class SystemFaultConfiguration : IEntityTypeConfiguration<SystemFault>
{
    public void Configure(EntityTypeBuilder<SystemFault> e)
    {
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.ReportedById).HasMaxLength(450).IsRequired();
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ReportedById).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Category).WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Description).HasMaxLength(Limits.LongText).IsRequired();
        e.Property(x => x.Consequence).HasMaxLength(Limits.LongText);
        e.Property(x => x.Response).HasMaxLength(Limits.LongText);
        e.HasOne(x => x.SteeringGroupMeeting)
            .WithMany(x => x.Faults)
            .HasForeignKey(x => x.SteeringGroupMeetingId)
            .OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Actors).WithMany().UsingEntity("SystemFaultActors",
            r => r.HasOne(typeof(Actor)).WithMany().HasForeignKey("ActorId").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(SystemFault)).WithMany().HasForeignKey("SystemFaultId").OnDelete(DeleteBehavior.Cascade));
        // A need removed at anonymisation or deletion just drops out of the fault's count.
        e.HasMany(x => x.Needs).WithMany().UsingEntity("SystemFaultNeeds",
            r => r.HasOne(typeof(Need)).WithMany().HasForeignKey("NeedId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(SystemFault)).WithMany().HasForeignKey("SystemFaultId").OnDelete(DeleteBehavior.Cascade));
        e.HasIndex(x => new { x.UnitId, x.Date });
        e.HasIndex(x => new { x.UnitId, x.Status });
    }
}

internal sealed class SteeringGroupMemberConfiguration : IEntityTypeConfiguration<SteeringGroupMember>
{
    public void Configure(EntityTypeBuilder<SteeringGroupMember> e)
    {
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Organisation).HasMaxLength(Limits.Name).IsRequired();
        e.Property(x => x.PersonName).HasMaxLength(Limits.Name).IsRequired();
        e.Property(x => x.Role).HasMaxLength(Limits.Name);
        e.HasIndex(x => new { x.UnitId, x.From });
    }
}

internal sealed class SteeringGroupMeetingConfiguration : IEntityTypeConfiguration<SteeringGroupMeeting>
{
    public void Configure(EntityTypeBuilder<SteeringGroupMeeting> e)
    {
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Decisions).HasMaxLength(Limits.LongText);
        e.HasIndex(x => new { x.UnitId, x.Date });
    }
}
