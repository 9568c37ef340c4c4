using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Web.Data.Configurations;

internal sealed class AnnualNarrativeConfiguration : IEntityTypeConfiguration<AnnualNarrative>
{
    public void Configure(EntityTypeBuilder<AnnualNarrative> e)
    {
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Introduction).HasMaxLength(AnnualNarrative.MaxIntroduction);
        e.HasIndex(x => new { x.UnitId, x.Year }).IsUnique();
    }
}
