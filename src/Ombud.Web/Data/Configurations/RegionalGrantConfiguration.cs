using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Web.Data.Configurations;

internal sealed class RegionalGrantConfiguration : IEntityTypeConfiguration<RegionalGrant>
{
    public void Configure(EntityTypeBuilder<RegionalGrant> e)
    {
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.UserId, x.UnitId }).IsUnique();
        e.HasIndex(x => x.UnitId);
    }
}
