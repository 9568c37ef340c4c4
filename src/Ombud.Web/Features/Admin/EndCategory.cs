namespace Ombud.Web.Features.Admin;

/// <summary>
/// Ends a category entry: it keeps its meaning for old data but cannot be chosen for dates after <see cref="Command.ValidTo"/>.
/// The common case is "avsluta från och med år X": the entry is valid to 31 December of the year before, so year X's
/// form (Länsstyrelsen's report) no longer offers it.
/// </summary>
public static class EndCategory
{
    public sealed class Command
    {
        public int Id { get; set; }
        /// <summary>Last day the entry may be used.</summary>
        public DateTime? ValidTo { get; set; }

        /// <summary>A command that ends the entry so it is not valid from 1 January of <paramref name="firstYearWithout"/>.</summary>
        public static Command FromYear(int id, int firstYearWithout) =>
            new() { Id = id, ValidTo = LastDayBefore(firstYearWithout).ToDateTime(TimeOnly.MinValue) };
    }

    /// <summary>31 December of the year before <paramref name="year"/>.</summary>
    public static DateOnly LastDayBefore(int year) => new(year - 1, 12, 31);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.ValidTo).NotNull().WithMessage("Ange sista dag som posten gäller.")
                .Must(d => d is null || d.Value.Year is >= SaveCategory.MinYear and <= SaveCategory.MaxYear)
                .WithMessage($"Ange ett datum mellan år {SaveCategory.MinYear} och {SaveCategory.MaxYear}.");
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminAsync("avsluta poster i kategorilistorna");
            await validator.ValidateAndThrowAsync(cmd, ct);
            var validTo = DateOnly.FromDateTime(cmd.ValidTo!.Value);

            await using var db = await dbf.CreateDbContextAsync(ct);
            var entry = await db.Categories.FirstOrDefaultAsync(c => c.Id == cmd.Id, ct)
                ?? throw new DomainException("Posten finns inte längre. Ladda om sidan.");
            if (entry.ValidFrom is { } from && validTo < from)
                throw new DomainException($"Posten börjar gälla {from:yyyy-MM-dd}. Sista giltighetsdag kan inte vara före det.");
            // Moving the end later can make the entry overlap a newer entry with the same name.
            if (entry.ValidTo is null || validTo > entry.ValidTo)
            {
                var clash = await db.Categories.AsNoTracking().Where(c => c.Kind == entry.Kind && c.Id != entry.Id).ToListAsync(ct);
                if (clash.Any(c => SwedishNames.Same(c.Name, entry.Name)
                    && SaveCategory.Overlaps(c.ValidFrom, c.ValidTo, entry.ValidFrom, validTo)))
                    throw new DomainException($"En annan post som heter \"{entry.Name}\" gäller redan under den perioden.");
            }
            if (entry.ValidTo is null || validTo < entry.ValidTo)
                await CategoryUsage.EnsurePeriodCoversUsesAsync(db, entry.Id, null, validTo, ct);
            entry.ValidTo = validTo;
            await db.SaveChangesAsync(ct);
        }
    }
}
