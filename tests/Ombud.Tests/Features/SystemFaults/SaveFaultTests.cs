using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>Reporting or editing a system fault (the validator's tests are in SystemFaultValidatorTests, the handler's in SystemFaultHandlerTests).</summary>
public class SaveFaultTests : EditConflictTest
{
    [Fact]
    public async Task System_fault_second_save_is_refused_then_overwrite_works()
    {
        var category = await _t.CategoryAsync(CategoryKind.FaultCategory, "Bostad");
        var handler = _t.Get<SaveFault.Handler>();
        var created = await handler.HandleAsync(new SaveFault.Command
        {
            Date = new DateTime(2026, 11, 2),
            CategoryId = category.Id,
            Level = FaultLevel.Local,
            Description = "Långa väntetider på bostadsbeslut",
            ClientsAffected = 3,
        });
        var version = await VersionOf<SystemFault>(created.Id!.Value);
        SaveFault.Command Load() => SaveFault.Command.Edit(() => new SaveFault.Command
        {
            Id = created.Id,
            Date = new DateTime(2026, 11, 2),
            CategoryId = category.Id,
            Level = FaultLevel.Local,
            Description = "Långa väntetider på bostadsbeslut",
            ClientsAffected = 3,
            Version = version,
        });
        var first = Load();
        var second = Load();
        first.Description = "Mycket långa väntetider på bostadsbeslut";
        first.ClientsAffected = 5;
        await handler.HandleAsync(first);
        second.Consequence = "Klienter blir bostadslösa";
        var ex = await AssertConflictAsync(() => handler.HandleAsync(second), "Beskrivning", "Antal berörda klienter");
        ex.Command!.OverwriteFrom(ex.CurrentVersion);
        await handler.HandleAsync(second);
        await using var db = _t.CreateContext();
        var fault = await db.SystemFaults.SingleAsync(f => f.Id == created.Id);
        Assert.Equal("Långa väntetider på bostadsbeslut", fault.Description);
        Assert.Equal("Klienter blir bostadslösa", fault.Consequence);
    }
}
