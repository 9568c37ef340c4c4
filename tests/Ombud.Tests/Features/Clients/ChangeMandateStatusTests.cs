using Ombud.Web.Features.Clients;

namespace Ombud.Tests.Features.Clients;

/// <summary>Pausing, resuming or starting a mandate.</summary>
public class ChangeMandateStatusTests : EditConflictTest
{
    [Fact]
    public async Task Mandate_status_change_on_an_older_version_is_refused()
    {
        var version = await VersionOf<Mandate>(_mandate.Id);
        var handler = _t.Get<ChangeMandateStatus.Handler>();
        await handler.HandleAsync(new ChangeMandateStatus.Command
        {
            MandateId = _mandate.Id,
            Change = ChangeMandateStatus.Change.Pause,
            Date = new DateTime(2026, 11, 1),
            Version = version,
        });
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => handler.HandleAsync(new ChangeMandateStatus.Command
        {
            MandateId = _mandate.Id,
            Change = ChangeMandateStatus.Change.Pause,
            Date = new DateTime(2026, 11, 2),
            Version = version,
        }));
        Assert.Contains("Någon annan har ändrat", ex.Message);
        await using var db = _t.CreateContext();
        Assert.Equal(new DateOnly(2026, 11, 1), (await db.Mandates.SingleAsync(m => m.Id == _mandate.Id)).PausedOn);
    }
}
