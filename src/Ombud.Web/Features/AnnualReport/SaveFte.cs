namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// Saves the unit's årsarbetare (FTE) for a year, shown in the yearly report. One value per unit and year: saving again
/// replaces it. Entered by the unit lead (enhetschef); an administrator may too.
/// </summary>
public static class SaveFte
{
    public sealed class Command
    {
        public int Year { get; set; }
        public decimal? Fte { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("Ange ett år mellan 2000 och 2100.");
            RuleFor(x => x.Fte).NotNull().WithMessage("Ange antal årsarbetare.")
                .InclusiveBetween(0m, UnitYearFte.Max).WithMessage($"Årsarbetare ska vara mellan 0 och {UnitYearFte.Max:0}.")
                .Must(f => f is null || decimal.Round(f.Value, 2) == f.Value).WithMessage("Ange högst två decimaler, till exempel 3,5.");
        }
    }

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, ILogger<Handler> log)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            if (!me.IsUnitLead && !me.IsAdmin) throw new DomainException("Bara enhetschef och administratör kan ange årsarbetare.");
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var row = await db.UnitYearFtes.FirstOrDefaultAsync(x => x.UnitId == me.UnitId && x.Year == cmd.Year, ct);
            if (row is null) db.UnitYearFtes.Add(row = new UnitYearFte { UnitId = me.UnitId, Year = cmd.Year });
            row.Fte = cmd.Fte!.Value;
            await db.SaveChangesAsync(ct);
            log.LogInformation("FTE for {Year} saved by user {UserId}", cmd.Year, me.Id);
        }
    }
}
