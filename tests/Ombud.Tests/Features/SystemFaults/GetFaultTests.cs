using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>A fault's details.</summary>
public class GetFaultTests : SystemFaultTestData
{
    [Fact]
    public async Task Another_units_fault_is_not_found()
    {
        var id = await SaveAsync(Fault());
        var other = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
        _t.User = await _t.AddUserAsync(other.Id, Roles.UnitLead);
        Assert.Null(await Get().HandleAsync(id));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() =>
            Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.Closed, Date = Today }));
        Assert.Equal(0, (await List().HandleAsync(new ListFaults.Query(new FaultFilter()))).Total);
    }
}
