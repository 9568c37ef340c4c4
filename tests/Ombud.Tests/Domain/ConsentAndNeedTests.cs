namespace Ombud.Tests.Domain;

public class ConsentAndNeedTests
{
    private static readonly DateOnly D = new(2026, 5, 10);

    [Theory]
    [InlineData(-1, false)] // before it was given
    [InlineData(0, true)]
    [InlineData(30, true)]  // last valid day
    [InlineData(31, false)] // after valid-until
    public void Consent_is_valid_from_given_date_through_valid_until(int offset, bool valid)
    {
        var c = new Consent { ActorId = 1, GivenOn = D, ValidUntil = D.AddDays(30) };
        Assert.Equal(valid, c.IsValidOn(D.AddDays(offset)));
    }

    [Fact]
    public void Withdrawn_consent_stops_being_valid_on_the_withdrawal_date()
    {
        var c = new Consent { ActorId = 1, GivenOn = D };
        c.Withdraw(D.AddDays(10));
        Assert.True(c.IsValidOn(D.AddDays(9)));
        Assert.False(c.IsValidOn(D.AddDays(10)));
        Assert.Throws<DomainException>(() => c.Withdraw(D.AddDays(11)));
    }

    [Fact]
    public void Withdrawal_before_the_consent_was_given_is_refused() =>
        Assert.Throws<DomainException>(() => new Consent { GivenOn = D }.Withdraw(D.AddDays(-1)));

    [Fact]
    public void Mandate_knows_consent_per_actor()
    {
        var m = new Mandate { Consents = [new Consent { ActorId = 5, GivenOn = D }] };
        Assert.True(m.HasValidConsent(5, D));
        Assert.False(m.HasValidConsent(6, D));
        Assert.False(m.HasValidConsent(5, D.AddDays(-1)));
    }

    [Fact]
    public void Need_resolution_date_is_set_once_and_cleared_when_reopened()
    {
        var n = new Need { IdentifiedOn = D };
        n.SetStatus(NeedStatus.InProgress, D.AddDays(1));
        Assert.Null(n.ResolvedOn);
        n.SetStatus(NeedStatus.Met, D.AddDays(5));
        Assert.Equal(D.AddDays(5), n.ResolvedOn);
        n.SetStatus(NeedStatus.PartlyMet, D.AddDays(8));
        Assert.Equal(D.AddDays(5), n.ResolvedOn);
        n.SetStatus(NeedStatus.InProgress, D.AddDays(9));
        Assert.Null(n.ResolvedOn);
    }

    [Fact]
    public void A_need_entered_afterwards_keeps_the_date_it_was_really_resolved_on()
    {
        var n = new Need { IdentifiedOn = D };
        n.SetStatus(NeedStatus.NotMet, D.AddDays(30), resolvedOn: D.AddDays(3));
        Assert.Equal(D.AddDays(3), n.ResolvedOn);
        n.SetStatus(NeedStatus.Met, D.AddDays(31), resolvedOn: D.AddDays(4));
        Assert.Equal(D.AddDays(4), n.ResolvedOn);
        n.SetStatus(NeedStatus.Identified, D.AddDays(32), resolvedOn: D.AddDays(4));
        Assert.Null(n.ResolvedOn);
    }

    [Fact]
    public void Category_validity_is_inclusive_and_open_ended()
    {
        var c = new Category { ValidFrom = new DateOnly(2026, 1, 1), ValidTo = new DateOnly(2026, 12, 31) };
        Assert.False(c.IsValidOn(new DateOnly(2025, 12, 31)));
        Assert.True(c.IsValidOn(new DateOnly(2026, 1, 1)));
        Assert.True(c.IsValidOn(new DateOnly(2026, 12, 31)));
        Assert.False(c.IsValidOn(new DateOnly(2027, 1, 1)));
        Assert.True(new Category().IsValidOn(new DateOnly(1990, 1, 1)));
    }

    [Fact]
    public void Swedish_folding_handles_åäö() => Assert.Equal("åsa örjansson ängel", SwedishText.Fold("  ÅSA Örjansson ÄNGEL "));

    [Theory]
    [InlineData("Linnéa", "linnea")]
    [InlineData("MÜLLER Renée", "muller renee")]
    [InlineData("Æsa Øberg Åström", "äsa öberg åström")]
    [InlineData("Zoë Çelik", "zoe celik")]
    public void Swedish_folding_drops_other_accents_and_keeps_the_length(string text, string folded)
    {
        Assert.Equal(folded, SwedishText.Fold(text));
        Assert.Equal(text.Length, SwedishText.Fold(text).Length);
    }

    [Fact]
    public void Client_codes_avoid_look_alike_characters()
    {
        var rnd = new Random(1);
        for (var i = 0; i < 500; i++)
        {
            var code = ClientCode.New(rnd);
            Assert.Matches("^K[A-HJ-NP-Z2-9]{6}$", code);
        }
    }
}
