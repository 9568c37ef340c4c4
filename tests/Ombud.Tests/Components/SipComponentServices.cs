using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using MudBlazor.Services;
using Ombud.Web.Features.Followups;
using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Components;

/// <summary>The services the SIP pages and Mina uppgifter need in a bUnit context: real validators and handlers on a test database.</summary>
internal static class SipComponentServices
{
    public static void Add(BunitContext bunit, TestDb db, TimeProvider clock)
    {
        var services = bunit.Services;
        services.AddMudServices();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        services.AddSingleton(clock);
        services.AddSingleton(db.Factory);
        services.AddSingleton(db.CurrentUser);
        services.AddSingleton(new AuditInterceptor(db.CurrentUser, clock));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IValidator<SaveSipMeeting.Command>>(new SaveSipMeeting.Validator(clock));
        services.AddSingleton<IValidator<SaveSipMeeting.Participant>>(new SaveSipMeeting.ParticipantValidator());
        services.AddSingleton<IValidator<SaveSipMeeting.Measure>>(new SaveSipMeeting.MeasureValidator(clock));
        services.AddScoped<GetSipMeeting.Handler>();
        services.AddScoped<SaveSipMeeting.Handler>();
        services.AddScoped<SipOverview.Handler>();
        services.AddScoped<MyDueItems.Handler>();
        services.AddScoped<UiFeedback>();
        services.AddScoped<Drafts>();
        bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }
}
