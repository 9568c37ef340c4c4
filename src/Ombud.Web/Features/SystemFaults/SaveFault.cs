using System.ComponentModel.DataAnnotations;
using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// An ombud reports a system fault (as a draft), or edits their own draft. A text holding a personnummer is refused; other texts that look
/// like
/// personal data are not saved until the ombud confirms. Linked needs must belong to the ombud's own clients.
/// </summary>
public static class SaveFault
{
    public sealed class Command : EditCommand<Command>
    {
        public int? Id { get; set; }
        [Display(Name = "Datum")] public DateTime? Date { get; set; }
        [Display(Name = "Kategori")] public int? CategoryId { get; set; }
        [Display(Name = "Nivå")] public FaultLevel? Level { get; set; }
        [Display(Name = "Berörda aktörer")] public IEnumerable<int> ActorIds { get; set; } = [];
        [Display(Name = "Beskrivning av bristen", ShortName = "Beskrivning")] public string Description { get; set; } = "";
        [Display(Name = "Konsekvens för klienterna", ShortName = "Konsekvens")] public string? Consequence { get; set; }
        [Display(Name = "Antal berörda klienter")] public int? ClientsAffected { get; set; }
        [Display(
            Name = "Kopplade behov hos dina klienter (valfritt)",
            ShortName = "Kopplade behov")]
        public IEnumerable<int> NeedIds { get; set; } = [];
        /// <summary>The ombud has confirmed saving although the text looks like it holds personal data.</summary>
        public bool ConfirmPersonalData { get; set; }

        public static Command From(GetFault.Details d) => Edit(() => new Command
        {
            Id = d.Id,
            Date = d.Date.ToDateTime(TimeOnly.MinValue),
            CategoryId = d.CategoryId,
            Level = d.Level,
            ActorIds = d.Actors.Select(a => a.Id).ToList(),
            Description = d.Description,
            Consequence = d.Consequence,
            ClientsAffected = d.ClientsAffected,
            NeedIds = d.OwnLinkedNeedIds.ToList(),
            Version = d.Version,
        });
    }

    /// <summary>
    /// What the fault form shows, for naming what someone else changed. The ombud sees only the linked needs of their own
    /// clients, so only those must still be linked.
    /// </summary>
    public static readonly EditedFields<SystemFault, Command> Shown = new EditedFields<SystemFault, Command>()
        .Field(c => c.Date, x => x.Date, EditedFields.RequiredDate)
        .Field(c => c.CategoryId, x => x.CategoryId, EditedFields.Id)
        .Field(c => c.Level, x => x.Level, l => l ?? default)
        .Rows(c => c.ActorIds, x => x.Actors, a => a.Id, id => id)
        .Field(c => c.Description, x => x.Description, EditedFields.Trimmed)
        .Field(c => c.Consequence, x => x.Consequence, EditedFields.Text)
        .Field(c => c.ClientsAffected, x => x.ClientsAffected, n => n ?? 0)
        .Rows(c => c.NeedIds, x => x.Needs, n => n.Id, id => id, shownSubset: true);

    public enum Outcome { Saved, NeedsPersonalDataConfirmation }

    public sealed record Result(Outcome Outcome, int? Id = null, IReadOnlyList<PersonalDataWarning>? Warnings = null);

