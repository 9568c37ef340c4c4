using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>Deleting a draft fault.</summary>
public class DeleteFaultTests : SystemFaultTestData
{
    [Fact]
    public async Task Only_the_reporter_deletes_a_draft()
    {
        var id = await SaveAsync(Fault());
        var delete = _t.Get<DeleteFault.Handler>();
        _t.User = _lead;
        await Assert.ThrowsAsync<DomainException>(() => delete.HandleAsync(id));
        _t.User = _ombud;
        await delete.HandleAsync(id);
        Assert.Null(await Get().HandleAsync(id));
    }

    [Fact]
    public async Task Deleting_a_draft_changed_since_the_page_showed_it_is_a_conflict()
    {
        var id = await SaveAsync(Fault());
        var seen = (await Get().HandleAsync(id))!;
        var edit = SaveFault.Command.From(seen); // another tab saves a change
        edit.Description = "Ändrad i en annan flik";
        await SaveAsync(edit);
        var delete = _t.Get<DeleteFault.Handler>();

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => delete.HandleAsync(id, seen.Version));
        Assert.Equal("Någon annan har ändrat uppgifterna sedan du öppnade formuläret.", ex.Message);
        Assert.Equal("Ändrad i en annan flik", (await Get().HandleAsync(id))!.Description);

        await delete.HandleAsync(id, (await Get().HandleAsync(id))!.Version);
        Assert.Null(await Get().HandleAsync(id));
    }
}
