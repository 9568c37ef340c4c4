using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Web.Data.Configurations;

internal sealed class SurveyTemplateConfiguration : IEntityTypeConfiguration<SurveyTemplate>
{
    public void Configure(EntityTypeBuilder<SurveyTemplate> e)
    {
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SurveyTemplate>().WithMany().HasForeignKey(x => x.CopiedFromId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Name).HasMaxLength(Limits.Name).IsRequired();
        e.Property(x => x.Introduction).HasMaxLength(Limits.LongText);
        e.Property(x => x.Closing).HasMaxLength(Limits.ShortText);
        e.HasMany(x => x.Questions).WithOne().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.UnitId);
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> e)
    {
        e.Property(x => x.Text).HasMaxLength(Limits.ShortText).IsRequired();
        e.Property(x => x.EasyText).HasMaxLength(Limits.ShortText);
        e.Property(x => x.ScaleMinLabel).HasMaxLength(Limits.Name);
        e.Property(x => x.ScaleMaxLabel).HasMaxLength(Limits.Name);
        e.HasMany(x => x.Options).WithOne().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.TemplateId, x.Number }).IsUnique();
    }
}

internal sealed class SurveyOptionConfiguration : IEntityTypeConfiguration<SurveyOption>
{
    public void Configure(EntityTypeBuilder<SurveyOption> e)
    {
        e.Property(x => x.Text).HasMaxLength(Limits.ShortText).IsRequired();
        e.HasIndex(x => new { x.QuestionId, x.Number }).IsUnique();
    }
}

internal sealed class SurveyRoundConfiguration : IEntityTypeConfiguration<SurveyRound>
{
    public void Configure(EntityTypeBuilder<SurveyRound> e)
    {
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Template).WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Name).HasMaxLength(Limits.Name).IsRequired();
        e.Property(x => x.NotAskedReason).HasMaxLength(Limits.ShortText);
        e.HasIndex(x => new { x.UnitId, x.OpensOn });
    }
}

internal sealed class SurveyCodeConfiguration : IEntityTypeConfiguration<SurveyCode>
{
    public void Configure(EntityTypeBuilder<SurveyCode> e)
    {
        e.HasOne<SurveyRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.CodeHash).HasMaxLength(64).IsRequired();
        e.HasIndex(x => x.CodeHash).IsUnique();
        e.HasIndex(x => x.RoundId);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> e)
    {
        e.HasOne<SurveyRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Cascade);
        // A printed form is entered once; web answers have no number.
        e.HasIndex(x => new { x.RoundId, x.FormNumber }).IsUnique().HasFilter("[FormNumber] IS NOT NULL");
    }
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> e)
    {
        e.HasOne<SurveyQuestion>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SurveyOption>().WithMany().HasForeignKey(x => x.OptionId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Text).HasMaxLength(Limits.ShortText);
        e.HasIndex(x => new { x.QuestionId, x.OptionId });
    }
}
