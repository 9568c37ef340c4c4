using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Web.Data.Configurations;

internal sealed class UnitYearFteConfiguration : IEntityTypeConfiguration<UnitYearFte>
{
    public void Configure(EntityTypeBuilder<UnitYearFte> e)
    {
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Fte).HasPrecision(6, 2);
        e.HasIndex(x => new { x.UnitId, x.Year }).IsUnique();
    }
}
