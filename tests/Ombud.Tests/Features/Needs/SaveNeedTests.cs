using Ombud.Web.Features.Needs;

namespace Ombud.Tests.Features.Needs;

public class SaveNeedTests
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    [Fact]
    public void Need_requires_life_area_words_and_a_past_date()
    {
        var v = new SaveNeed.Validator(Clock);
        Assert.True(
            v.Validate(
                new SaveNeed.Command { LifeAreaId = 1, ClientWords = "Vill bo kvar", IdentifiedOn = new DateTime(2026, 11, 23) }).IsValid);
        var bad = v.Validate(new SaveNeed.Command { ClientWords = "", IdentifiedOn = new DateTime(2026, 11, 24) });
        Assert.Contains(bad.Errors, e => e.ErrorMessage == "Välj livsområde.");
        Assert.Contains(bad.Errors, e => e.ErrorMessage.StartsWith("Beskriv behovet"));
        Assert.Contains(bad.Errors, e => e.ErrorMessage.Contains("framtiden"));
    }

    [Fact]
    public void Need_resolution_date_is_not_in_the_future_nor_before_the_need_was_identified()
    {
        var v = new SaveNeed.Validator(Clock);
        SaveNeed.Command Cmd(DateTime resolved) =>
            new()
            {
                LifeAreaId = 1,
                ClientWords = "x",
                Status = NeedStatus.Met,
                IdentifiedOn = new DateTime(2026, 10, 1),
                ResolvedOn = resolved
            };
        Assert.True(v.Validate(Cmd(new DateTime(2026, 10, 15))).IsValid);
        Assert.Contains(
            v.Validate(Cmd(new DateTime(2026, 9, 30))).Errors,
            e => e.ErrorMessage.Contains("före datumet då behovet identifierades"));
        Assert.Contains(v.Validate(Cmd(new DateTime(2026, 11, 24))).Errors, e => e.ErrorMessage.Contains("framtiden"));
    }

    [Fact]
    public void Need_words_are_capped_at_the_database_limit()
    {
        var v = new SaveNeed.Validator(Clock);
        var cmd = new SaveNeed.Command
        {
            LifeAreaId = 1,
            ClientWords = new string('å', Limits.ShortText),
            IdentifiedOn = new DateTime(2026, 1, 1)
        };
        Assert.True(v.Validate(cmd).IsValid);
        cmd.ClientWords += "x";
        Assert.False(v.Validate(cmd).IsValid);
    }

    [Fact]
    public void The_Swedish_day_decides_what_the_future_is()
    {
        // 23:30 UTC on 23 Nov is already 24 Nov in Stockholm (UTC+1): a date of 24 Nov is then not in the future.
        var lateEvening = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero));
        var v = new SaveNeed.Validator(lateEvening);
        Assert.True(
            v.Validate(new SaveNeed.Command { LifeAreaId = 1, ClientWords = "x", IdentifiedOn = new DateTime(2026, 11, 24) }).IsValid);
    }

    /// <summary>Two people edit the same record (see <see cref="EditConflictTest"/>).</summary>
    public class Concurrency : EditConflictTest
    {
        /// <summary>The need "Vill bo kvar" as the form loads it.</summary>
        private SaveNeed.Command Form(int id, int lifeAreaId, long version) => SaveNeed.Command.Edit(() => new SaveNeed.Command
        {
            Id = id,
            MandateId = _mandate.Id,
            LifeAreaId = lifeAreaId,
            ClientWords = "Vill bo kvar",
            IdentifiedOn = new DateTime(2026, 4, 1),
            Version = version,
        });

        [Fact]
        public async Task Need_second_save_is_refused_then_overwrite_works()
        {
            var lifeArea = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
            var handler = _t.Get<SaveNeed.Handler>();
            var id = await handler.HandleAsync(
                new SaveNeed.Command
                {
                    MandateId = _mandate.Id,
                    LifeAreaId = lifeArea.Id,
                    ClientWords = "Vill bo kvar",
                    IdentifiedOn = new DateTime(2026, 4, 1)
                });
            var version = await VersionOf<Need>(id);
            var first = Form(id, lifeArea.Id, version);
            var second = Form(id, lifeArea.Id, version);

            first.ClientWords = "Vill flytta";
            first.Status = NeedStatus.InProgress;
            await handler.HandleAsync(first);
            second.ClientWords = "Vill ha stöd i hemmet";
            var ex = await AssertConflictAsync(() => handler.HandleAsync(second), "Behovet med klientens egna ord", "Status");

            await using (var db = _t.CreateContext()) Assert.Equal(
                "Vill flytta", (await db.Needs.SingleAsync(n => n.Id == id)).ClientWords);
            ex.Command!.OverwriteFrom(ex.CurrentVersion);
            await handler.HandleAsync(second);
            await using (var db = _t.CreateContext())
            {
                var need = await db.Needs.SingleAsync(n => n.Id == id);
                Assert.Equal("Vill ha stöd i hemmet", need.ClientWords);
                Assert.Equal(version + 2, need.Version);
            }
        }

        [Fact]
        public async Task Need_change_that_touches_none_of_the_forms_fields_is_not_a_conflict()
        {
            var lifeArea = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
            var handler = _t.Get<SaveNeed.Handler>();
            var id = await handler.HandleAsync(
                new SaveNeed.Command
                {
                    MandateId = _mandate.Id,
                    LifeAreaId = lifeArea.Id,
                    ClientWords = "Vill bo kvar",
                    IdentifiedOn = new DateTime(2026, 4, 1)
                });
            var version = await VersionOf<Need>(id);
            var form = Form(id, lifeArea.Id, version);
            await using (var db = _t.CreateContext())
            {
                // A save that raises the version without changing what the form shows (e.g. a later resolved-date fix).
                var need = await db.Needs.SingleAsync(n => n.Id == id);
                db.Entry(need).Property(n => n.Version).IsModified = true;
                await db.SaveChangesAsync();
            }
            form.ClientWords = "Vill bo kvar i lägenheten";
            await handler.HandleAsync(form);
            await using (var db = _t.CreateContext()) Assert.Equal(
                "Vill bo kvar i lägenheten", (await db.Needs.SingleAsync(n => n.Id == id)).ClientWords);
        }
    }
}
