namespace Ombud.Web.Features.SteeringGroup;

/// <summary>Adds or edits a ledningsgrupp member: organisation, the person's name, role, and the period of membership.</summary>
public static class SaveMember
{
    public sealed class Command : EditCommand<Command>
    {
        public int? Id { get; set; }
        public string Organisation { get; set; } = "";
        public string PersonName { get; set; } = "";
        public string? Role { get; set; }
        public DateTime? From { get; set; }
        public DateTime? To { get; set; }

        public static Command Of(ListSteeringGroup.Member m) => new Command
        {
            Id = m.Id,
            Organisation = m.Organisation,
            PersonName = m.PersonName,
            Role = m.Role,
            From = m.From.ToDateTime(TimeOnly.MinValue),
            To = Dates.ToDateTime(m.To),
            Version = m.Version,
        }.RememberLoaded();
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Organisation).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Ange organisation.")
                .MaximumLength(Limits.Name).WithMessage($"Högst {Limits.Name} tecken.");
            RuleFor(x => x.PersonName).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Ange namn.")
                .MaximumLength(Limits.Name).WithMessage($"Högst {Limits.Name} tecken.");
            RuleFor(x => x.Role).MaximumLength(Limits.Name).WithMessage($"Högst {Limits.Name} tecken.");
            RuleFor(x => x.From).NotNull().WithMessage("Ange från vilket datum personen är ledamot.")
                .Must(d => d is null || d.Value.Year >= 2000).WithMessage("Ange ett datum från år 2000 och framåt.");
            RuleFor(x => x.To).Must((cmd, to) => to is null || cmd.From is null || to.Value.Date >= cmd.From.Value.Date)
                .WithMessage("Slutdatum kan inte vara före startdatum.");
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, ILogger<Handler> log)
    {
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireEditorAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            SteeringGroupMember member;
            if (cmd.Id is { } id)
                member = await db.SteeringGroupMembers.FirstOrDefaultAsync(m => m.Id == id && m.UnitId == me.UnitId, ct) ?? throw new NotFoundOrForbiddenException();
            else
                db.SteeringGroupMembers.Add(member = new SteeringGroupMember { UnitId = me.UnitId });
            Concurrency.Check(db, member, cmd, loaded => Apply(member, loaded));
            Apply(member, cmd);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Steering group member {MemberId} saved by user {UserId}", member.Id, me.Id);
            return member.Id;
        }

        private static void Apply(SteeringGroupMember member, Command cmd)
        {
            member.Organisation = cmd.Organisation.Trim();
            member.PersonName = cmd.PersonName.Trim();
            member.Role = string.IsNullOrWhiteSpace(cmd.Role) ? null : cmd.Role.Trim();
            if (cmd.From is { } from) member.From = DateOnly.FromDateTime(from);
            member.To = Dates.ToDateOnly(cmd.To);
        }
    }
}
