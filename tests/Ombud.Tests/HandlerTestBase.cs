namespace Ombud.Tests;

/// <summary>
/// Outline of a feature's handler tests: a fresh <see cref="TestDb"/> (a copy of the migrated template) with one unit per
/// test. A feature's fixture (e.g. <c>Features/Sip/SipTestData</c>) adds its users and records in <see cref="SeedAsync"/>
/// and resolves the handlers from DI with <c>_t.Get&lt;T&gt;()</c>.
/// </summary>
public abstract class HandlerTestBase(TimeProvider? clock = null) : IAsyncLifetime
{
    protected TestDb _t = default!;
    protected Unit _unit = default!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: clock);
        _unit = await _t.AddUnitAsync();
        await SeedAsync();
    }

    /// <summary>Adds the feature's users and records to <see cref="_unit"/> and signs a user in.</summary>
    protected abstract Task SeedAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();
}