    /// <summary>The fields' names in a personal-data warning (their labels).</summary>
    public static readonly string DescriptionField = FieldLabels.ShortOf(typeof(Command).GetProperty(nameof(Command.Description))!);
    public static readonly string ConsequenceField = FieldLabels.ShortOf(typeof(Command).GetProperty(nameof(Command.Consequence))!);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.Date).NotNull().WithMessage("Ange datum.")
                .Must(d => d is null || DateOnly.FromDateTime(d.Value) <= clock.Today()).WithMessage("Datumet kan inte ligga i framtiden.")
                .Must(d => d is null || d.Value.Year >= 2000).WithMessage("Ange ett datum från år 2000 och framåt.");
            RuleFor(x => x.CategoryId).NotNull().WithMessage("Välj kategori.");
            RuleFor(x => x.Level).NotNull().WithMessage("Välj nivå.").IsInEnum().WithMessage("Välj nivå.");
            RuleFor(x => x.Description).Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage("Beskriv systembristen.")
                .MaximumLength(Limits.LongText).WithMessage($"Högst {Limits.LongText} tecken.");
            RuleFor(x => x.Consequence).MaximumLength(Limits.LongText).WithMessage($"Högst {Limits.LongText} tecken.");
            RuleFor(x => x.ClientsAffected).NotNull().WithMessage("Ange hur många klienter som berörs (0 om du inte vet).")
                .InclusiveBetween(0, Limits.MaxClientsAffected).WithMessage($"Ange ett antal mellan 0 och {Limits.MaxClientsAffected}.");
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser,
        TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<Result> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            if (!me.IsOmbud) throw new DomainException("Bara ombud kan rapportera systembrister.");
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var date = DateOnly.FromDateTime(cmd.Date!.Value);

            SystemFault fault;
            if (cmd.Id is { } id)
            {
                fault = await FaultAccess.LoadAsync(db, me, id, q => q.Include(f => f.Actors).Include(f => f.Needs), ct);
                if (fault.ReportedById != me.Id) throw new DomainException("Bara den som rapporterade systembristen kan ändra den.");
                fault.EnsureEditable();
                await EditConflicts.CheckAsync(db, fault, cmd, Shown, ct);
            }
            else
            {
                fault = new SystemFault { UnitId = me.UnitId, ReportedById = me.Id, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
            }

            if (cmd.CategoryId != fault.CategoryId || fault.Id == 0)
            {
                var category = await db.Categories.AsNoTracking()
                    .FirstOrDefaultAsync(c => c.Id == cmd.CategoryId && c.Kind == CategoryKind.FaultCategory, ct);
                if (category is null || !category.IsValidOn(date))
                    throw new DomainException("Kategorin finns inte eller gäller inte på datumet.");
            }

            // Actors: the unit's register; an actor made inactive later stays on a report that already names it.
            var actorIds = cmd.ActorIds.Distinct().ToList();
            var keptActorIds = fault.Actors.Select(a => a.Id).ToList();
            var actors = await db.Actors.Where(a => actorIds.Contains(a.Id)
                && a.UnitId == me.UnitId
                && (a.IsActive || keptActorIds.Contains(a.Id))).ToListAsync(ct);
            if (actors.Count != actorIds.Count) throw new DomainException("En vald aktör finns inte i enhetens aktörsregister.");

            // Needs: only the ombud's own clients' needs can be linked. A linked need whose client has since moved to
            // another ombud stays linked (the ombud cannot see it to unlink it).
            var needIds = cmd.NeedIds.Distinct().ToList();
            var currentNeedIds = fault.Needs.Select(x => x.Id).ToList();
            var ownClients = db.Clients.OwnedBy(me);
            var ownNeedIds = await db.Needs.Where(n => (needIds.Contains(n.Id) || currentNeedIds.Contains(n.Id))
                && ownClients.Any(c => c.Id == n.Mandate!.ClientId))
                .Select(n => n.Id).ToListAsync(ct);
            var toLink = needIds.Except(currentNeedIds).ToList();
            if (toLink.Except(ownNeedIds).Any())
            {
                log.LogWarning("User {UserId} tried to link needs that are not their clients' to a system fault", me.Id);
                throw new DomainException("Du kan bara koppla behov hos dina egna klienter.");
            }

            var description = cmd.Description.Trim();
            var consequence = string.IsNullOrWhiteSpace(cmd.Consequence) ? null : cmd.Consequence.Trim();
            PersonalDataWarning.RefusePersonalNumbers([(DescriptionField, description), (ConsequenceField, consequence)]);
            if (!cmd.ConfirmPersonalData)
            {
                var warnings = PersonalDataWarning.Check([(DescriptionField, description), (ConsequenceField, consequence)],
                    await FaultAccess.OwnClientsAsync(db, me, ct));
                if (warnings.Count > 0) return new Result(Outcome.NeedsPersonalDataConfirmation, cmd.Id, warnings);
            }

            fault.Date = date;
            fault.CategoryId = cmd.CategoryId!.Value;
            fault.Level = cmd.Level!.Value;
            fault.Description = description;
            fault.Consequence = consequence;
            fault.ClientsAffected = cmd.ClientsAffected!.Value;
            fault.Actors.RemoveAll(a => !actorIds.Contains(a.Id));
            fault.Actors.AddRange(actors.Where(a => fault.Actors.All(x => x.Id != a.Id)));
            fault.Needs.RemoveAll(n => ownNeedIds.Contains(n.Id) && !needIds.Contains(n.Id));
            if (toLink.Count > 0) fault.Needs.AddRange(await db.Needs.Where(n => toLink.Contains(n.Id)).ToListAsync(ct));
            if (fault.Id == 0) db.SystemFaults.Add(fault);
            await EditConflicts.SaveAsync(db, fault, cmd, Shown, ct);
            log.LogInformation("System fault {FaultId} saved by user {UserId}", fault.Id, me.Id);
            return new Result(Outcome.Saved, fault.Id);
        }
    }
}
