namespace Ombud.Web.Features.Clients;

/// <summary>Corrects a client's details (name, personnummer, gender, birth year, municipality, children at home).</summary>
public static class EditClient
{
    public sealed class Command : EditCommand<Command>, IClientDetails
    {
        public int ClientId { get; set; }
        public string? Name { get; set; }
        public string? PersonalNumber { get; set; }
        public Gender Gender { get; set; }
        public int? BirthYear { get; set; }
        public int? MunicipalityId { get; set; }
        public ChildrenAtHome ChildrenAtHome { get; set; }

        public static Command From(GetClient.Details d) => Edit(() => new Command
        {
            ClientId = d.ClientId,
            Name = d.Name,
            PersonalNumber = d.PersonalNumber,
            Gender = d.Gender,
            BirthYear = d.BirthYear,
            MunicipalityId = d.MunicipalityId,
            ChildrenAtHome = d.ChildrenAtHome,
            Version = d.Version,
        });
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) => Include(new ClientDetailsValidator(clock));
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser,
        AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        /// <summary>What the form shows, for naming what someone else changed.</summary>
        private readonly EditedFields<Client, Command> _shown = new EditedFields<Client, Command>()
            .Field(c => c.Name, x => x.Name, EditedFields.Text)
            .Field(c => c.PersonalNumber, x => x.PersonalNumber,
                p => PersonalNumber.TryNormalize(p ?? "", clock.Today(), out var n, out _) ? n : null)
            .Field(c => c.Gender, x => x.Gender)
            .Field(c => c.BirthYear, x => x.BirthYear)
            .Field(c => c.MunicipalityId, x => x.MunicipalityId, EditedFields.Id)
            .Field(c => c.ChildrenAtHome, x => x.ChildrenAtHome);

        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var client = await db.Clients.OwnedBy(me).FirstOrDefaultAsync(c => c.Id == cmd.ClientId, ct);
            if (client is null)
            {
                await ClientAccess.DenyAsync(db, audit, log, me, nameof(Client), cmd.ClientId.ToString(), null, ct);
                throw new NotFoundOrForbiddenException();
            }
            await EditConflicts.CheckAsync(db, client, cmd, _shown, ct);
            // A client may stay in a municipality the unit no longer serves, but not be moved into one.
            var stored = client.MunicipalityId;
            var municipalityOk = await db.Municipalities.AnyAsync(
                m => m.Id == cmd.MunicipalityId && m.UnitId == me.UnitId && (m.IsActive || m.Id == stored), ct);
            if (!municipalityOk)
                throw new DomainException("Välj en kommun som enheten arbetar i.");

            string? pnr = null;
            var birthYear = cmd.BirthYear;
            if (!string.IsNullOrWhiteSpace(cmd.PersonalNumber)
                && PersonalNumber.TryNormalize(cmd.PersonalNumber, clock.Today(), out var n, out _))
            {
                pnr = n;
                birthYear ??= PersonalNumber.BirthYear(n);
                if (await db.Clients.AnyAsync(c => c.UnitId == me.UnitId && c.PersonalNumber == pnr && c.Id != client.Id, ct))
                    throw new DomainException("Det finns redan en annan klient med det personnumret i enheten.");
            }
            client.SetName(cmd.Name);
            client.PersonalNumber = pnr;
            client.Gender = cmd.Gender;
            client.BirthYear = birthYear;
            client.MunicipalityId = cmd.MunicipalityId!.Value;
            client.ChildrenAtHome = cmd.ChildrenAtHome;
            await EditConflicts.SaveAsync(db, client, cmd, _shown, ct);
        }
    }
}
