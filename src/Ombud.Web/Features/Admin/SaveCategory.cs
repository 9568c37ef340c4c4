using System.ComponentModel.DataAnnotations;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// Adds an entry to a category list, or edits one. A name may be reused in the same list only when the validity
/// periods do not overlap (e.g. an entry ended last year and a new one with the same name from this year). An entry in
/// use cannot be renamed, and its period cannot shrink so that a record using it falls outside (<see cref="CategoryUsage"/>).
/// </summary>
public static class SaveCategory
{
    public const int MinYear = 2000;
    public const int MaxYear = 2099;
    public const int MaxSortOrder = 9999;

    public sealed class Command : EditCommand<Command>
    {
        /// <summary>Null for a new entry.</summary>
        public int? Id { get; set; }
        /// <summary>The list of a new entry; an existing entry keeps its list.</summary>
        public CategoryKind Kind { get; set; }
        [Display(Name = "Namn")] public string Name { get; set; } = "";
        [Display(Name = "Ordning")] public int SortOrder { get; set; }
        /// <summary>First day the entry may be used; null = valid for all past dates.</summary>
        [Display(Name = "Giltig från")] public DateTime? ValidFrom { get; set; }
        /// <summary>Last day the entry may be used; null = tills vidare.</summary>
        [Display(Name = "Giltig till")] public DateTime? ValidTo { get; set; }

        /// <summary>Editing an entry as the list shows it.</summary>
        public static Command From(ListCategories.Row row) => Edit(() => new Command
        {
            Id = row.Id,
            Kind = row.Kind,
            Name = row.Name,
            SortOrder = row.SortOrder,
            ValidFrom = Dates.ToDateTime(row.ValidFrom),
            ValidTo = Dates.ToDateTime(row.ValidTo),
            Version = row.Version,
        });
    }

    /// <summary>What the category form shows, for naming what someone else changed.</summary>
    public static readonly EditedFields<Category, Command> Shown = new EditedFields<Category, Command>()
        .Field(c => c.Name, x => x.Name, EditedFields.Trimmed)
        .Field(c => c.SortOrder, x => x.SortOrder)
        .Field(c => c.ValidFrom, x => x.ValidFrom, EditedFields.Date)
        .Field(c => c.ValidTo, x => x.ValidTo, EditedFields.Date);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Kind).IsInEnum().WithMessage("Välj vilken lista posten hör till.");
            RuleFor(x => x.Name).RequiredName("Ange ett namn.", Limits.CategoryName);
            RuleFor(x => x.SortOrder)
                .InclusiveBetween(0, MaxSortOrder)
                .WithMessage($"Ordningen ska vara ett tal mellan 0 och {MaxSortOrder}.");
            RuleFor(x => x.ValidFrom).Must(BeReasonableYear).WithMessage($"Ange ett datum mellan år {MinYear} och {MaxYear}.");
            RuleFor(x => x.ValidTo).Must(BeReasonableYear).WithMessage($"Ange ett datum mellan år {MinYear} och {MaxYear}.")
                .Must((cmd, to) => to is null || cmd.ValidFrom is null || to.Value.Date >= cmd.ValidFrom.Value.Date)
                .WithMessage("Giltig till kan inte vara före giltig från.");
        }

        private static bool BeReasonableYear(DateTime? d) => d is null || d.Value.Year is >= MinYear and <= MaxYear;
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser)
    {
        /// <summary>Returns the entry's id.</summary>
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminAsync("ändra kategorilistorna");
            await validator.ValidateAndThrowAsync(cmd, ct);

            await using var db = await dbf.CreateDbContextAsync(ct);
            Category entry;
            if (cmd.Id is { } id)
            {
                entry = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct)
                    ?? throw new DomainException("Posten finns inte längre. Ladda om sidan.");
                await EditConflicts.CheckAsync(db, entry, cmd, Shown, ct);
            }
            else
            {
                entry = new Category { Kind = cmd.Kind };
                db.Categories.Add(entry);
            }

            var name = cmd.Name.Trim();
            DateOnly? from = cmd.ValidFrom is { } f ? DateOnly.FromDateTime(f) : null;
            DateOnly? to = cmd.ValidTo is { } t ? DateOnly.FromDateTime(t) : null;

            // Lists are short (tens of entries): compare names in .NET with Swedish case rules.
            var sameKind = await db.Categories.AsNoTracking().Where(c => c.Kind == entry.Kind && c.Id != entry.Id).ToListAsync(ct);
            if (sameKind.Any(c => SwedishNames.Same(c.Name, name) && Overlaps(c.ValidFrom, c.ValidTo, from, to)))
                throw new DomainException(
                    $"Det finns redan en post som heter \"{name}\" i listan {entry.Kind.Name().ToLowerInvariant()} och gäller under " +
                    "samma period. " +
                                          "Välj ett annat namn, eller låt perioderna inte överlappa.");

            // History stays as it was: a used entry keeps its name (reports of past years show it), and its period keeps
            // covering every record that uses it.
            if (entry.Id != 0 && (entry.Name != name || entry.ValidFrom != from || entry.ValidTo != to)
                && (await CategoryUsage.CountAsync(db, [entry.Id], ct)).GetValueOrDefault(entry.Id) > 0)
            {
                if (entry.Name != name) throw new DomainException(RenameUsedMessage(entry.Name));
                await CategoryUsage.EnsurePeriodCoversUsesAsync(db, entry.Id, from, to, ct);
            }

            entry.Name = name;
            entry.SortOrder = cmd.SortOrder;
            entry.ValidFrom = from;
            entry.ValidTo = to;
            await EditConflicts.SaveAsync(db, entry, cmd, Shown, ct);
            return entry.Id;
        }
    }

    public static string RenameUsedMessage(string name) =>
        $"\"{name}\" används redan och kan inte byta namn: tidigare uppgifter och rapporter skulle då få det nya namnet. " +
        "Avsluta posten och lägg till en ny post med det nya namnet.";

    /// <summary>True when two validity periods share a day (null = unbounded on that side).</summary>
    public static bool Overlaps(DateOnly? from1, DateOnly? to1, DateOnly? from2, DateOnly? to2) =>
        (from1 is null || to2 is null || from1 <= to2) && (from2 is null || to1 is null || from2 <= to1);
}
