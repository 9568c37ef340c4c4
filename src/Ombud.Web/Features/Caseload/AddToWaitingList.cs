using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Caseload;

/// <summary>
/// The lead puts a person who asked for an ombud on the unit's waiting list: a generated code, the date of the request,
/// the municipality and the contact reasons — nothing identifying. The ombud who gets the mandate fills in the rest.
/// </summary>
public static class AddToWaitingList
{
    public sealed class Command
    {
        public DateTime? RegisteredOn { get; set; }
        public int? MunicipalityId { get; set; }
        public int? ReferralPathId { get; set; }
        public IEnumerable<int> ContactReasonIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.RegisteredOn).NotNull().WithMessage("Ange datum då personen bad om ett ombud.").NotInFuture(clock)
                .Must(d => d is null || d.Value.Year >= 2000).WithMessage("Datumet måste vara år 2000 eller senare.");
            RuleFor(x => x.MunicipalityId).NotNull().WithMessage("Välj kommun.");
            RuleFor(x => x.ReferralPathId).NotNull().WithMessage("Välj kontaktväg.");
            RuleFor(x => x.ContactReasonIds).NotEmpty().WithMessage("Välj minst en kontaktorsak.");
        }
    }

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, TimeProvider clock,
        ILogger<Handler> log)
    {
        /// <summary>Returns the new client's code.</summary>
        public async Task<string> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireUnitLeadAsync("hantera väntelistan");
            await validator.ValidateAndThrowAsync(cmd, ct);
            var registeredOn = DateOnly.FromDateTime(cmd.RegisteredOn!.Value);

            await using var db = await dbf.CreateDbContextAsync(ct);
            if (!await db.Municipalities.AnyAsync(m => m.Id == cmd.MunicipalityId && m.UnitId == me.UnitId && m.IsActive, ct))
                throw new DomainException("Välj en kommun som enheten arbetar i.");
            var (referral, reasons) =
                await MandateCategories.LoadAsync(db, cmd.ReferralPathId, cmd.ContactReasonIds, registeredOn, "datumet", ct);

            var client = new Client
            {
                UnitId = me.UnitId,
                Code = await RegisterClient.Handler.NewUniqueCodeAsync(db, ct),
                Gender = Gender.Unknown,
                MunicipalityId = cmd.MunicipalityId!.Value,
                ChildrenAtHome = ChildrenAtHome.Unknown,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            var mandate = client.OpenNewMandate(null, registeredOn, null);
            mandate.ReferralPath = referral;
            mandate.ContactReasons.AddRange(reasons);
            db.Clients.Add(client);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Client {ClientId} put on the waiting list by {UserId}", client.Id, me.Id);
            return client.Code;
        }
    }
}
