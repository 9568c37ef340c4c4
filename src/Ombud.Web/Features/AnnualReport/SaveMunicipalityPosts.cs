namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// Saves the unit's posts (årsarbetare) per municipality for a year, listed in the yearly report: the state grant is
/// divided by posts per municipality. One value per municipality and year; saving again replaces it, an empty value
/// removes it. Entered by the unit lead (an administrator may too). The unit's own årsarbetare (<see cref="SaveFte"/>)
/// stay a figure of their own.
/// </summary>
public static class SaveMunicipalityPosts
{
    public sealed class Command
    {
        public int Year { get; set; }
        public List<Entry> Posts { get; set; } = [];
    }

    public sealed class Entry
    {
        public int MunicipalityId { get; set; }
        /// <summary>The municipality's name, for the form's label (not stored).</summary>
        public string Name { get; set; } = "";
        public decimal? Posts { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("Ange ett år mellan 2000 och 2100.");
            RuleFor(x => x.Posts)
                .Must(p => p.Select(e => e.MunicipalityId).Distinct().Count() == p.Count)
                .WithMessage("En kommun kan bara anges en gång.");
            RuleForEach(x => x.Posts).ChildRules(e => e.RuleFor(x => x.Posts)
                .InclusiveBetween(0m, UnitYearFte.Max).WithMessage($"Årsarbetare ska vara mellan 0 och {UnitYearFte.Max:0}.")
                .Must(f => f is null || decimal.Round(f.Value, 2) == f.Value).WithMessage("Ange högst två decimaler, till exempel 1,5."));
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
            var ids = cmd.Posts.Select(p => p.MunicipalityId).ToList();
            var own = await db.Municipalities.Where(m => m.UnitId == me.UnitId && ids.Contains(m.Id)).CountAsync(ct);
            if (own != ids.Count) throw new DomainException("Kommunen finns inte i enheten.");
            var rows = await db.MunicipalityYearPosts
                .Where(x => x.UnitId == me.UnitId && x.Year == cmd.Year && ids.Contains(x.MunicipalityId))
                .ToListAsync(ct);
            foreach (var e in cmd.Posts)
            {
                var row = rows.FirstOrDefault(r => r.MunicipalityId == e.MunicipalityId);
                if (e.Posts is not { } posts)
                {
                    if (row is not null) db.MunicipalityYearPosts.Remove(row);
                    continue;
                }
                if (row is null)
                {
                    row = new MunicipalityYearPost { UnitId = me.UnitId, MunicipalityId = e.MunicipalityId, Year = cmd.Year };
                    db.MunicipalityYearPosts.Add(row);
                }
                row.Posts = posts;
            }
            await db.SaveChangesAsync(ct);
            log.LogInformation("Posts per municipality for {Year} saved by user {UserId}", cmd.Year, me.Id);
        }
    }
}
