namespace Ombud.Web.Features.Clients;

/// <summary>
/// Closes a mandate: date and closure reason, after the hand-over; what is still open is ended (open needs get an outcome,
/// planned SIP meetings are cancelled, open SIP measures become ej genomförda: <see cref="Mandate.EndOpenWork"/>); then
/// identity and free text are removed now, or on the unit's retention date (gallring). The de-identified statistics stay.
/// One transaction. <see cref="Handler.ListOpenWorkAsync"/> lists the open work for the dialog first.
/// </summary>
public static class CloseMandate
{
    public sealed class Command : EditCommand<Command>
    {
        public int MandateId { get; set; }
        public DateTime? ClosedOn { get; set; }
        public int? ClosureReasonId { get; set; }
        /// <summary>True: remove identity and free text now. False: keep until the unit's retention time has passed.</summary>
        public bool RemoveIdentityNow { get; set; } = true;
        /// <summary>The outcome each still-open need (by id) ends with; a need not listed ends as ej tillgodosett.</summary>
        public Dictionary<int, NeedStatus> NeedOutcomes { get; set; } = [];
        /// <summary>What the client went on to (efter uppdraget), optional: a category of that list valid on the closing date.</summary>
        public int? AfterMandateId { get; set; }

        /// <summary>
        /// Closing the mandate as the client page shows it (its version: a newer one is a conflict), dated <paramref name="today"/>.
        /// </summary>
        public static Command For(GetClient.MandateInfo mandate, DateOnly today) =>
            new() { MandateId = mandate.Id, ClosedOn = Dates.ToDateTime(today), Version = mandate.Version };
    }

    public sealed record Result(bool Anonymised, DateOnly? DisposeOn);

    /// <summary>What is still open in the mandate and is ended by closing it.</summary>
    public sealed record OpenWork(
        IReadOnlyList<OpenNeed> Needs, IReadOnlyList<PlannedMeeting> PlannedMeetings, IReadOnlyList<OpenMeasure> Measures)
    {
        public bool IsEmpty => Needs.Count == 0 && PlannedMeetings.Count == 0 && Measures.Count == 0;
    }

    public sealed record OpenNeed(int Id, string LifeArea, string ClientWords, NeedStatus Status);

    public sealed record PlannedMeeting(int Id, DateOnly Date, TimeOnly? Time);

    public sealed record OpenMeasure(string Actor, string What, DateOnly? DueOn);

    /// <summary>The outcome an open need ends with unless the ombud chooses another.</summary>
    public const NeedStatus DefaultNeedOutcome = NeedStatus.NotMet;

    /// <summary>The outcomes an open need can end with, in the order the dialog offers them.</summary>
    public static readonly NeedStatus[] NeedOutcomeChoices = [NeedStatus.Met, NeedStatus.PartlyMet, NeedStatus.NotMet];

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.ClosedOn)
                .NotNull().WithMessage("Ange avslutsdatum.")
                .NotInFuture(clock, "Avslutsdatum kan inte ligga i framtiden.")
                .InPlausibleRange(clock);
            RuleFor(x => x.ClosureReasonId).NotNull().WithMessage("Välj avslutsorsak.");
            RuleForEach(x => x.NeedOutcomes).Must(o => Need.IsResolved(o.Value))
                .WithMessage("Ett öppet behov avslutas som tillgodosett, delvis tillgodosett eller ej tillgodosett.");
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser,
        AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<Result> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var mandate = await ClientAccess.OwnMandateAsync(db, audit, log, me, cmd.MandateId, ct: ct);
            await EditConflicts.CheckAsync(db, mandate, cmd, null, ct);
            var client = await ClientRecord.LoadWholeAsync(db, mandate.ClientId, ct);
            var reason = await db.Categories.FirstOrDefaultAsync(c => c.Id == cmd.ClosureReasonId, ct)
                ?? throw new DomainException("Avslutsorsaken finns inte.");
            var closedOn = DateOnly.FromDateTime(cmd.ClosedOn!.Value);
            var closing = client.Mandates.Single(m => m.Id == mandate.Id);
            closing.Close(closedOn, reason);
            closing.EndOpenWork(closedOn, cmd.NeedOutcomes);
            if (cmd.AfterMandateId is { } afterId)
            {
                var after = await db.Categories.FirstOrDefaultAsync(c => c.Id == afterId && c.Kind == CategoryKind.AfterMandate, ct)
                    ?? throw new DomainException("Valet för efter uppdraget finns inte.");
                closing.RecordAfterMandate(after);
            }

            var retention = await db.Units.Where(u => u.Id == client.UnitId).Select(u => u.RetentionMonths).FirstAsync(ct);
            if (cmd.RemoveIdentityNow || retention == 0) client.Anonymise(clock.GetUtcNow().UtcDateTime);
            else client.DisposeOn = closedOn.AddMonths(retention);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Mandate {MandateId} closed; client {ClientId} anonymised: {Anonymised}",
                mandate.Id, client.Id, client.IsAnonymised);
            return new Result(client.IsAnonymised, client.DisposeOn);
        }

        /// <summary>What closing the mandate will end: its open needs, planned SIP meetings and open SIP measures.</summary>
        public async Task<OpenWork> ListOpenWorkAsync(int mandateId, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var mandate = await ClientAccess.OwnMandateAsync(db, audit, log, me, mandateId, q => q.AsNoTracking()
                .Include(m => m.Needs).ThenInclude(n => n.LifeArea)
                .Include(m => m.SipMeetings).ThenInclude(s => s.Measures).ThenInclude(x => x.Actor)
                .AsSplitQuery(), ct);
            var (needs, planned, measures) = mandate.OpenWork();
            return new OpenWork(
                needs.OrderBy(n => n.IdentifiedOn).ThenBy(n => n.Id)
                    .Select(n => new OpenNeed(n.Id, n.LifeArea!.Name, n.ClientWords, n.Status)).ToList(),
                planned.OrderBy(s => s.Date).ThenBy(s => s.Time).Select(s => new PlannedMeeting(s.Id, s.Date, s.Time)).ToList(),
                // A planned follow-up carries copies of its meeting's open measures: each is listed once.
                measures.OrderBy(x => x.DueOn is null).ThenBy(x => x.DueOn).ThenBy(x => x.Id)
                    .Select(x => new OpenMeasure(x.Actor!.Name, x.What, x.DueOn)).Distinct().ToList());
        }
    }
}
