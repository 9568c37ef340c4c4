using System.ComponentModel.DataAnnotations;
using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Contacts;

/// <summary>
/// Logs (or edits) a contact with an authority. The ombud has tystnadsplikt: without a valid consent for the actor on
/// the contact's date the handler does not save but asks for confirmation; a confirmed contact is flagged.
/// </summary>
public static class SaveContact
{
    public sealed class Command : EditCommand<Command>
    {
        public int? Id { get; set; }
        public int MandateId { get; set; }
        [Display(Name = "Aktör")] public int? ActorId { get; set; }
        [Display(Name = "Datum")] public DateTime? Date { get; set; }
        [Display(Name = "Kontaktsätt")] public ContactChannel Channel { get; set; } = ContactChannel.Phone;
        [Display(Name = "Stöd som getts")] public IEnumerable<int> HelpKindIds { get; set; } = [];
        [Display(Name = "Kopplat behov (valfritt)")] public int? NeedId { get; set; }
        [Display(Name = "Utfall (kort)")] public string? Outcome { get; set; }
        [Display(Name = "Följ upp (valfritt)")] public DateTime? FollowUpOn { get; set; }
        /// <summary>The ombud has confirmed saving although no valid consent is recorded.</summary>
        public bool ConfirmWithoutConsent { get; set; }

        /// <summary>A new contact in <paramref name="mandateId"/>, dated <paramref name="today"/>.</summary>
        public static Command New(int mandateId, DateOnly today) => new() { MandateId = mandateId, Date = Dates.ToDateTime(today) };

        /// <summary>Editing a contact as the client page shows it.</summary>
        public static Command From(int mandateId, GetClient.ContactInfo c) => Edit(() => new Command
        {
            Id = c.Id,
            MandateId = mandateId,
            ActorId = c.ActorId,
            Date = Dates.ToDateTime(c.Date),
            Channel = c.Channel,
            HelpKindIds = c.HelpKindIds.ToList(),
            NeedId = c.NeedId,
            Outcome = c.Outcome,
            FollowUpOn = Dates.ToDateTime(c.FollowUpOn),
            Version = c.Version,
        });
    }

    /// <summary>What the contact form shows, for naming what someone else changed.</summary>
    public static readonly EditedFields<AuthorityContact, Command> Shown = new EditedFields<AuthorityContact, Command>()
        .Field(c => c.ActorId, x => x.ActorId, EditedFields.Id)
        .Field(c => c.Date, x => x.Date, EditedFields.RequiredDate)
        .Field(c => c.Channel, x => x.Channel)
        .Rows(c => c.HelpKindIds, x => x.HelpKinds, h => h.Id, id => id)
        .Field(c => c.NeedId, x => x.NeedId)
        .Field(c => c.Outcome, x => x.Outcome, EditedFields.Text)
        .Field(c => c.FollowUpOn, x => x.FollowUpOn, EditedFields.Date);

    public enum Outcome { Saved, NeedsConsentConfirmation }

    public sealed record Result(Outcome Outcome, int? Id = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.ActorId).NotNull().WithMessage("Välj aktör.");
            RuleFor(x => x.Date).NotNull().WithMessage("Ange datum.").NotInFuture(clock).InPlausibleRange(clock);
            RuleFor(x => x.FollowUpOn).InPlausibleRange(clock);
            RuleFor(x => x.Channel).IsInEnum().WithMessage("Välj kontaktsätt.");
            RuleFor(x => x.Outcome).MaximumLength(Limits.ShortText).WithMessage($"Högst {Limits.ShortText} tecken – håll det kort.");
            RuleFor(x => x.FollowUpOn)
                .Must((cmd, f) => f is null || cmd.Date is null || f.Value.Date >= cmd.Date.Value.Date)
                .WithMessage("Uppföljningen kan inte vara före kontaktens datum.");
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser,
        AuditInterceptor audit, ILogger<Handler> log)
    {
        public async Task<Result> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var mandate = await ClientAccess.OwnMandateAsync(db, audit, log, me, cmd.MandateId,
                q => q.Include(m => m.Consents).Include(m => m.Needs), ct);
            ClientAccess.EnsureOpen(mandate);
            var date = DateOnly.FromDateTime(cmd.Date!.Value);
            if (date < mandate.RegisteredOn) throw new DomainException("Datumet kan inte vara före uppdragets första kontakt.");
            var actor = await db.Actors.FirstOrDefaultAsync(a => a.Id == cmd.ActorId && a.UnitId == me.UnitId, ct)
                ?? throw new DomainException("Aktören finns inte i enhetens aktörsregister.");
            if (cmd.NeedId is { } needId && mandate.Needs.All(n => n.Id != needId))
                throw new DomainException("Det kopplade behovet hör inte till uppdraget.");
            var helpIds = cmd.HelpKindIds.Distinct().ToList();
            var helpKinds = await db.Categories.Where(c => helpIds.Contains(c.Id) && c.Kind == CategoryKind.HelpKind).ToListAsync(ct);
            if (helpKinds.Count != helpIds.Count) throw new DomainException("En vald stödtyp finns inte.");

            var hasConsent = mandate.HasValidConsent(actor.Id, date);
            if (!hasConsent && !cmd.ConfirmWithoutConsent) return new Result(Outcome.NeedsConsentConfirmation);

            AuthorityContact contact;
            if (cmd.Id is { } id)
            {
                contact = await db.AuthorityContacts.Include(a => a.HelpKinds)
                    .FirstOrDefaultAsync(a => a.Id == id && a.MandateId == mandate.Id, ct)
                    ?? throw new DomainException("Kontakten finns inte längre. Ladda om sidan.");
                await EditConflicts.CheckAsync(db, contact, cmd, Shown, ct);
            }
            else
            {
                contact = new AuthorityContact { MandateId = mandate.Id };
                db.AuthorityContacts.Add(contact);
            }
            Apply(db, contact, cmd);
            contact.WithoutConsent = !hasConsent;
            mandate.Touch(date);
            await EditConflicts.SaveAsync(db, contact, cmd, Shown, ct);
            return new Result(Outcome.Saved, contact.Id);
        }

        private static void Apply(OmbudDbContext db, AuthorityContact contact, Command c)
        {
            var helpIds = c.HelpKindIds.ToHashSet();
            contact.ActorId = c.ActorId ?? 0;
            if (c.Date is { } date) contact.Date = DateOnly.FromDateTime(date);
            contact.Channel = c.Channel;
            contact.HelpKinds.Clear();
            contact.HelpKinds.AddRange(db.Categories.Local.Where(k => helpIds.Contains(k.Id) && k.Kind == CategoryKind.HelpKind));
            contact.NeedId = c.NeedId;
            contact.Outcome = string.IsNullOrWhiteSpace(c.Outcome) ? null : c.Outcome.Trim();
            contact.FollowUpOn = c.FollowUpOn is null ? null : DateOnly.FromDateTime(c.FollowUpOn.Value);
        }
    }
}
