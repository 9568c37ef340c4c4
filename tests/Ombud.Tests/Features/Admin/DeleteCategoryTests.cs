using Ombud.Tests.Features.SystemFaults;
using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

public class DeleteCategoryTests : CategoryTestData
{
    private DeleteCategory.Handler Handler() => _t.Get<DeleteCategory.Handler>();

    private async Task<bool> ExistsAsync(int id)
    {
        await using var db = _t.CreateContext();
        return await db.Categories.AnyAsync(c => c.Id == id);
    }

    [Fact]
    public async Task Deletes_an_unused_entry()
    {
        var entry = await _t.CategoryAsync(CategoryKind.ClosureReason, "Avliden");
        await Handler().HandleAsync(new DeleteCategory.Command(entry.Id));
        Assert.False(await ExistsAsync(entry.Id));
    }

    [Fact]
    public async Task Refuses_a_referral_path_used_by_a_mandate()
    {
        var entry = await _t.CategoryAsync(CategoryKind.ReferralPath, "Psykiatrin");
        await _t.AddMandateAsync(_ombud, referralPathId: entry.Id);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Handler().HandleAsync(new DeleteCategory.Command(entry.Id)));
        Assert.Equal(DeleteCategory.UsedMessage, ex.Message);
        Assert.Contains("Avsluta den i stället", ex.Message);
        Assert.True(await ExistsAsync(entry.Id));
    }

    [Fact]
    public async Task Refuses_a_contact_reason_used_through_the_mandate_contact_reasons_table()
    {
        var entry = await _t.CategoryAsync(CategoryKind.ContactReason, "Ekonomi");
        await _t.AddMandateAsync(_ombud, contactReasonIds: [entry.Id]);

        await Assert.ThrowsAsync<DomainException>(() => Handler().HandleAsync(new DeleteCategory.Command(entry.Id)));
        Assert.True(await ExistsAsync(entry.Id));
    }

    [Fact]
    public async Task Refuses_an_actor_type_used_by_an_actor()
    {
        var entry = await _t.CategoryAsync(CategoryKind.ActorType, "CSN");
        await _t.AddActorAsync(_unit.Id, "CSN", entry.Id);

        await Assert.ThrowsAsync<DomainException>(() => Handler().HandleAsync(new DeleteCategory.Command(entry.Id)));
        Assert.True(await ExistsAsync(entry.Id));
    }

    [Fact]
    public async Task Refuses_a_help_kind_used_by_a_contact_and_a_life_area_used_by_a_need()
    {
        var helpKind = await _t.CategoryAsync(CategoryKind.HelpKind, "Förstå beslut");
        var lifeArea = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
        var mandate = await _t.AddMandateAsync(_ombud);
        var actor = await _t.AddActorAsync(_unit.Id, "Försäkringskassan");
        await using (var db = _t.CreateContext())
        {
            db.Needs.Add(
                new Need
                {
                    MandateId = mandate.Id,
                    LifeAreaId = lifeArea.Id,
                    ClientWords = "Vill bo kvar",
                    IdentifiedOn = new DateOnly(2026, 2, 1)
                });
            db.AuthorityContacts.Add(new AuthorityContact
            {
                MandateId = mandate.Id,
                ActorId = actor.Id,
                Date = new DateOnly(2026, 2, 2),
                HelpKinds = [await db.Categories.SingleAsync(c => c.Id == helpKind.Id)],
            });
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<DomainException>(() => Handler().HandleAsync(new DeleteCategory.Command(helpKind.Id)));
        await Assert.ThrowsAsync<DomainException>(() => Handler().HandleAsync(new DeleteCategory.Command(lifeArea.Id)));
        Assert.True(await ExistsAsync(helpKind.Id));
        Assert.True(await ExistsAsync(lifeArea.Id));
    }

    [Fact]
    public async Task Only_system_admins_may_delete()
    {
        var entry = await _t.CategoryAsync(CategoryKind.ClosureReason, "Avliden");
        _t.User = _ombud;
        var ex = await Assert.ThrowsAsync<DomainException>(() => Handler().HandleAsync(new DeleteCategory.Command(entry.Id)));
        Assert.StartsWith("Bara systemadministratörer", ex.Message);
        Assert.True(await ExistsAsync(entry.Id));
    }

    /// <summary>A fault category in use by a reported fault (see <see cref="SystemFaultTestData"/>).</summary>
    public class UsedByAFault : SystemFaultTestData
    {
        [Fact]
        public async Task A_used_fault_category_cannot_be_deleted()
        {
            await SaveAsync(Fault(category: _bostad));
            _t.User = TestDb.Admin(_unit.Id);
            await Assert.ThrowsAnyAsync<Exception>(() => _t.Get<DeleteCategory.Handler>()
                .HandleAsync(new DeleteCategory.Command(_bostad.Id)));
            await using var db = _t.CreateContext();
            Assert.True(await db.Categories.AnyAsync(c => c.Id == _bostad.Id));
        }
    }
}
