using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Ombud.Web.Data;
using Ombud.Web.Domain;
using Ombud.Web.Features.Shared;
using Ombud.Web.Infrastructure;

namespace Ombud.Web.Features.Clients;

/// <summary>Registers a client and opens the first mandate (on the waiting list, or active) in one step.</summary>
public static class RegisterClient
{
    public sealed class Command : IClientDetails
    {
        public string? Name { get; set; }
        public string? PersonalNumber { get; set; }
        public Gender Gender { get; set; }
        public int? BirthYear { get; set; }
        public int? MunicipalityId { get; set; }
        public ChildrenAtHome ChildrenAtHome { get; set; }
        public bool StartNow { get; set; } = true;
        public DateTime? RegisteredOn { get; set; }
        public DateTime? StartDate { get; set; }
        public int? ReferralPathId { get; set; }
        public IEnumerable<int> ContactReasonIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            Include(new ClientDetailsValidator(clock));
            RuleFor(x => x.RegisteredOn).NotNull().WithMessage("Ange datum för första kontakt.").NotInFuture(clock)
                .Must(d => d is null || d.Value.Year >= 2000).WithMessage("Datumet måste vara år 2000 eller senare.");
            When(x => x.StartNow, () =>
                RuleFor(x => x.StartDate).NotNull().WithMessage("Ange startdatum för uppdraget.").NotInFuture(clock, "Startdatum kan inte ligga i framtiden.")
                    .Must((cmd, d) => d is null || cmd.RegisteredOn is null || d.Value.Date >= cmd.RegisteredOn.Value.Date)
                    .WithMessage("Startdatum kan inte vara före datum för första kontakt."));
            RuleFor(x => x.ReferralPathId).NotNull().WithMessage("Välj kontaktväg.");
            RuleFor(x => x.ContactReasonIds).NotEmpty().WithMessage("Välj minst en kontaktorsak.");
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, TimeProvider clock)
    {
        /// <summary>Returns the new client's id.</summary>
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            if (!me.IsOmbud) throw new DomainException("Bara ombud kan registrera klienter.");
            await validator.ValidateAndThrowAsync(cmd, ct);

            var today = clock.Today();
            var registeredOn = DateOnly.FromDateTime(cmd.RegisteredOn!.Value);
            DateOnly? startDate = cmd.StartNow ? DateOnly.FromDateTime(cmd.StartDate!.Value) : null;
            var categoryDate = startDate ?? registeredOn;

            await using var db = await dbf.CreateDbContextAsync(ct);
            if (!await db.Municipalities.AnyAsync(m => m.Id == cmd.MunicipalityId && m.UnitId == me.UnitId, ct))
                throw new DomainException("Välj en kommun som enheten arbetar i.");
            var (referral, reasons) = await MandateCategories.LoadAsync(db, cmd.ReferralPathId, cmd.ContactReasonIds, categoryDate, "startdatumet", ct);

            string? pnr = null;
            var birthYear = cmd.BirthYear;
            if (!string.IsNullOrWhiteSpace(cmd.PersonalNumber) && PersonalNumber.TryNormalize(cmd.PersonalNumber, today, out var n, out _))
            {
                pnr = n;
                birthYear ??= PersonalNumber.BirthYear(n);
                if (await db.Clients.AnyAsync(c => c.UnitId == me.UnitId && c.PersonalNumber == pnr, ct))
                    throw new DomainException("Det finns redan en klient med det personnumret i enheten. Kontakta enhetschefen om klienten ska flyttas till dig.");
            }

            var client = new Client
            {
                UnitId = me.UnitId, Code = await NewUniqueCodeAsync(db, ct), PersonalNumber = pnr, Gender = cmd.Gender,
                BirthYear = birthYear, MunicipalityId = cmd.MunicipalityId!.Value, ChildrenAtHome = cmd.ChildrenAtHome,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            client.SetName(cmd.Name);
            var mandate = client.OpenNewMandate(me.Id, registeredOn, startDate);
            mandate.ReferralPath = referral;
            mandate.ContactReasons.AddRange(reasons);
            db.Clients.Add(client);
            await db.SaveChangesAsync(ct);
            return client.Id;
        }

        internal static async Task<string> NewUniqueCodeAsync(OmbudDbContext db, CancellationToken ct)
        {
            for (var i = 0; i < 20; i++)
            {
                var code = ClientCode.New();
                if (!await db.Clients.AnyAsync(c => c.Code == code, ct)) return code;
            }
            throw new InvalidOperationException("Could not generate a unique client code");
        }
    }
}
