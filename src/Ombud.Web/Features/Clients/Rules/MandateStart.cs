namespace Ombud.Web.Features.Clients;

/// <summary>
/// The fields that open a mandate — first contact, start now or wait, start date, referral path, contact reasons — shared
/// by registering a new client (<see cref="RegisterClient"/>) and a returning client's new mandate (<see cref="OpenMandate"/>),
/// with their one set of rules. The categories are checked against the lists valid on the start date by <see cref="MandateCategories"/>.
/// </summary>
public interface IMandateStart
{
    bool StartNow { get; set; }
    DateTime? RegisteredOn { get; set; }
    DateTime? StartDate { get; set; }
    int? ReferralPathId { get; set; }
    IEnumerable<int> ContactReasonIds { get; set; }
}

public sealed class MandateStartValidator : AbstractValidator<IMandateStart>
{
    public MandateStartValidator(TimeProvider clock)
    {
        RuleFor(x => x.RegisteredOn).NotNull().WithMessage("Ange datum för första kontakt.").NotInFuture(clock)
            .Must(d => d is null || d.Value.Year >= 2000).WithMessage("Datumet måste vara år 2000 eller senare.");
        When(x => x.StartNow, () =>
            RuleFor(x => x.StartDate)
                .NotNull().WithMessage("Ange startdatum för uppdraget.")
                .NotInFuture(clock, "Startdatum kan inte ligga i framtiden.")
                .Must((cmd, d) => d is null || cmd.RegisteredOn is null || d.Value.Date >= cmd.RegisteredOn.Value.Date)
                .WithMessage("Startdatum kan inte vara före datum för första kontakt."));
        RuleFor(x => x.ReferralPathId).NotNull().WithMessage("Välj kontaktväg.");
        RuleFor(x => x.ContactReasonIds).NotEmpty().WithMessage("Välj minst en kontaktorsak.");
    }

    /// <summary>
    /// The dates of a valid command: first contact, start (null = waiting), and the date the categories must be valid on.
    /// </summary>
    public static (DateOnly RegisteredOn, DateOnly? StartDate, DateOnly CategoryDate) Dates(IMandateStart cmd)
    {
        var registeredOn = DateOnly.FromDateTime(cmd.RegisteredOn!.Value);
        DateOnly? startDate = cmd.StartNow ? DateOnly.FromDateTime(cmd.StartDate!.Value) : null;
        return (registeredOn, startDate, startDate ?? registeredOn);
    }
}
