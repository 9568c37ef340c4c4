using Ombud.Web.Features.SystemFaults;
using static Ombud.Web.Features.SystemFaults.PersonalDataDetector;

namespace Ombud.Tests.Features.SystemFaults;

public class PersonalDataDetectorTests
{
    private static readonly string[] Clients = ["Örjan Åberg", "Anna-Karin Lindqvist", "Bo Ek", "Ali Hassan"];

    private static Finding Single(string text, Kind kind, IEnumerable<string?>? names = null)
    {
        var findings = Find(text, names);
        var f = Assert.Single(findings);
        Assert.Equal(kind, f.Kind);
        return f;
    }

    [Theory]
    [InlineData("Klienten 19850505-1234 fick avslag", "19850505-1234")]
    [InlineData("pnr 850505-1234 i ansökan", "850505-1234")]
    [InlineData("pnr 198505051234.", "198505051234")]
    [InlineData("född 8505051234", "8505051234")]
    [InlineData("över hundra: 191212+1234", "191212+1234")]
    [InlineData("samordningsnummer 850565-1235", "850565-1235")]
    [InlineData("med mellanslag 850505 1234", "850505 1234")]
    [InlineData("(19850505-1234)", "19850505-1234")]
    public void Finds_personnummer(string text, string expected)
    {
        var f = Single(text, Kind.PersonalNumber);
        Assert.Equal(expected, f.Value);
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), f.Index);
    }

    [Theory]
    [InlineData("Ring 070-123 45 67 om du undrar", "070-123 45 67")]
    [InlineData("växel 08-123 456 78.", "08-123 456 78")]
    [InlineData("tel 08-12 34 56", "08-12 34 56")]
    [InlineData("+46 70 123 45 67", "+46 70 123 45 67")]
    [InlineData("nås på +46701234567 dagtid", "+46701234567")]
    [InlineData("nås på +46 (0)70-123 45 67", "+46 (0)70-123 45 67")]
    [InlineData("0046 8 123 456 78", "0046 8 123 456 78")]
    [InlineData("Göteborg 031-12 34 56", "031-12 34 56")]
    [InlineData("Umeå 0910-123 45", "0910-123 45")]
    [InlineData("mobil 0701234568", "0701234568")]
    [InlineData("070-123 45 67 12 stycken", "070-123 45 67")]
    public void Finds_phone_numbers(string text, string expected)
    {
        var f = Single(text, Kind.Phone);
        Assert.Equal(expected, f.Value);
    }

    [Theory]
    [InlineData("Mejla anna.andersson@example.se senast fredag", "anna.andersson@example.se")]
    [InlineData("<orjan+fk@exempel.nu>", "orjan+fk@exempel.nu")]
    [InlineData("kontakt: åsa@kommunen.se", "åsa@kommunen.se")]
    public void Finds_email_addresses(string text, string expected) => Assert.Equal(expected, Single(text, Kind.Email).Value);

    [Theory]
    [InlineData("Örjan fick vänta i tre månader", "Örjan")]
    [InlineData("ÖRJAN ÅBERG fick vänta", "ÖRJAN ÅBERG")]
    [InlineData("örjan åberg fick vänta", "örjan åberg")]
    [InlineData("Åbergs ansökan låg kvar", "Åbergs")]
    [InlineData("Anna-Karin ringde", "Anna-Karin")]
    [InlineData("Karin ringde", "Karin")]
    [InlineData("Som Hassan sa: ingen fick svar", "Hassan")]
    [InlineData("  Ali väntade", "Ali")]
    public void Finds_the_ombuds_clients_names_as_whole_words_ignoring_case(string text, string expected)
    {
        var f = Single(text, Kind.ClientName, Clients);
        Assert.Equal(expected, f.Value);
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), f.Index);
    }

    [Theory]
    [InlineData("Handläggningstiden var 2026 över 90 dagar")]
    [InlineData("Beslut 2026-11-23 och överklagan 2026-12-01")]
    [InlineData("Skulden var 12 000 kr och räntan 1 250 kr")]
    [InlineData("Skulden var 120000 kr")]
    [InlineData("Försörjningsstöd 10 500 kr per månad sedan 2025")]
    [InlineData("Perioden 2025-2026, 45 klienter, 3 av 10")]
    [InlineData("Möte kl. 08.30–09.30 den 2026-01-05 08:30")]
    [InlineData("Organisationsnummer 556677-8899")]
    [InlineData("Ärendenummer 2026/1234 och dnr 2026-1234")]
    [InlineData("Lagen (2013:522) om bidrag, SFS 2001:453")]
    [InlineData("Telefontid 0,5 timmar per vecka")]
    [InlineData("Version 1.2.3 och 20 % fler")]
    [InlineData("")]
    [InlineData(null)]
    public void Ignores_years_amounts_dates_and_other_numbers(string? text) => Assert.Empty(Find(text, Clients));

    [Theory]
    [InlineData("Alibi saknas")] // "Ali" only inside a word
    [InlineData("Vi vill bo kvar")] // "Bo" is shorter than three letters: only the full name "Bo Ek" counts
    [InlineData("Annabell och Karolina väntade")]
    [InlineData("Ekonomin är svag")]
    public void Ignores_names_inside_other_words_and_short_name_parts(string text) => Assert.Empty(Find(text, Clients));

    [Fact]
    public void Finds_a_name_in_the_genitive() => Assert.Equal("Karins", Single("Karins ansökan", Kind.ClientName, Clients).Value);

    [Theory]
    [InlineData("Ärende 123456-7890")] // no month 34
    [InlineData("Löpnummer 19851345-1234")] // no month 13
    [InlineData("Referens 850500-1234")] // no day 0
    [InlineData("Kod 30850505-1234")] // no century 30
    public void Ignores_numbers_shaped_like_a_personnummer_without_a_real_date(string text) => Assert.Empty(Find(text));

    [Fact]
    public void The_full_name_is_found_even_when_its_parts_are_short()
    {
        Assert.Equal("Bo Ek", Single("Ärendet gällde Bo Ek i våras", Kind.ClientName, Clients).Value);
    }

    [Fact]
    public void Names_are_not_checked_without_a_client_list()
    {
        Assert.Empty(Find("Örjan Åberg fick vänta"));
        Assert.Empty(Find("Örjan Åberg fick vänta", [null, "", "  "]));
    }

    [Fact]
    public void Reports_several_findings_in_text_order()
    {
        var findings = Find("Örjan (19850505-1234) nås på 070-123 45 67 eller orjan@example.se", Clients);
        Assert.Equal([Kind.ClientName, Kind.PersonalNumber, Kind.Phone, Kind.Email], findings.Select(f => f.Kind));
    }

    [Fact]
    public void FindAll_labels_each_finding_with_its_field()
    {
        var all = FindAll([("Beskrivning", "Inget här"), ("Konsekvens", "ring 08-123 456 78")], Clients);
        var (field, finding) = Assert.Single(all);
        Assert.Equal("Konsekvens", field);
        Assert.Equal(Kind.Phone, finding.Kind);
    }

    [Theory]
    [InlineData("Klient KN3DLSU väntar", "KN3DLSU")]
    [InlineData("klienten kn3dlsu:s ärende", "kn3dlsu")]
    [InlineData("(KN3DLSU)", "KN3DLSU")]
    public void Finds_the_writers_own_client_codes_as_whole_words(string text, string expected)
    {
        var f = Assert.Single(Find(text, Clients, ["KN3DLSU", "KABCDEF"]));
        Assert.Equal((Kind.ClientCode, expected), (f.Kind, f.Value));
    }

    [Theory]
    [InlineData("XKN3DLSU och KN3DLSUX")] // part of a longer word
    [InlineData("KABC12 är inte en kod här")] // another ombud's client (not in the list)
    [InlineData("År 2024 fick 12 klienter avslag")] // a short or digits-only imported code ("12", "2024") is not looked for
    public void Ignores_codes_that_are_not_whole_own_codes(string text) =>
        Assert.Empty(Find(text, null, ["KN3DLSU", "12", "2024"]));

    [Fact]
    public void Warning_question_names_the_client_code_and_the_meeting_reason()
    {
        var warnings = PersonalDataWarning.Check([("Beslut", "KN3DLSU tas upp")], new OwnClients([], ["KN3DLSU"]));
        Assert.Contains(
            "Beslut: kod för en av dina klienter (KN3DLSU)",
            PersonalDataWarning.Question(warnings, PersonalDataWarning.MeetingReason));
        Assert.Contains("hela enheten läser dem", PersonalDataWarning.Question(warnings, PersonalDataWarning.MeetingReason));
    }

    [Fact]
    public void Warning_question_names_the_kind_and_field()
    {
        var warnings = PersonalDataWarning.Check([("Beskrivning", "pnr 19850505-1234")], PersonalDataDetector.OwnClients.None);
        var question = PersonalDataWarning.Question(warnings);
        Assert.Contains("Beskrivning: personnummer (19850505-1234)", question);
    }
}
