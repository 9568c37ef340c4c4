using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Web.Data.Configurations;

internal sealed class YearReportSubmissionConfiguration : IEntityTypeConfiguration<YearReportSubmission>
{
    public void Configure(EntityTypeBuilder<YearReportSubmission> e)
    {
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.SubmittedById).HasMaxLength(450);
        e.Property(x => x.SubmittedByName).HasMaxLength(200);
        e.HasIndex(x => new { x.UnitId, x.Year }).IsUnique();
    }
}
