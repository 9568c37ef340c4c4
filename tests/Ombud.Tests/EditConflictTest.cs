namespace Ombud.Tests;

/// <summary>
/// Shared setup of the edit-conflict tests (each in its use case's test file): an ombud with a client and an actor in a
/// unit. Two people edit the same record: both load it, the first saves, the second save is refused with a Swedish message
/// that names the fields the first person changed; nothing is saved. Overwriting (taking the newer version) then works.
/// </summary>
public abstract class EditConflictTest() : HandlerTestBase(Clock)
{
    protected static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    protected UserInfo _ombud = default!;
    protected Mandate _mandate = default!;
    protected Actor _actor = default!;

    protected override async Task SeedAsync()
    {
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _t.User = _ombud;
        _mandate = await _t.AddMandateAsync(_ombud, new DateOnly(2026, 3, 1));
        _actor = await _t.AddActorAsync(_unit.Id, "Försäkringskassan");
    }

    protected async Task<long> VersionOf<T>(int id) where T : class, IVersioned
    {
        await using var db = _t.CreateContext();
        return await db.Set<T>().IgnoreQueryFilters().Where(e => EF.Property<int>(e, "Id") == id).Select(e => e.Version).SingleAsync();
    }

    /// <summary>The second save fails with the conflict message naming <paramref name="fields"/>; returns the exception.</summary>
    protected static async Task<ConcurrencyConflictException> AssertConflictAsync(Func<Task> secondSave, params string[] fields)
    {
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(secondSave);
        Assert.StartsWith("Någon annan har ändrat ", ex.Message);
        Assert.EndsWith(" sedan du öppnade formuläret.", ex.Message);
        Assert.Equal(fields.Order(), ex.ChangedFields.Order());
        foreach (var f in fields) Assert.Contains(f, ex.Message);
        return ex;
    }
}
