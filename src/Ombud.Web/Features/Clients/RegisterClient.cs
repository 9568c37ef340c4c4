namespace Ombud.Web.Features.Clients;

/// <summary>Registers a client and opens the first mandate (on the waiting list, or active) in one step.</summary>
public static class RegisterClient
{
    public sealed class Command : IClientDetails, IMandateStart
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
            Include(new MandateStartValidator(clock));
        }
    }

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, TimeProvider clock)
    {
        /// <summary>Returns the new client's id.</summary>
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            if (!me.IsOmbud) throw new DomainException("Bara ombud kan registrera klienter.");
            await validator.ValidateAndThrowAsync(cmd, ct);

            var today = clock.Today();
            var (registeredOn, startDate, categoryDate) = MandateStartValidator.Dates(cmd);

            await using var db = await dbf.CreateDbContextAsync(ct);
            if (!await db.Municipalities.AnyAsync(m => m.Id == cmd.MunicipalityId && m.UnitId == me.UnitId && m.IsActive, ct))
                throw new DomainException("Välj en kommun som enheten arbetar i.");
            var (referral, reasons) =
                await MandateCategories.LoadAsync(db, cmd.ReferralPathId, cmd.ContactReasonIds, categoryDate, "startdatumet", ct);

            string? pnr = null;
            var birthYear = cmd.BirthYear;
            if (!string.IsNullOrWhiteSpace(cmd.PersonalNumber) && PersonalNumber.TryNormalize(cmd.PersonalNumber, today, out var n, out _))
            {
                pnr = n;
                birthYear ??= PersonalNumber.BirthYear(n);
                var existing = await db.Clients.AsNoTracking()
                    .Where(c => c.UnitId == me.UnitId && c.PersonalNumber == pnr)
                    .Select(c => new { c.Code, c.OmbudId, Open = c.Mandates.Any(m => m.Status != MandateStatus.Closed) })
                    .FirstOrDefaultAsync(ct);
                if (existing is not null)
                    throw new DomainException(DuplicateMessage(existing.OmbudId == me.Id, existing.Code, existing.Open));
            }

            var client = new Client
            {
                UnitId = me.UnitId,
                Code = await NewUniqueCodeAsync(db, ct),
                PersonalNumber = pnr,
                Gender = cmd.Gender,
                BirthYear = birthYear,
                MunicipalityId = cmd.MunicipalityId!.Value,
                ChildrenAtHome = cmd.ChildrenAtHome,
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

        /// <summary>
        /// A known personnummer: the ombud's own client is named by its code (open it, and start a new mandate there when
        /// the last one is closed); another ombud's client is not named, since this ombud may not see it.
        /// </summary>
        public static string DuplicateMessage(bool own, string code, bool hasOpenMandate) => (own, hasOpenMandate) switch
        {
            (true, false) => $"Klienten finns redan hos dig med klientkod {code}. "
                + $"Öppna klienten {code} under Mina klienter och starta ett nytt uppdrag där (knappen Nytt uppdrag).",
            (true, true) => $"Klienten finns redan hos dig med klientkod {code} och har ett pågående uppdrag. "
                + $"Öppna klienten {code} under Mina klienter.",
            _ => "Det finns redan en klient med det personnumret i enheten. Kontakta enhetschefen om klienten ska flyttas till dig.",
        };

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
