using System.Text;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Import;
using static Ombud.Web.Features.Import.ImportPlanner;

namespace Ombud.Tests.Features.Import;

/// <summary>Every import rule, with the row and column of each error, without a database.</summary>
public class ImportPlannerTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private const string Header = "Klientkod;Kön;Födelseår;Kommun;Hemmavarande " +
                                  "barn;Kontaktväg;Kontaktorsaker;Startdatum;Slutdatum;Avslutsorsak;Ombud";
    private const string Good = "K1;Kvinna;1980;;Nej;Egen kontakt;Ekonomi|Bryta isolering;2025-02-01;;;anna";

    private static readonly List<Category> Categories = DefaultCategories.Create().Select((c, i) => { c.Id = i + 1; return c; }).ToList();

    private static Context Ctx(IReadOnlyList<string>? municipalities = null, params ExistingClient[] existing) => new(
        Today, Categories,
        [
            new StaffMember("u-anna", "anna", true, true),
            new StaffMember("u-bo", "bo", false, true),
            new StaffMember("u-chef", "chef", true, false)],
        municipalities ?? ["Malmö"], existing.ToDictionary(e => e.Code));

    private static Plan PlanOf(string csv, Context? ctx = null) =>
        Make(ImportFile.Read("f.csv", Encoding.UTF8.GetBytes(csv)), ctx ?? Ctx());

    private static int Id(CategoryKind kind, string name) => Categories.Single(c => c.Kind == kind && c.Name == name).Id;

    [Fact]
    public void Control_characters_from_the_file_are_never_echoed_raw_in_messages()
    {
        var plan = PlanOf($"{Header};Kon\u001b[2J\u0007\u202E\n{Good};x\n");
        var error = Assert.Single(plan.Errors, e => e.Message.StartsWith("Okänd kolumn"));
        Assert.DoesNotContain(error.Column, c => char.IsControl(c) || c == '\u202E');
        Assert.Equal("Kon\uFFFD[2J\uFFFD\uFFFD", error.Column);

        plan = PlanOf($"{Header}\n{Good.Replace("Egen kontakt", "Okänd\u0007väg\u001b")}\n");
        Assert.All(plan.Errors, e => Assert.DoesNotContain(e.Message + e.Column, char.IsControl));
        Assert.Contains(plan.Errors, e => e.Message.Contains("styrtecken"));
    }

    [Fact]
    public void A_good_file_plans_clients_with_their_mandates_and_categories()
    {
        var plan = PlanOf(
            $"{Header}\n{Good}\nk1;Kvinna;1980;Malmö;Nej;Psykiatrin;Annat;2024-01-10;2024-12-31;Flyttat;\n" +
            "K2;;;;;Egen kontakt;Annat;2026-06-15;;;ANNA\n");
        Assert.True(plan.IsValid, string.Join("\n", plan.Errors));
        Assert.Equal(2, plan.NewClients);
        Assert.Equal(3, plan.NewMandates);
        var k1 = plan.Clients.Single(c => c.Code == "K1");
        Assert.Equal((Gender.Woman, 1980, "Malmö", ChildrenAtHome.No), (k1.Gender, k1.BirthYear, k1.Municipality, k1.Children));
        Assert.Equal([new DateOnly(2024, 1, 10), new DateOnly(2025, 2, 1)], k1.Mandates.Select(m => m.Start));
        var closed = k1.Mandates[0];
        Assert.Equal((Id(CategoryKind.ReferralPath, "Psykiatrin"), Id(CategoryKind.ClosureReason, "Flyttat"), (string?)null),
            (closed.ReferralPathId, closed.ClosureReasonId, closed.OmbudId));
        Assert.Equal(
            [Id(CategoryKind.ContactReason, "Ekonomi"), Id(CategoryKind.ContactReason, "Bryta isolering")],
            k1.Mandates[1].ContactReasonIds);
        Assert.Equal("u-anna", k1.Mandates[1].OmbudId);
        Assert.Equal(1, plan.WithoutOmbud);
        var k2 = plan.Clients.Single(c => c.Code == "K2");
        Assert.Equal((Gender.Unknown, (int?)null, ChildrenAtHome.Unknown), (k2.Gender, k2.BirthYear, k2.Children));
    }

    [Fact]
    public void Columns_may_come_in_any_order_with_any_case_and_optional_ones_left_out()
    {
        var plan = PlanOf(
            "STARTDATUM,kontaktorsaker,KONTAKTVÄG,klientkod,ombud,hemmavarande BARN,KÖN\n" +
            "2025-01-01,ekonomi,egen KONTAKT,a-1,Anna,delvis,KVINNA\n");
        Assert.True(plan.IsValid, string.Join("\n", plan.Errors));
        var c = plan.Clients.Single();
        Assert.Equal(("A-1", Gender.Woman, ChildrenAtHome.Partly, "Malmö"), (c.Code, c.Gender, c.Children, c.Municipality));
    }

    [Fact]
    public void Header_problems_are_reported_on_row_1_and_stop_there()
    {
        var plan = PlanOf("Klientkod;Startdatun;Kön;KÖN;Kontaktorsaker\nK1;2025-01-01;Man;Man;Annat\n");
        Assert.False(plan.IsValid);
        Assert.All(plan.Errors, e => Assert.Equal(1, e.Row));
        Assert.Contains(plan.Errors, e => e.Column == "Startdatun" && e.Message.StartsWith("Okänd kolumn"));
        Assert.Contains(plan.Errors, e => e.Column == "Kön" && e.Message.Contains("mer än en gång"));
        Assert.Contains(plan.Errors, e => e.Column == "Startdatum" && e.Message.Contains("saknas"));
        Assert.Contains(plan.Errors, e => e.Column == "Kontaktväg" && e.Message.Contains("saknas"));
    }

    /// <summary>One bad cell in an otherwise good row (row 2): the error names row 2, the column and says what is wrong.</summary>
    [Theory]
    [InlineData("Klientkod", "", "Ange klientkod")]
    [InlineData("Klientkod", "K1234567890123", "för lång")]
    [InlineData("Klientkod", "<script>alert(1)</script>", "bara innehålla")]
    [InlineData("Klientkod", "K1 😀", "bara innehålla")]
    [InlineData("Klientkod", "19800101-1234", "personnummer")]
    [InlineData("Klientkod", "198001011234", "personnummer")]
    [InlineData("Klientkod", "K\u202E1", "styrtecken")]
    [InlineData("Kön", "kvinnlig", "Kvinna, Man, Annat")]
    [InlineData("Födelseår", "80", "fyra siffror")]
    [InlineData("Födelseår", "19x0", "fyra siffror")]
    [InlineData("Födelseår", "1899", "mellan 1900 och 2008")]
    [InlineData("Födelseår", "2010", "mellan 1900 och 2008")]
    [InlineData("Kommun", "<b>Malmö</b>", "bokstäver")]
    [InlineData("Kommun", "Malmö 😀", "bokstäver")]
    [InlineData("Hemmavarande barn", "ja", "Helt, Delvis, Nej")]
    [InlineData("Kontaktväg", "", "Ange kontaktväg")]
    [InlineData("Kontaktväg", "Grannen", "Okänd kategori \"Grannen\"")]
    [InlineData("Kontaktväg", "<img src=x onerror=alert(1)>", "Okänd kategori \"<img src=x onerror=alert(1)>\"")]
    [InlineData("Kontaktväg", "مرحبا", "Okänd kategori")]
    [InlineData("Kontaktorsaker", "", "minst en kontaktorsak")]
    [InlineData("Kontaktorsaker", "Ekonomi|Påhittad", "Okänd kategori \"Påhittad\"")]
    [InlineData("Startdatum", "", "Ange startdatum")]
    [InlineData("Startdatum", "2025-13-01", "Datumet 2025-13-01 finns inte.")]
    [InlineData("Startdatum", "1/2/2025", "ÅÅÅÅ-MM-DD")]
    [InlineData("Startdatum", "2025-02-30", "Datumet 2025-02-30 finns inte.")]
    [InlineData("Slutdatum", "2025-02-29", "Datumet 2025-02-29 finns inte.")]
    [InlineData("Startdatum", "2025-3-14", "ÅÅÅÅ-MM-DD")]
    [InlineData("Startdatum", "1999-12-31", "år 2000 eller senare")]
    [InlineData("Startdatum", "2026-06-16", "framtiden")]
    [InlineData("Slutdatum", "2025-01-31", "före startdatum")]
    [InlineData("Slutdatum", "2026-06-16", "framtiden")]
    [InlineData("Avslutsorsak", "Flyttat", "kräver ett slutdatum")]
    [InlineData("Ombud", "okänd", "ingen användare")]
    [InlineData("Ombud", "chef", "inte ombud")]
    [InlineData("Ombud", "bo", "inaktiverat")]
    [InlineData("Ombud", "", "Ange ombud")]
    public void Each_bad_value_is_reported_with_row_column_and_a_swedish_message(string column, string value, string expected)
    {
        var plan = PlanOf($"{Header}\n{With(column, value)}\n");
        Assert.False(plan.IsValid);
        Assert.Empty(plan.Clients);
        var error = Assert.Single(plan.Errors, e => e.Row == 2 && e.Message.Contains(expected));
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Too_long_values_are_refused_not_cut()
    {
        var plan = PlanOf($"{Header}\n{With("Kontaktväg", new string('x', MaxCellLength + 1))}\n");
        Assert.Equal(("Kontaktväg", 2), (plan.Errors.Single().Column, plan.Errors.Single().Row));
        Assert.Contains("för långt", plan.Errors.Single().Message);
    }

    [Fact]
    public void An_end_date_needs_a_closure_reason_valid_on_that_date()
    {
        var plan = PlanOf($"{Header}\n{With("Slutdatum", "2025-05-01")}\n");
        Assert.Equal(("Avslutsorsak", 2), (plan.Errors.Single().Column, plan.Errors.Single().Row));
        Assert.Contains("Ange avslutsorsak", plan.Errors.Single().Message);

        var ended = Categories.Single(c => c.Kind == CategoryKind.ClosureReason && c.Name == "Flyttat");
        var list = Categories.Select(c => c == ended
            ? new Category { Id = c.Id, Kind = c.Kind, Name = c.Name, ValidTo = new DateOnly(2024, 12, 31) }
            : c).ToList();
        var ctx = Ctx() with { Categories = list };
        var invalid = PlanOf($"{Header}\nK1;;;;;Egen kontakt;Annat;2024-06-01;2025-02-01;flyttat;\n", ctx);
        Assert.Contains("gäller inte på slutdatumet (2025-02-01)", invalid.Errors.Single().Message);
        Assert.True(PlanOf($"{Header}\nK1;;;;;Egen kontakt;Annat;2024-06-01;2024-12-31;flyttat;\n", ctx).IsValid);
    }

    [Fact]
    public void Categories_must_be_valid_on_the_start_date()
    {
        var list = Categories.Select(c => c is { Kind: CategoryKind.ContactReason, Name: "Ekonomi" }
            ? new Category { Id = c.Id, Kind = c.Kind, Name = c.Name, ValidFrom = new DateOnly(2026, 1, 1) } : c).ToList();
        var plan = PlanOf($"{Header}\n{Good}\n", Ctx() with { Categories = list });
        var e = plan.Errors.Single();
        Assert.Equal((2, "Kontaktorsaker"), (e.Row, e.Column));
        Assert.Contains("gäller inte på startdatumet (2025-02-01)", e.Message);
    }

    [Fact]
    public void Municipality_is_required_when_the_unit_has_several_and_new_ones_are_planned()
    {
        var plan = PlanOf($"{Header}\n{Good}\n", Ctx(["Malmö", "Lund"]));
        Assert.Contains("flera kommuner", plan.Errors.Single().Message);

        Assert.True(PlanOf($"{Header}\n{With("Kommun", "Stockholm/Hässelby-Vällingby (stadsdel)")}\n").IsValid);

        var added = PlanOf($"{Header}\n{With("Kommun", "Lund")}\nK2;;;lund;;Egen kontakt;Annat;2025-01-01;;;anna\n", Ctx(["Malmö"]));
        Assert.True(added.IsValid);
        Assert.Equal(["Lund"], added.NewMunicipalities);

        var known = new ExistingClient(7, "K1", true, Gender.Woman, 1980, "Lund", []);
        Assert.Equal("Lund", PlanOf($"{Header}\n{Good}\n", Ctx(["Malmö", "Lund"], known)).Clients.Single().Municipality);

        var empty = PlanOf($"{Header}\n{Good}\n", Ctx([]));
        Assert.Contains("ingen kommun", empty.Errors.Single().Message);
    }

    [Fact]
    public void Rows_of_one_client_must_agree_on_the_client_facts()
    {
        var plan = PlanOf($"{Header}\n{Good}\nK1;Man;1981;Malmö;Helt;Egen kontakt;Annat;2024-01-01;2024-02-01;Flyttat;\n");
        Assert.Equal(["Kön", "Födelseår", "Hemmavarande barn"], plan.Errors.Select(e => e.Column));
        Assert.All(plan.Errors, e => Assert.Equal(3, e.Row));
        Assert.All(plan.Errors, e => Assert.Contains("rad 2", e.Message));
    }

    [Fact]
    public void Two_open_mandates_or_overlapping_periods_for_one_client_are_refused()
    {
        var twoOpen = PlanOf($"{Header}\n{Good}\nK1;Kvinna;1980;;Nej;Egen kontakt;Annat;2025-03-01;;;anna\n");
        var e = twoOpen.Errors.Single();
        Assert.Equal((3, "Startdatum"), (e.Row, e.Column));
        Assert.Contains("två öppna uppdrag", e.Message);
        Assert.Contains("rad 2", e.Message);

        var overlap = PlanOf(
            $"{Header}\nK1;;;;;Egen kontakt;Annat;2024-01-01;2024-06-30;Flyttat;\n" +
            "K1;;;;;Egen kontakt;Annat;2024-06-01;2024-12-31;Flyttat;\n");
        Assert.Contains("överlappar uppdraget på rad 2", overlap.Errors.Single().Message);
        Assert.Equal(3, overlap.Errors.Single().Row);

        // Closed on 30 June, reopened the same day or later: fine.
        Assert.True(
            PlanOf(
                $"{Header}\nK1;;;;;Egen kontakt;Annat;2024-01-01;2024-06-30;Flyttat;\n" +
                "K1;;;;;Egen kontakt;Annat;2024-06-30;;;anna\n").IsValid);

        var dup = PlanOf($"{Header}\n{Good}\n{Good}\n");
        Assert.Contains(dup.Errors, x => x.Row == 3 && x.Message.Contains("Samma klientkod och startdatum finns redan på rad 2"));
    }

    [Fact]
    public void Mandates_already_in_the_database_are_recognised_by_code_and_start_date_and_not_planned_again()
    {
        var existing = new ExistingClient(
            7, "K1", true, Gender.Woman, 1980, "Malmö", [new ExistingMandate(new DateOnly(2025, 2, 1), null, true)]);
        var plan = PlanOf(
            $"{Header}\n{Good}\nK1;Kvinna;1980;;Nej;Egen kontakt;Annat;2024-01-01;2024-12-31;Flyttat;\n",
            Ctx(null, existing));
        Assert.True(plan.IsValid, string.Join("\n", plan.Errors));
        Assert.Equal((0, 1, 1, 1), (plan.NewClients, plan.ExistingClients, plan.NewMandates, plan.PresentMandates));
        Assert.Equal(7, plan.Clients.Single().ExistingId);
    }

    [Fact]
    public void A_new_mandate_may_not_overlap_one_in_the_database_nor_contradict_the_client_there()
    {
        var open = new ExistingClient(
            7, "K1", true, Gender.Woman, 1980, "Malmö", [new ExistingMandate(new DateOnly(2024, 1, 1), null, true)]);
        var plan = PlanOf($"{Header}\n{Good}\n", Ctx(null, open));
        Assert.Contains("ett uppdrag som redan finns i Ombud", plan.Errors.Single().Message);

        var other = open with { Gender = Gender.Man, Mandates = [] };
        Assert.Contains("annat kön", PlanOf($"{Header}\n{Good}\n", Ctx(null, other)).Errors.Single().Message);

        var elsewhere = other with { Gender = Gender.Woman, InThisUnit = false };
        Assert.Contains("annan enhet", PlanOf($"{Header}\n{Good}\n", Ctx(null, elsewhere)).Errors.Single().Message);
    }

    [Fact]
    public void Every_bad_row_is_listed_and_the_good_rows_are_not_planned()
    {
        var plan = PlanOf(
            $"{Header}\n{Good}\n{With("Startdatum", "i går").Replace("K1", "K2")}\nK3;X;;;;Egen kontakt;Annat;2025-01-01;;;anna\n");
        Assert.Equal([3, 4], plan.Errors.Select(e => e.Row));
        Assert.Empty(plan.Clients);
        Assert.Equal(3, plan.Rows);
    }

    [Fact]
    public void The_example_in_docs_import_md_is_a_valid_file()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "import.md"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var doc = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "import.md"));
        var start = doc.IndexOf("```csv\n", StringComparison.Ordinal) + "```csv\n".Length;
        var example = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        var ctx = Ctx(["Demostad", "Exempelby"]) with
        {
            Staff = [new StaffMember("u1", "ombud", true, true), new StaffMember("u2", "ombud2", true, true)],
        };
        var plan = PlanOf(example, ctx);
        Assert.True(plan.IsValid, string.Join("\n", plan.Errors));
        Assert.Equal((3, 4, 2), (plan.NewClients, plan.NewMandates, plan.WithoutOmbud));
    }

    private static string With(string column, string value)
    {
        var headers = Header.Split(';');
        var cells = Good.Split(';');
        cells[Array.IndexOf(headers, column)] = value;
        return string.Join(';', cells);
    }
}
