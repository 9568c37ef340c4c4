using Ombud.Web.Features.SteeringGroup;

namespace Ombud.Tests.Features.SteeringGroup;

/// <summary>Adding or editing a steering-group member.</summary>
public class SaveMemberTests
{
    private readonly SaveMember.Validator _member = new();

    [Fact]
    public void A_member_needs_organisation_name_and_start_and_ends_after_starting()
    {
        var cmd = new SaveMember.Command { Organisation = " ", PersonName = "", From = null };
        Assert.Contains("Ange organisation.", _member.ErrorsFor(cmd, nameof(cmd.Organisation)));
        Assert.Contains("Ange namn.", _member.ErrorsFor(cmd, nameof(cmd.PersonName)));
        Assert.Contains("Ange från vilket datum personen är ledamot.", _member.ErrorsFor(cmd, nameof(cmd.From)));
        cmd = new SaveMember.Command
        {
            Organisation = "Region Demo",
            PersonName = "Per Person",
            From = new DateTime(2026, 1, 1),
            To = new DateTime(2025, 12, 31)
        };
        Assert.Contains("Slutdatum kan inte vara före startdatum.", _member.ErrorsFor(cmd, nameof(cmd.To)));
        cmd.To = new DateTime(2026, 1, 1);
        Assert.True(_member.Validate(cmd).IsValid);
        cmd.Role = new string('r', Limits.Name + 1);
        Assert.Contains($"Högst {Limits.Name} tecken.", _member.ErrorsFor(cmd, nameof(cmd.Role)));
    }

    /// <summary>Two people edit the same record (see <see cref="EditConflictTest"/>).</summary>
    public class Concurrency : EditConflictTest
    {
        [Fact]
        public async Task Steering_group_member_second_save_is_refused_then_overwrite_works()
        {
            _t.User = TestDb.Admin(_unit.Id);
            var members = _t.Get<SaveMember.Handler>();
            var memberId = await members.HandleAsync(
                new SaveMember.Command { Organisation = "Region", PersonName = "Eva Ek", From = new DateTime(2026, 1, 1) });
            var mv = await VersionOf<SteeringGroupMember>(memberId);
            SaveMember.Command LoadMember() =>
                SaveMember.Command.Edit(
                    () => new SaveMember.Command
                    {
                        Id = memberId,
                        Organisation = "Region",
                        PersonName = "Eva Ek",
                        From = new DateTime(2026, 1, 1),
                        Version = mv
                    });
            var a = LoadMember();
            var b = LoadMember();
            a.Role = "Ordförande";
            await members.HandleAsync(a);
            b.PersonName = "Eva Ekström";
            var ex = await AssertConflictAsync(() => members.HandleAsync(b), "Roll");
            ex.Command!.OverwriteFrom(ex.CurrentVersion);
            await members.HandleAsync(b);

            await using var db = _t.CreateContext();
            Assert.Equal("Eva Ekström", (await db.SteeringGroupMembers.SingleAsync(x => x.Id == memberId)).PersonName);
        }
    }
}
