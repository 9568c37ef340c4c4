using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Web.Data.Configurations;

internal sealed class MunicipalityYearPostConfiguration : IEntityTypeConfiguration<MunicipalityYearPost>
{
    public void Configure(EntityTypeBuilder<MunicipalityYearPost> e)
    {
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Municipality).WithMany().HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Posts).HasPrecision(6, 2);
        e.HasIndex(x => new { x.MunicipalityId, x.Year }).IsUnique();
        e.HasIndex(x => new { x.UnitId, x.Year });
    }
}
