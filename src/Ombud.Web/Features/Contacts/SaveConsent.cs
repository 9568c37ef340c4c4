using System.ComponentModel.DataAnnotations;
using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Contacts;

/// <summary>
/// Records the client's consent for one actor (date, oral/written, valid until), or corrects one: e.g. the client renews
/// a consent ("giltigt till" moves) or it was written, not oral. The actor of a recorded consent stays; a withdrawn
/// consent is history and is not edited.
/// </summary>
public static class SaveConsent
{
    public sealed class Command : EditCommand<Command>
    {
        public int? Id { get; set; }
        public int MandateId { get; set; }
        [Display(Name = "Aktör")] public int? ActorId { get; set; }
        [Display(Name = "Samtycke givet")] public DateTime? GivenOn { get; set; }
        [Display(Name = "Form")] public ConsentForm Form { get; set; } = ConsentForm.Oral;
        [Display(Name = "Giltigt till (valfritt)")] public DateTime? ValidUntil { get; set; }

        /// <summary>A new consent in <paramref name="mandateId"/>, given <paramref name="today"/>.</summary>
        public static Command New(int mandateId, DateOnly today) => new() { MandateId = mandateId, GivenOn = Dates.ToDateTime(today) };

        /// <summary>Correcting a consent as the client page shows it.</summary>
        public static Command From(int mandateId, GetClient.ConsentInfo c) => Edit(() => new Command
        {
            Id = c.Id,
            MandateId = mandateId,
            ActorId = c.ActorId,
            GivenOn = Dates.ToDateTime(c.GivenOn),
            Form = c.Form,
            ValidUntil = Dates.ToDateTime(c.ValidUntil),
            Version = c.Version,
        });
    }

    /// <summary>What the consent form shows, for naming what someone else changed.</summary>
    public static readonly EditedFields<Consent, Command> Shown = new EditedFields<Consent, Command>()
        .Field(c => c.ActorId, x => x.ActorId, EditedFields.Id)
        .Field(c => c.GivenOn, x => x.GivenOn, EditedFields.RequiredDate)
        .Field(c => c.Form, x => x.Form)
        .Field(c => c.ValidUntil, x => x.ValidUntil, EditedFields.Date);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.ActorId).NotNull().WithMessage("Välj aktör.");
            RuleFor(x => x.GivenOn).NotNull().WithMessage("Ange när samtycket gavs.").NotInFuture(clock).InPlausibleRange(clock);
            RuleFor(x => x.ValidUntil).InPlausibleRange(clock);
            RuleFor(x => x.Form).IsInEnum().WithMessage("Välj muntligt eller skriftligt.");
            RuleFor(x => x.ValidUntil)
                .Must((cmd, v) => v is null || cmd.GivenOn is null || v.Value.Date >= cmd.GivenOn.Value.Date)
                .WithMessage("Giltigt till kan inte vara före datumet samtycket gavs.");
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser,
        AuditInterceptor audit, ILogger<Handler> log)
    {
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var mandate = await ClientAccess.OwnMandateAsync(db, audit, log, me, cmd.MandateId, ct: ct);
            ClientAccess.EnsureOpen(mandate);
            if (!await db.Actors.AnyAsync(a => a.Id == cmd.ActorId && a.UnitId == me.UnitId, ct))
                throw new DomainException("Aktören finns inte i enhetens aktörsregister.");
            Consent consent;
            if (cmd.Id is { } id)
            {
                consent = await db.Consents.FirstOrDefaultAsync(c => c.Id == id && c.MandateId == mandate.Id, ct)
                    ?? throw new DomainException("Samtycket finns inte längre. Ladda om sidan.");
                await EditConflicts.CheckAsync(db, consent, cmd, Shown, ct);
                if (consent.WithdrawnOn is not null)
                    throw new DomainException("Ett återkallat samtycke kan inte ändras. Registrera ett nytt samtycke.");
                if (consent.ActorId != cmd.ActorId)
                    throw new DomainException(
                        "Aktören kan inte bytas på ett registrerat samtycke. Registrera ett nytt samtycke för den andra aktören.");
            }
            else
            {
                consent = new Consent { MandateId = mandate.Id, ActorId = cmd.ActorId!.Value };
                db.Consents.Add(consent);
            }
            Apply(consent, cmd);
            if (cmd.Id is null) mandate.Touch(consent.GivenOn);
            await EditConflicts.SaveAsync(db, consent, cmd, Shown, ct);
            return consent.Id;
        }

        private static void Apply(Consent consent, Command c)
        {
            if (c.GivenOn is { } given) consent.GivenOn = DateOnly.FromDateTime(given);
            consent.Form = c.Form;
            consent.ValidUntil = c.ValidUntil is null ? null : DateOnly.FromDateTime(c.ValidUntil.Value);
        }
    }
}
