using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// An ombud reports a system fault (as a draft), or edits their own draft. Texts that look like personal data are not
/// saved until the ombud confirms. Linked needs must belong to the ombud's own clients.
/// </summary>
public static class SaveFault
{
    public sealed class Command : EditCommand<Command>
    {
        public int? Id { get; set; }
        public DateTime? Date { get; set; }
        public int? CategoryId { get; set; }
        public FaultLevel? Level { get; set; }
        public IEnumerable<int> ActorIds { get; set; } = [];
        public string Description { get; set; } = "";
        public string? Consequence { get; set; }
        public int? ClientsAffected { get; set; }
        public IEnumerable<int> NeedIds { get; set; } = [];
        /// <summary>The ombud has confirmed saving although the text looks like it holds personal data.</summary>
        public bool ConfirmPersonalData { get; set; }

        public static Command From(GetFault.Details d) => new Command
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
        }.RememberLoaded();
    }

    public enum Outcome { Saved, NeedsPersonalDataConfirmation }

    public sealed record Result(Outcome Outcome, int? Id = null, IReadOnlyList<PersonalDataWarning>? Warnings = null);

    public const string DescriptionField = "Beskrivning";
    public const string ConsequenceField = "Konsekvens för klienter";

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
                Concurrency.Check(db, fault, cmd, loaded =>
                {
                    if (loaded.Date is { } d) fault.Date = DateOnly.FromDateTime(d);
                    fault.CategoryId = loaded.CategoryId ?? 0;
                    if (loaded.Level is { } level) fault.Level = level;
                    fault.Description = loaded.Description.Trim();
                    fault.Consequence = string.IsNullOrWhiteSpace(loaded.Consequence) ? null : loaded.Consequence.Trim();
                    fault.ClientsAffected = loaded.ClientsAffected ?? 0;
                }, loaded => new[]
                {
                    fault.Actors.Select(a => a.Id).ToHashSet().SetEquals(loaded.ActorIds) ? null : FieldNames.Find(nameof(SystemFault), nameof(SystemFault.Actors)),
                    fault.Needs.Select(n => n.Id).Where(loaded.NeedIds.Contains).Count() == loaded.NeedIds.Distinct().Count() ? null : FieldNames.Find(nameof(SystemFault), nameof(SystemFault.Needs)),
                }.OfType<string>());
            }
            else
            {
                fault = new SystemFault { UnitId = me.UnitId, ReportedById = me.Id, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
            }

            if (cmd.CategoryId != fault.CategoryId || fault.Id == 0)
            {
                var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cmd.CategoryId && c.Kind == CategoryKind.FaultCategory, ct);
                if (category is null || !category.IsValidOn(date)) throw new DomainException("Kategorin finns inte eller gäller inte på datumet.");
            }

            // Actors: the unit's register; an actor made inactive later stays on a report that already names it.
            var actorIds = cmd.ActorIds.Distinct().ToList();
            var keptActorIds = fault.Actors.Select(a => a.Id).ToList();
            var actors = await db.Actors.Where(a => actorIds.Contains(a.Id) && a.UnitId == me.UnitId && (a.IsActive || keptActorIds.Contains(a.Id))).ToListAsync(ct);
            if (actors.Count != actorIds.Count) throw new DomainException("En vald aktör finns inte i enhetens aktörsregister.");

            // Needs: only the ombud's own clients' needs can be linked. A linked need whose client has since moved to
            // another ombud stays linked (the ombud cannot see it to unlink it).
            var needIds = cmd.NeedIds.Distinct().ToList();
            var currentNeedIds = fault.Needs.Select(x => x.Id).ToList();
            var ownClients = db.Clients.OwnedBy(me);
            var ownNeedIds = await db.Needs.Where(n => (needIds.Contains(n.Id) || currentNeedIds.Contains(n.Id)) && ownClients.Any(c => c.Id == n.Mandate!.ClientId))
                .Select(n => n.Id).ToListAsync(ct);
            var toLink = needIds.Except(currentNeedIds).ToList();
            if (toLink.Except(ownNeedIds).Any())
            {
                log.LogWarning("User {UserId} tried to link needs that are not their clients' to a system fault", me.Id);
                throw new DomainException("Du kan bara koppla behov hos dina egna klienter.");
            }

            var description = cmd.Description.Trim();
            var consequence = string.IsNullOrWhiteSpace(cmd.Consequence) ? null : cmd.Consequence.Trim();
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
            await db.SaveChangesAsync(ct);
            log.LogInformation("System fault {FaultId} saved by user {UserId}", fault.Id, me.Id);
            return new Result(Outcome.Saved, fault.Id);
        }
    }
}
