using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Web.Data.Configurations;

internal sealed class ReassignmentConfiguration : IEntityTypeConfiguration<Reassignment>
{
    public void Configure(EntityTypeBuilder<Reassignment> e)
    {
        e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.FromOmbudId).HasMaxLength(450).IsRequired();
        e.Property(x => x.ToOmbudId).HasMaxLength(450).IsRequired();
        e.Property(x => x.ByUserId).HasMaxLength(450).IsRequired();
        e.Property(x => x.Reason).HasMaxLength(Limits.Reason).IsRequired();
        e.HasIndex(x => x.ClientId);
    }
}
