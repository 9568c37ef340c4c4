using Ombud.Web.Features.Clients;

namespace Ombud.Tests.Features.Clients;

/// <summary>Editing a client's details.</summary>
public class EditClientTests : EditConflictTest
{
    [Fact]
    public async Task Client_second_save_is_refused_then_overwrite_works()
    {
        var handler = _t.Get<EditClient.Handler>();
        int municipalityId;
        long version;
        await using (var db = _t.CreateContext())
        {
            var client = await db.Clients.SingleAsync(c => c.Id == _mandate.ClientId);
            municipalityId = client.MunicipalityId;
            version = client.Version;
        }
        EditClient.Command Load() => EditClient.Command.Edit(() => new EditClient.Command
        {
            ClientId = _mandate.ClientId,
            MunicipalityId = municipalityId,
            Gender = Gender.Unknown,
            Version = version,
        });
        var first = Load();
        var second = Load();
        first.Name = "Anna Andersson";
        first.BirthYear = 1970;
        await handler.HandleAsync(first);
        second.Name = "Anna Berg";
        var ex = await AssertConflictAsync(() => handler.HandleAsync(second), "Namn eller alias", "Födelseår");
        await using (var db = _t.CreateContext())
            Assert.Equal("Anna Andersson", (await db.Clients.SingleAsync(c => c.Id == _mandate.ClientId)).Name);
        ex.Command!.OverwriteFrom(ex.CurrentVersion);
        await handler.HandleAsync(second);
        await using (var db = _t.CreateContext())
            Assert.Equal("Anna Berg", (await db.Clients.SingleAsync(c => c.Id == _mandate.ClientId)).Name);
    }
}
