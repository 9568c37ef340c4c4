using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

public class SaveActorTests
{
    private readonly SaveActor.Validator _validator = new();

    private static SaveActor.Command Valid() => new() { Name = "Försäkringskassan", ActorTypeId = 1 };

    private IEnumerable<string> ErrorsFor(SaveActor.Command cmd, string property) =>
        _validator.Validate(cmd).Errors.Where(e => e.PropertyName == property).Select(e => e.ErrorMessage);

    [Fact]
    public void A_complete_command_is_valid() => Assert.True(_validator.Validate(Valid()).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Name_is_required(string? name)
    {
        var cmd = Valid();
        cmd.Name = name!;
        Assert.Contains("Ange aktörens namn.", ErrorsFor(cmd, nameof(cmd.Name)));
    }

    [Fact]
    public void Name_may_not_exceed_the_limit()
    {
        var cmd = Valid();
        cmd.Name = new string('ö', Limits.Name);
        Assert.Empty(ErrorsFor(cmd, nameof(cmd.Name)));
        cmd.Name = new string('ö', Limits.Name + 1);
        Assert.Contains($"Namnet får vara högst {Limits.Name} tecken.", ErrorsFor(cmd, nameof(cmd.Name)));
    }

    [Fact]
    public void Actor_type_is_required()
    {
        var cmd = Valid();
        cmd.ActorTypeId = null;
        Assert.Contains("Välj aktörstyp.", ErrorsFor(cmd, nameof(cmd.ActorTypeId)));
    }
}
