using Ombud.Web.Features.Clients;

namespace Ombud.Tests.Features.Clients;

public class RegisterClientTests
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private readonly RegisterClient.Validator _validator = new(Clock);

    private static RegisterClient.Command Valid() => new()
    {
        MunicipalityId = 1,
        ReferralPathId = 2,
        ContactReasonIds = [3],
        RegisteredOn = new DateTime(2026, 11, 1),
        StartNow = true,
        StartDate = new DateTime(2026, 11, 2),
        Gender = Gender.Woman,
    };

    [Fact]
    public void A_code_only_client_is_valid() => Assert.True(_validator.Validate(Valid()).IsValid);

    public static TheoryData<string, Action<RegisterClient.Command>, string> Broken => new()
    {
        { "name too long", c => c.Name = new string('x', Limits.Name + 1), "högst 100 tecken" },
        { "bad personnummer", c => c.PersonalNumber = "19811218-9875", "kontrollsiffra" },
        { "pnr and birth year disagree", c => { c.PersonalNumber = "19811218-9876"; c.BirthYear = 1982; }, "stämmer inte överens" },
        { "birth year too early", c => c.BirthYear = 1899, "Födelseåret" },
        { "client under 18", c => c.BirthYear = 2010, "vuxna" },
        { "personnummer of a child (no birth year given)", c => c.PersonalNumber = "20120315-1236", "under 18 år" },
        { "no municipality", c => c.MunicipalityId = null, "Välj kommun" },
        { "no first contact date", c => c.RegisteredOn = null, "första kontakt" },
        { "first contact in the future", c => c.RegisteredOn = new DateTime(2026, 11, 24), "framtiden" },
        { "no start date when starting", c => c.StartDate = null, "startdatum" },
        { "start before first contact", c => c.StartDate = new DateTime(2026, 10, 31), "före datum för första kontakt" },
        { "no referral path", c => c.ReferralPathId = null, "kontaktväg" },
        { "no contact reason", c => c.ContactReasonIds = [], "minst en kontaktorsak" },
        { "gender out of range", c => c.Gender = (Gender)42, "Välj kön" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_rule_rejects_bad_input_with_a_Swedish_message(string because, Action<RegisterClient.Command> breakIt, string message)
    {
        var cmd = Valid();
        breakIt(cmd);
        var result = _validator.Validate(cmd);
        Assert.False(result.IsValid, because);
        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(message, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Waiting_list_entries_need_no_start_date()
    {
        var cmd = Valid();
        cmd.StartNow = false;
        cmd.StartDate = null;
        Assert.True(_validator.Validate(cmd).IsValid);
    }

    [Fact]
    public void A_matching_personnummer_and_birth_year_pass()
    {
        var cmd = Valid();
        cmd.PersonalNumber = "811218-9876";
        cmd.BirthYear = 1981;
        Assert.True(_validator.Validate(cmd).IsValid);
    }
}
