using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>Reporting or editing a system fault (more handler tests in SystemFaultHandlerTests).</summary>
public class SaveFaultTests
{
    // 23:30 UTC on 23 Nov is already 24 Nov in Sweden.
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23, 23);
    private static readonly DateTime SwedishToday = new(2026, 11, 24);

    private static SaveFault.Command ValidFault() => new()
    {
        Date = SwedishToday,
        CategoryId = 1,
        Level = FaultLevel.Local,
        Description = "Väntetiden till psykiatrin är över sex månader.",
        Consequence = "Klienter blir utan behandling.",
        ClientsAffected = 4,
    };

    private readonly SaveFault.Validator _fault = new(Clock);

    [Fact]
    public void A_complete_fault_is_valid() => Assert.True(_fault.Validate(ValidFault()).IsValid);

    [Fact]
    public void Today_in_Swedish_time_is_allowed_but_not_tomorrow()
    {
        var cmd = ValidFault();
        Assert.Empty(_fault.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = SwedishToday.AddDays(1);
        Assert.Contains("Datumet kan inte ligga i framtiden.", _fault.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = null;
        Assert.Contains("Ange datum.", _fault.ErrorsFor(cmd, nameof(cmd.Date)));
    }

    [Fact]
    public void Category_and_level_are_required()
    {
        var cmd = ValidFault();
        cmd.CategoryId = null;
        cmd.Level = null;
        Assert.Contains("Välj kategori.", _fault.ErrorsFor(cmd, nameof(cmd.CategoryId)));
        Assert.Contains("Välj nivå.", _fault.ErrorsFor(cmd, nameof(cmd.Level)));
        cmd.Level = (FaultLevel)9;
        Assert.Contains("Välj nivå.", _fault.ErrorsFor(cmd, nameof(cmd.Level)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Description_is_required(string? text)
    {
        var cmd = ValidFault();
        cmd.Description = text!;
        Assert.Contains("Beskriv systembristen.", _fault.ErrorsFor(cmd, nameof(cmd.Description)));
    }

    [Fact]
    public void Texts_may_not_exceed_the_limit()
    {
        var cmd = ValidFault();
        cmd.Description = new string('ä', Limits.LongText);
        cmd.Consequence = new string('ö', Limits.LongText);
        Assert.True(_fault.Validate(cmd).IsValid);
        cmd.Description += "x";
        cmd.Consequence += "x";
        Assert.Contains($"Högst {Limits.LongText} tecken.", _fault.ErrorsFor(cmd, nameof(cmd.Description)));
        Assert.Contains($"Högst {Limits.LongText} tecken.", _fault.ErrorsFor(cmd, nameof(cmd.Consequence)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(10000, true)]
    [InlineData(-1, false)]
    [InlineData(10001, false)]
    [InlineData(null, false)]
    public void Clients_affected_is_between_0_and_10000(int? n, bool valid)
    {
        var cmd = ValidFault();
        cmd.ClientsAffected = n;
        Assert.Equal(valid, !_fault.ErrorsFor(cmd, nameof(cmd.ClientsAffected)).Any());
    }

    /// <summary>Two people edit the same record (see <see cref="EditConflictTest"/>).</summary>
    public class Concurrency : EditConflictTest
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
}
