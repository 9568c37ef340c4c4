using System.ComponentModel.DataAnnotations;

namespace Ombud.Web.Features.Admin;

/// <summary>Adds an actor to the admin's unit's register, or edits one (name and actor type).</summary>
public static class SaveActor
{
    public sealed class Command : EditCommand<Command>
    {
        /// <summary>Null for a new actor.</summary>
        public int? Id { get; set; }
        [Display(Name = "Namn")] public string Name { get; set; } = "";
        [Display(Name = "Aktörstyp")] public int? ActorTypeId { get; set; }

        /// <summary>Editing an actor as the register shows it.</summary>
        public static Command From(ListActors.Row row) =>
            Edit(() => new Command { Id = row.Id, Name = row.Name, ActorTypeId = row.ActorTypeId, Version = row.Version });
    }

    /// <summary>What the actor form shows, for naming what someone else changed.</summary>
    public static readonly EditedFields<Actor, Command> Shown = new EditedFields<Actor, Command>()
        .Field(c => c.Name, x => x.Name, EditedFields.Trimmed)
        .Field(c => c.ActorTypeId, x => x.ActorTypeId, EditedFields.Id);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).RequiredName("Ange aktörens namn.");
            RuleFor(x => x.ActorTypeId).NotNull().WithMessage("Välj aktörstyp.");
        }
    }

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, TimeProvider clock)
    {
        /// <summary>Returns the actor's id.</summary>
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("ändra aktörsregistret");
            await validator.ValidateAndThrowAsync(cmd, ct);

            await using var db = await dbf.CreateDbContextAsync(ct);
            Actor actor;
            if (cmd.Id is { } id)
            {
                // Another unit's actor is answered as "not found", like any record the user may not reach.
                actor = await db.Actors.FirstOrDefaultAsync(a => a.Id == id && a.UnitId == me.UnitId, ct)
                    ?? throw new NotFoundOrForbiddenException();
                await EditConflicts.CheckAsync(db, actor, cmd, Shown, ct);
            }
            else
            {
                actor = new Actor { UnitId = me.UnitId, IsActive = true };
                db.Actors.Add(actor);
            }

            var typeId = cmd.ActorTypeId!.Value;
            if (typeId != actor.ActorTypeId)
            {
                var type = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == typeId, ct);
                if (type is null || type.Kind != CategoryKind.ActorType)
                    throw new DomainException("Välj en aktörstyp ur listan.");
                if (!type.IsValidOn(clock.Today()))
                    throw new DomainException($"Aktörstypen \"{type.Name}\" gäller inte i dag. Välj en annan aktörstyp.");
            }

            // The database has a unique index on (UnitId, Name), but it compares by the column's collation (case-sensitive
            // in SQLite). Check first, by Swedish case rules, so the user gets a message instead of a database error.
            var name = cmd.Name.Trim();
            var names = await db.Actors.AsNoTracking()
                .Where(a => a.UnitId == me.UnitId && a.Id != actor.Id)
                .Select(a => a.Name).ToListAsync(ct);
            if (names.Any(n => SwedishNames.Same(n, name)))
                throw new DomainException($"Det finns redan en aktör som heter \"{name}\" i enheten. Välj ett annat namn.");

            actor.Name = name;
            actor.ActorTypeId = typeId;
            await EditConflicts.SaveAsync(db, actor, cmd, Shown, ct);
            return actor.Id;
        }
    }
}
