using System.ComponentModel.DataAnnotations;
using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Needs;

/// <summary>Adds a need to a mandate, or edits one: life area, the client's own words, status.</summary>
public static class SaveNeed
{
    public sealed class Command : EditCommand<Command>
    {
        public int? Id { get; set; }
        public int MandateId { get; set; }
        [Display(Name = "Livsområde")] public int? LifeAreaId { get; set; }
        [Display(Name = "Behovet med klientens egna ord")] public string ClientWords { get; set; } = "";
        [Display(Name = "Status")] public NeedStatus Status { get; set; } = NeedStatus.Identified;
        [Display(Name = "Identifierat")] public DateTime? IdentifiedOn { get; set; }
        /// <summary>When the need was met, partly met or found not met; empty means today.</summary>
        [Display(Name = "Avslutat (tom = i dag)")] public DateTime? ResolvedOn { get; set; }

        /// <summary>A new need in <paramref name="mandateId"/>, identified <paramref name="today"/>.</summary>
        public static Command New(int mandateId, DateOnly today) => new() { MandateId = mandateId, IdentifiedOn = Dates.ToDateTime(today) };

        /// <summary>Editing a need as the client page shows it.</summary>
        public static Command From(int mandateId, GetClient.NeedInfo need) => Edit(() => new Command
        {
            Id = need.Id,
            MandateId = mandateId,
            LifeAreaId = need.LifeAreaId,
            ClientWords = need.ClientWords,
            Status = need.Status,
            IdentifiedOn = Dates.ToDateTime(need.IdentifiedOn),
            ResolvedOn = Dates.ToDateTime(need.ResolvedOn),
            Version = need.Version,
        });
    }

    /// <summary>What the need form shows, for naming what someone else changed.</summary>
    public static readonly EditedFields<Need, Command> Shown = new EditedFields<Need, Command>()
        .Field(c => c.LifeAreaId, n => n.LifeAreaId, EditedFields.Id)
        .Field(c => c.ClientWords, n => n.ClientWords, EditedFields.Trimmed)
        .Field(c => c.Status, n => n.Status)
        .Field(c => c.IdentifiedOn, n => n.IdentifiedOn, EditedFields.RequiredDate)
        .Field(c => c.ResolvedOn, n => n.ResolvedOn, EditedFields.Date);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.LifeAreaId).NotNull().WithMessage("Välj livsområde.");
            RuleFor(x => x.ClientWords).NotEmpty().WithMessage("Beskriv behovet med klientens egna ord.")
                .MaximumLength(Limits.ShortText).WithMessage($"Högst {Limits.ShortText} tecken – håll det kort.");
            RuleFor(x => x.Status).IsInEnum().WithMessage("Välj status.");
            RuleFor(x => x.IdentifiedOn).NotNull().WithMessage("Ange datum.").NotInFuture(clock).InPlausibleRange(clock);
            RuleFor(x => x.ResolvedOn).NotInFuture(clock).InPlausibleRange(clock)
                .Must((c, on) => on is null || c.IdentifiedOn is null || on.Value.Date >= c.IdentifiedOn.Value.Date)
                .WithMessage("Avslutsdatumet kan inte vara före datumet då behovet identifierades.");
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser,
        AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        /// <summary>Returns the need's id.</summary>
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var mandate = await ClientAccess.OwnMandateAsync(db, audit, log, me, cmd.MandateId, q => q.Include(m => m.Needs), ct);
            ClientAccess.EnsureOpen(mandate);
            var identifiedOn = DateOnly.FromDateTime(cmd.IdentifiedOn!.Value);
            if (identifiedOn < mandate.RegisteredOn) throw new DomainException("Datumet kan inte vara före uppdragets första kontakt.");
            var lifeArea = await db.Categories.FirstOrDefaultAsync(c => c.Id == cmd.LifeAreaId && c.Kind == CategoryKind.LifeArea, ct);
            if (lifeArea is null || (cmd.Id is null && !lifeArea.IsValidOn(identifiedOn)))
                throw new DomainException("Livsområdet finns inte eller gäller inte på datumet.");

            var need = cmd.Id is { } id
                ? mandate.Needs.FirstOrDefault(n => n.Id == id) ?? throw new DomainException("Behovet finns inte längre. Ladda om sidan.")
                : new Need();
            await EditConflicts.CheckAsync(db, need, cmd, Shown, ct);
            Apply(need, cmd);
            if (cmd.Id is null) mandate.Needs.Add(need);
            mandate.Touch(clock.Today());
            await EditConflicts.SaveAsync(db, need, cmd, Shown, ct);
            return need.Id;
        }

        private void Apply(Need need, Command c)
        {
            need.LifeAreaId = c.LifeAreaId ?? 0;
            need.ClientWords = c.ClientWords.Trim();
            if (c.IdentifiedOn is { } on) need.IdentifiedOn = DateOnly.FromDateTime(on);
            need.SetStatus(
                c.Status, clock.Today(),
                Need.IsResolved(c.Status) && c.ResolvedOn is { } resolved ? DateOnly.FromDateTime(resolved) : null);
        }
    }
}
