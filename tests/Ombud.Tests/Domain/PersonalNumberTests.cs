namespace Ombud.Tests.Domain;

public class PersonalNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("19811218-9876", "198112189876")]
    [InlineData("198112189876", "198112189876")]
    [InlineData("811218-9876", "198112189876")]
    [InlineData(" 19811218 9876 ", "198112189876")]
    [InlineData("19811278-9873", "198112789873")] // samordningsnummer: day + 60
    public void Valid_numbers_are_normalised(string input, string expected)
    {
        Assert.True(PersonalNumber.TryNormalize(input, Today, out var normalized, out var error), error);
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void Plus_sign_means_a_hundred_years_or_older()
    {
        Assert.True(PersonalNumber.TryNormalize("121212+1212", Today, out var n, out _));
        Assert.Equal("191212121212", n);
    }

    [Theory]
    [InlineData("19811218-9875", "kontrollsiffra")]
    [InlineData("19810231-1234", "giltigt datum")]
    [InlineData("19811318-9876", "giltigt datum")]
    [InlineData("1981121-9876", "ÅÅÅÅMMDD-NNNN")]
    [InlineData("abcdefgh-ijkl", "ÅÅÅÅMMDD-NNNN")]
    [InlineData("<script>", "ÅÅÅÅMMDD-NNNN")]
    [InlineData("20301218-9876", "framtiden")]
    public void Invalid_numbers_give_a_Swedish_reason(string input, string reasonPart)
    {
        Assert.False(PersonalNumber.TryNormalize(input, Today, out _, out var error));
        Assert.Contains(reasonPart, error);
    }

    [Fact]
    public void Luhn_check_accepts_Skatteverkets_example_and_rejects_a_changed_digit()
    {
        Assert.True(PersonalNumber.LuhnValid("8112189876"));
        Assert.False(PersonalNumber.LuhnValid("8112189877"));
    }

    [Fact]
    public void Format_inserts_the_dash() => Assert.Equal("19811218-9876", PersonalNumber.Format("198112189876"));
}
