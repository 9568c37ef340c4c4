using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Ombud.Web.Data;
using Ombud.Web.Domain;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Shared;
using Ombud.Web.Infrastructure;

namespace Ombud.Web.Features.Contacts;

/// <summary>Records the client's consent for one actor (date, oral/written, valid until).</summary>
public static class SaveConsent
{
    public sealed class Command
    {
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
            var consent = new Consent
            {
                MandateId = mandate.Id, ActorId = cmd.ActorId!.Value, GivenOn = DateOnly.FromDateTime(cmd.GivenOn!.Value), Form = cmd.Form,
                ValidUntil = cmd.ValidUntil is null ? null : DateOnly.FromDateTime(cmd.ValidUntil.Value),
            };
            db.Consents.Add(consent);
            mandate.Touch(consent.GivenOn);
            await db.SaveChangesAsync(ct);
            return consent.Id;
        }
    }
}
