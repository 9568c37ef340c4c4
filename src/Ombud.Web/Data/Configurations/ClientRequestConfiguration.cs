using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Web.Data.Configurations;

internal sealed class ClientRequestConfiguration : IEntityTypeConfiguration<ClientRequest>
{
    public void Configure(EntityTypeBuilder<ClientRequest> e)
    {
        e.Property(x => x.ClientCode).HasMaxLength(Limits.ClientCode).IsRequired();
        e.Property(x => x.Note).HasMaxLength(Limits.Reason).IsRequired();
        e.Property(x => x.ByUserId).HasMaxLength(450).IsRequired();
        e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.UnitId, x.AtUtc });
    }
}
