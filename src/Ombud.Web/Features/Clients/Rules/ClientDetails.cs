using System.ComponentModel.DataAnnotations;

namespace Ombud.Web.Features.Clients;

/// <summary>The client fields shared by registering and editing a client, with their one set of rules.</summary>
public interface IClientDetails
{
    [Display(Name = "Namn eller alias (valfritt)")] string? Name { get; set; }
    [Display(Name = "Personnummer (valfritt)")] string? PersonalNumber { get; set; }
    [Display(Name = "Kön")] Gender Gender { get; set; }
    [Display(Name = "Födelseår (valfritt)")] int? BirthYear { get; set; }
    [Display(Name = "Kommun/stadsdel")] int? MunicipalityId { get; set; }
    [Display(Name = "Hemmavarande barn under 18")] ChildrenAtHome ChildrenAtHome { get; set; }
}

public sealed class ClientDetailsValidator : AbstractValidator<IClientDetails>
{
    public ClientDetailsValidator(TimeProvider clock)
    {
        RuleFor(x => x.Name).MaximumLength(Limits.Name).WithMessage($"Namnet får vara högst {Limits.Name} tecken.");
        RuleFor(x => x.PersonalNumber).Custom((pnr, ctx) =>
        {
            if (string.IsNullOrWhiteSpace(pnr)) return;
            if (!Domain.PersonalNumber.TryNormalize(pnr, clock.Today(), out var normalized, out var error))
                ctx.AddFailure(error);
            else if (ctx.InstanceToValidate.BirthYear is { } by && Domain.PersonalNumber.BirthYear(normalized) != by)
                ctx.AddFailure("Personnumret och födelseåret stämmer inte överens.");
            else if (Domain.PersonalNumber.BirthYear(normalized) > clock.Today().Year - 18)
                ctx.AddFailure("Personnumret tillhör någon under 18 år. Personligt ombud är för vuxna.");
        });
        RuleFor(x => x.BirthYear)
            .Must(y => y is null || (y >= Limits.MinBirthYear && y <= clock.Today().Year - 18))
            .WithMessage(_ =>
                $"Födelseåret ska vara mellan {Limits.MinBirthYear} och {clock.Today().Year - 18} (personligt ombud är för vuxna).");
        RuleFor(x => x.MunicipalityId).NotNull().WithMessage("Välj kommun eller stadsdel.");
        RuleFor(x => x.Gender).IsInEnum().WithMessage("Välj kön.");
        RuleFor(x => x.ChildrenAtHome).IsInEnum().WithMessage("Välj ett alternativ.");
    }
}
