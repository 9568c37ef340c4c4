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
        public int? ActorId { get; set; }
        public DateTime? GivenOn { get; set; }
        public ConsentForm Form { get; set; } = ConsentForm.Oral;
        public DateTime? ValidUntil { get; set; }
    }

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
                Concurrency.Check(db, consent, cmd, loaded => Apply(consent, loaded));
                if (consent.WithdrawnOn is not null) throw new DomainException("Ett återkallat samtycke kan inte ändras. Registrera ett nytt samtycke.");
                if (consent.ActorId != cmd.ActorId) throw new DomainException("Aktören kan inte bytas på ett registrerat samtycke. Registrera ett nytt samtycke för den andra aktören.");
            }
            else
            {
                consent = new Consent { MandateId = mandate.Id, ActorId = cmd.ActorId!.Value };
                db.Consents.Add(consent);
            }
            Apply(consent, cmd);
            if (cmd.Id is null) mandate.Touch(consent.GivenOn);
            await db.SaveChangesAsync(ct);
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
