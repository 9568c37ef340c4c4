using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Web.Data.Configurations;

internal sealed class SipMeetingConfiguration : IEntityTypeConfiguration<SipMeeting>
{
    public void Configure(EntityTypeBuilder<SipMeeting> e)
    {
        e.HasOne(x => x.Mandate).WithMany(x => x.SipMeetings).HasForeignKey(x => x.MandateId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.CalledBy).WithMany().HasForeignKey(x => x.CalledById).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.LeadActor).WithMany().HasForeignKey(x => x.LeadActorId).OnDelete(DeleteBehavior.Restrict);
        // A plain reference, no foreign key: deleting or anonymising one meeting must never be blocked by a later one.
        e.HasIndex(x => x.PreviousMeetingId);
        e.Ignore(x => x.OpenMeasures);
        e.Property(x => x.Place).HasMaxLength(Limits.Name);
        e.Property(x => x.Relatives).HasMaxLength(Limits.Name);
        e.Property(x => x.ClientGoals).HasMaxLength(Limits.ShortText);
        e.Property(x => x.PlanReference).HasMaxLength(Limits.Name);
        e.HasMany(x => x.Participants).WithOne().HasForeignKey(x => x.SipMeetingId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Measures).WithOne().HasForeignKey(x => x.SipMeetingId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.MandateId, x.Date });
        e.HasIndex(x => x.FollowUpOn);
    }
}

internal sealed class SipParticipantConfiguration : IEntityTypeConfiguration<SipParticipant>
{
    public void Configure(EntityTypeBuilder<SipParticipant> e)
    {
        e.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.ContactPerson).HasMaxLength(Limits.Name);
        e.Property(x => x.Role).HasMaxLength(Limits.Name);
    }
}

internal sealed class SipMeasureConfiguration : IEntityTypeConfiguration<SipMeasure>
{
    public void Configure(EntityTypeBuilder<SipMeasure> e)
    {
        e.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.What).HasMaxLength(Limits.ShortText).IsRequired();
        e.HasIndex(x => x.DueOn);
    }
}
