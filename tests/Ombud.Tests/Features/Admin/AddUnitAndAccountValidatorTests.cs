using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

/// <summary>The rules of the installation's set-up: a unit with its municipalities, an account with one known role.</summary>
public class AddUnitAndAccountValidatorTests
{
    private static readonly AddUnit.Validator Units = new();
    private static readonly AddAccount.Validator Accounts = new();

    private static AddUnit.Command Unit(string name, params string[] municipalities) =>
        new() { Name = name, Municipalities = municipalities };

    private static AddAccount.Command Account() => new()
    {
        UnitId = 1,
        UserName = "norr.admin",
        DisplayName = "Nora Norrman",
        Role = Roles.Admin,
        Password = "Norr-admin-2026",
    };

    [Fact]
    public void A_unit_with_a_name_and_municipalities_is_valid() =>
        Assert.True(Units.Validate(Unit("Stadsdel Norr", "Kista", "Rinkeby")).IsValid);

    [Fact]
    public void A_unit_needs_a_name_and_at_least_one_municipality_each_named_once()
    {
        Assert.Contains("Ange enhetens namn.", Units.Validate(Unit(" ", "Kista")).Errors.Select(e => e.ErrorMessage));
        Assert.Contains("Ange minst en kommun eller stadsdel som enheten arbetar i.",
            Units.Validate(Unit("Norr")).Errors.Select(e => e.ErrorMessage));
        Assert.Contains("Samma kommun är angiven två gånger.",
            Units.Validate(Unit("Norr", "Kista", "kista ")).Errors.Select(e => e.ErrorMessage));
        Assert.Contains("Ange kommunens namn.", Units.Validate(Unit("Norr", "Kista", "")).Errors.Select(e => e.ErrorMessage));
        Assert.False(Units.Validate(Unit(new string('x', Limits.Name + 1), "Kista")).IsValid);
    }

    [Fact]
    public void An_account_is_valid_with_each_role_the_installation_has()
    {
        foreach (var role in Roles.All)
        {
            var cmd = Account();
            cmd.Role = role;
            Assert.True(Accounts.Validate(cmd).IsValid, role);
        }
    }

    [Theory]
    [InlineData("Role", "Chef")]
    [InlineData("Role", null)]
    [InlineData("UserName", "Norr Admin")]
    [InlineData("UserName", "ab")]
    [InlineData("DisplayName", " ")]
    [InlineData("Password", "Kort-1")]
    [InlineData("Password", "")]
    public void An_account_with_a_bad_value_is_refused(string property, string? value)
    {
        var cmd = Account();
        typeof(AddAccount.Command).GetProperty(property)!.SetValue(cmd, value);
        Assert.Contains(Accounts.Validate(cmd).Errors, e => e.PropertyName == property);
    }
}
