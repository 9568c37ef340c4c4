using System.ComponentModel.DataAnnotations;

namespace Ombud.Web.Features.SteeringGroup;

/// <summary>Adds or edits a ledningsgrupp member: organisation, the person's name, role, and the period of membership.</summary>
public static class SaveMember
{
    public sealed class Command : EditCommand<Command>
    {
        public int? Id { get; set; }
        [Display(Name = "Organisation")] public string Organisation { get; set; } = "";
        [Display(Name = "Namn")] public string PersonName { get; set; } = "";
        [Display(Name = "Roll (valfritt)")] public string? Role { get; set; }
        [Display(Name = "Ledamot från")] public DateTime? From { get; set; }
        [Display(Name = "Ledamot till (valfritt)")] public DateTime? To { get; set; }

        public static Command Of(ListSteeringGroup.Member m) => Edit(() => new Command
        {
            Id = m.Id,
            Organisation = m.Organisation,
            PersonName = m.PersonName,
            Role = m.Role,
            From = m.From.ToDateTime(TimeOnly.MinValue),
            To = Dates.ToDateTime(m.To),
            Version = m.Version,
        });
    }

    /// <summary>What the member form shows, for naming what someone else changed.</summary>
    public static readonly EditedFields<SteeringGroupMember, Command> Shown = new EditedFields<SteeringGroupMember, Command>()
        .Field(c => c.Organisation, x => x.Organisation, EditedFields.Trimmed)
        .Field(c => c.PersonName, x => x.PersonName, EditedFields.Trimmed)
        .Field(c => c.Role, x => x.Role, EditedFields.Text)
        .Field(c => c.From, x => x.From, EditedFields.RequiredDate)
        .Field(c => c.To, x => x.To, EditedFields.Date);

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

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, ILogger<Handler> log)
    {
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireEditorAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            SteeringGroupMember member;
            if (cmd.Id is { } id)
                member = await db.SteeringGroupMembers.FirstOrDefaultAsync(m => m.Id == id && m.UnitId == me.UnitId, ct)
                    ?? throw new NotFoundOrForbiddenException();
            else
                db.SteeringGroupMembers.Add(member = new SteeringGroupMember { UnitId = me.UnitId });
            await EditConflicts.CheckAsync(db, member, cmd, Shown, ct);
            Apply(member, cmd);
            await EditConflicts.SaveAsync(db, member, cmd, Shown, ct);
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
