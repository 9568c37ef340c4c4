using Bunit;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Ombud.Web.Features.Followups;
using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Components;

/// <summary>
/// The services the SIP pages and Mina uppgifter need in a bUnit context besides <see cref="ComponentTestBase.AddAppServices"/>:
/// real validators and handlers.
/// </summary>
internal static class SipComponentServices
{
    public static void Add(BunitContext bunit, TimeProvider clock)
    {
        var services = bunit.Services;
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IValidator<SaveSipMeeting.Command>>(new SaveSipMeeting.Validator(clock));
        services.AddSingleton<IValidator<SaveSipMeeting.Participant>>(new SaveSipMeeting.ParticipantValidator());
        services.AddSingleton<IValidator<SaveSipMeeting.Measure>>(new SaveSipMeeting.MeasureValidator(clock));
        services.AddScoped<GetSipMeeting.Handler>();
        services.AddScoped<SaveSipMeeting.Handler>();
        services.AddScoped<LoadSipPanel.Handler>();
        services.AddScoped<ListDueItems.Handler>();
    }
}
