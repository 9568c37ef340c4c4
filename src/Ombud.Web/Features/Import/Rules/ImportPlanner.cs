using System.Text.RegularExpressions;

namespace Ombud.Web.Features.Import;

/// <summary>
/// Turns an <see cref="ImportFile.Table"/> into a plan (which clients and mandates are new, which are already present)
/// and the complete list of errors by row and column, against what the database holds (<see cref="Context"/>). Pure: no
/// database access, so every rule is tested directly. docs/import.md describes the columns and rules.
/// </summary>
public static partial class ImportPlanner
{
    public const string ClientCodeColumn = "Klientkod";
    public const string GenderColumn = "Kön";
    public const string BirthYearColumn = "Födelseår";
    public const string MunicipalityColumn = "Kommun";
    public const string ChildrenColumn = "Hemmavarande barn";
    public const string ReferralPathColumn = "Kontaktväg";
    public const string ContactReasonsColumn = "Kontaktorsaker";
    public const string StartColumn = "Startdatum";
    public const string EndColumn = "Slutdatum";
    public const string ClosureReasonColumn = "Avslutsorsak";
    public const string OmbudColumn = "Ombud";

    /// <summary>Every column, in the documented order. Required ones are <see cref="RequiredColumns"/>.</summary>
    public static readonly string[] Columns =
    [
        ClientCodeColumn, GenderColumn, BirthYearColumn, MunicipalityColumn, ChildrenColumn, ReferralPathColumn,
        ContactReasonsColumn, StartColumn, EndColumn, ClosureReasonColumn, OmbudColumn,
    ];

    public static readonly string[] RequiredColumns = [ClientCodeColumn, ReferralPathColumn, ContactReasonsColumn, StartColumn];

    /// <summary>Longest cell text accepted (longer is an error, never cut).</summary>
    public const int MaxCellLength = Limits.CategoryName * 4;

    /// <summary>Errors beyond this many are counted but not listed.</summary>
    public const int MaxListedErrors = 1000;

    /// <summary>A staff member of the unit, for the Ombud column.</summary>
    public sealed record StaffMember(string Id, string UserName, bool IsActive, bool IsOmbud);

    /// <summary>A mandate the database already holds for a client (start = start date, or registration date while waiting).</summary>
    public sealed record ExistingMandate(DateOnly Start, DateOnly? End, bool HasStartDate);

    /// <summary>A client the database already holds with this code.</summary>
    public sealed record ExistingClient(int Id, string Code, bool InThisUnit, Gender Gender, int? BirthYear, string Municipality,
        IReadOnlyList<ExistingMandate> Mandates);

    /// <summary>What the database holds that the plan depends on.</summary>
    public sealed record Context(DateOnly Today, IReadOnlyList<Category> Categories, IReadOnlyList<StaffMember> Staff,
        IReadOnlyList<string> Municipalities, IReadOnlyDictionary<string, ExistingClient> ExistingClients);

    public sealed record Error(int Row, string Column, string Message);

    public sealed record MandatePlan(int Row, DateOnly Start, DateOnly? End, int ReferralPathId, IReadOnlyList<int> ContactReasonIds,
        int? ClosureReasonId, string? OmbudId, bool AlreadyPresent);

    public sealed record ClientPlan(string Code, int? ExistingId, Gender Gender, int? BirthYear, string Municipality,
        ChildrenAtHome Children, IReadOnlyList<MandatePlan> Mandates);

    public sealed record Plan(IReadOnlyList<ClientPlan> Clients, IReadOnlyList<Error> Errors, int ErrorCount, int Rows,
        IReadOnlyList<string> NewMunicipalities)
    {
        public bool IsValid => ErrorCount == 0;
        public int NewClients => Clients.Count(c => c.ExistingId is null);
        public int ExistingClients => Clients.Count(c => c.ExistingId is not null);
        public int NewMandates => Clients.Sum(c => c.Mandates.Count(m => !m.AlreadyPresent));
        public int PresentMandates => Clients.Sum(c => c.Mandates.Count(m => m.AlreadyPresent));
        /// <summary>
        /// Closed mandates without an ombud: kept with no ombud, like a waiting-list entry nobody took (see docs/import.md).
        /// </summary>
        public int WithoutOmbud => Clients.Sum(c => c.Mandates.Count(m => !m.AlreadyPresent && m.OmbudId is null));
    }

    private sealed record ParsedRow(int Row, string Code, Gender Gender, int? BirthYear, string? Municipality, ChildrenAtHome Children,
        DateOnly Start, DateOnly? End, int ReferralPathId, IReadOnlyList<int> ContactReasonIds, int? ClosureReasonId, string? OmbudId);

    public static Plan Make(ImportFile.Table table, Context context)
    {
        var errors = new List<Error>();
        // Messages quote the file's headers and values: control characters never reach the page or the terminal raw.
        void Fail(int row, string column, string message) =>
            errors.Add(new Error(row, ImportFile.Visible(column), ImportFile.Visible(message)));

        // Header: known names (case-insensitive, å/ä/ö too), each at most once, the required ones present.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var h = table.Headers[i];
            if (h.Length == 0)
            {
                if (table.Rows.Any(r => i < r.Cells.Count && r.Cells[i].Length > 0))
                    Fail(1, $"kolumn {i + 1}", "Kolumnen har värden men ingen rubrik.");
                continue;
            }
            var known = Columns.FirstOrDefault(c => string.Equals(c, h, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c, h.Replace('_', ' '), StringComparison.OrdinalIgnoreCase));
            if (known is null) Fail(1, Shorten(h), $"Okänd kolumn. Tillåtna kolumner: {string.Join(", ", Columns)}.");
            else if (!index.TryAdd(known, i)) Fail(1, known, "Kolumnen finns mer än en gång.");
        }
        foreach (var required in RequiredColumns.Where(c => !index.ContainsKey(c)))
            Fail(1, required, "Kolumnen saknas. Den är obligatorisk.");
        if (errors.Count > 0) return new Plan([], errors, errors.Count, table.Rows.Count, []);

        string Cell(ImportFile.Row row, string column) =>
            index.TryGetValue(column, out var i) && i < row.Cells.Count ? row.Cells[i] : "";

        var municipalities = context.Municipalities.ToList();
        var parsed = new List<ParsedRow>();
        foreach (var row in table.Rows)
        {
            var before = errors.Count;
            var r = row.Number;
            if (row.Cells.Count > table.Headers.Count && row.Cells.Skip(table.Headers.Count).Any(c => c.Length > 0))
                Fail(r, $"kolumn {table.Headers.Count + 1}", "Raden har fler värden än rubrikraden har kolumner.");
            foreach (var column in index.Keys)
            {
                var text = Cell(row, column);
                if (text.Length > MaxCellLength) Fail(r, column, $"Värdet är för långt (högst {MaxCellLength} tecken).");
                else if (text.Any(ch => char.IsControl(ch) || IsBidiControl(ch)))
                    Fail(r, column, "Värdet innehåller otillåtna styrtecken.");
            }
            if (errors.Count > before) continue; // the rest would only repeat the same cell

            var code = Cell(row, ClientCodeColumn).ToUpperInvariant();
            if (code.Length == 0) Fail(r, ClientCodeColumn, "Ange klientkod.");
            else if (PersonalNumberLike().IsMatch(code))
                Fail(r, ClientCodeColumn, "Klientkoden ser ut som ett personnummer. Använd en kod som inte avslöjar vem klienten är.");
            else if (!CodePattern().IsMatch(code))
                Fail(r, ClientCodeColumn, "Klientkoden får bara innehålla bokstäver A–Ö, siffror, bindestreck och understreck.");
            else if (code.Length > Limits.ClientCode)
                Fail(r, ClientCodeColumn, $"Klientkoden är för lång (högst {Limits.ClientCode} tecken).");

            var gender = Cell(row, GenderColumn).ToLowerInvariant() switch
            {
                "" or "uppgift saknas" => Gender.Unknown,
                "kvinna" => Gender.Woman,
                "man" => Gender.Man,
                "annat" => Gender.Other,
                _ => (Gender?)null,
            };
            if (gender is null) Fail(r, GenderColumn, "Ange Kvinna, Man, Annat eller lämna tomt (uppgift saknas).");

            int? birthYear = null;
            var by = Cell(row, BirthYearColumn);
            var maxBirthYear = context.Today.Year - 18;
            if (by.Length > 0)
            {
                if (by.Length != 4 || !int.TryParse(by, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
                    Fail(r, BirthYearColumn, "Ange födelseåret med fyra siffror (ÅÅÅÅ), eller lämna tomt.");
                else if (y < Limits.MinBirthYear || y > maxBirthYear)
                    Fail(
                        r, BirthYearColumn,
                        $"Födelseåret ska vara mellan {Limits.MinBirthYear} och {maxBirthYear} (personligt ombud är för vuxna).");
                else birthYear = y;
            }

            string? municipality = null;
            var mu = Cell(row, MunicipalityColumn);
            if (mu.Length == 0)
            {
                // A client already in Ombud keeps its municipality (so a file imported again still passes after it added a second one).
                if (context.ExistingClients.TryGetValue(code, out var known) && known.InThisUnit) municipality = known.Municipality;
                else if (context.Municipalities.Count == 1) municipality = context.Municipalities[0];
                else Fail(r, MunicipalityColumn, context.Municipalities.Count == 0
                    ? "Ange kommun: enheten har ännu ingen kommun."
                    : "Ange kommun: enheten arbetar i flera kommuner.");
            }
            else if (mu.Length > Limits.Name) Fail(r, MunicipalityColumn, $"Kommunens namn är för långt (högst {Limits.Name} tecken).");
            else if (!NamePattern().IsMatch(mu))
                Fail(
                    r, MunicipalityColumn,
                    "Kommunens namn får bara innehålla bokstäver, mellanslag, bindestreck, punkt, snedstreck och parenteser.");
            else
            {
                municipality = municipalities.FirstOrDefault(m => string.Equals(m, mu, StringComparison.OrdinalIgnoreCase));
                if (municipality is null) { municipalities.Add(mu); municipality = mu; }
            }

            var children = Cell(row, ChildrenColumn).ToLowerInvariant() switch
            {
                "" or "uppgift saknas" => ChildrenAtHome.Unknown,
                "helt" => ChildrenAtHome.Fully,
                "delvis" => ChildrenAtHome.Partly,
                "nej" => ChildrenAtHome.No,
                _ => (ChildrenAtHome?)null,
            };
            if (children is null) Fail(r, ChildrenColumn, "Ange Helt, Delvis, Nej eller lämna tomt (uppgift saknas).");

            var start = Date(r, StartColumn, Cell(row, StartColumn), required: true);
            var end = Date(r, EndColumn, Cell(row, EndColumn), required: false);
            if (start is { } s && end is { } e && e < s) Fail(r, EndColumn, "Slutdatum kan inte vara före startdatum.");

            int? referralId = null;
            var rp = Cell(row, ReferralPathColumn);
            if (rp.Length == 0) Fail(r, ReferralPathColumn, "Ange kontaktväg.");
            else if (start is { } sd) referralId = CategoryId(r, ReferralPathColumn, CategoryKind.ReferralPath, rp, sd, "startdatumet");

            var reasonIds = new List<int>();
            var reasonNames = Cell(row, ContactReasonsColumn).Split(
                '|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (reasonNames.Length == 0) Fail(r, ContactReasonsColumn, "Ange minst en kontaktorsak (flera skiljs åt med |).");
            else if (start is { } sd2)
                foreach (var name in reasonNames)
                    if (CategoryId(r, ContactReasonsColumn, CategoryKind.ContactReason, name, sd2, "startdatumet") is { } id
                        && !reasonIds.Contains(id))
                        reasonIds.Add(id);

            int? closureId = null;
            var cr = Cell(row, ClosureReasonColumn);
            if (end is { } ed)
            {
                if (cr.Length == 0) Fail(r, ClosureReasonColumn, "Ange avslutsorsak när slutdatum är ifyllt.");
                else closureId = CategoryId(r, ClosureReasonColumn, CategoryKind.ClosureReason, cr, ed, "slutdatumet");
            }
            else if (cr.Length > 0 && Cell(row, EndColumn).Length == 0)
                Fail(r, ClosureReasonColumn, "Avslutsorsak kräver ett slutdatum: ange slutdatum eller lämna avslutsorsaken tom.");

            string? ombudId = null;
            var om = Cell(row, OmbudColumn);
            if (om.Length > 0)
            {
                var member = context.Staff.FirstOrDefault(m => string.Equals(m.UserName, om, StringComparison.OrdinalIgnoreCase));
                if (member is null) Fail(r, OmbudColumn, $"Det finns ingen användare med användarnamnet \"{Shorten(om)}\" i enheten.");
                else if (!member.IsOmbud) Fail(r, OmbudColumn, $"Användaren \"{member.UserName}\" är inte ombud.");
                else if (!member.IsActive && end is null && Cell(row, EndColumn).Length == 0)
                    Fail(r, OmbudColumn, $"Ombudet \"{member.UserName}\" är inaktiverat och kan inte få ett pågående uppdrag.");
                else ombudId = member.Id;
            }
            else if (Cell(row, EndColumn).Length == 0)
                Fail(r, OmbudColumn, "Ange ombud (användarnamn) för ett pågående uppdrag, alltså ett utan slutdatum.");

            if (errors.Count == before)
                parsed.Add(
                    new ParsedRow(r, code, gender!.Value, birthYear, municipality, children!.Value, start!.Value, end, referralId!.Value,
                    reasonIds, closureId, ombudId));
        }

        // Per client: the rows agree on the client's facts, agree with the database, and the mandates never overlap.
        var clients = new List<ClientPlan>();
        foreach (var group in parsed.GroupBy(p => p.Code))
        {
            var rows = group.OrderBy(p => p.Row).ToList();
            var first = rows[0];
            var ok = true;
            foreach (var p in rows.Skip(1))
            {
                if (p.Gender != first.Gender)
                {
                    Fail(p.Row, GenderColumn, $"Kön skiljer sig från rad {first.Row} för samma klientkod.");
                    ok = false;
                }
                if (p.BirthYear != first.BirthYear)
                {
                    Fail(p.Row, BirthYearColumn, $"Födelseår skiljer sig från rad {first.Row} för samma klientkod.");
                    ok = false;
                }
                if (!string.Equals(p.Municipality, first.Municipality, StringComparison.OrdinalIgnoreCase))
                {
                    Fail(p.Row, MunicipalityColumn, $"Kommun skiljer sig från rad {first.Row} för samma klientkod.");
                    ok = false;
                }
                if (p.Children != first.Children)
                {
                    Fail(p.Row, ChildrenColumn, $"Hemmavarande barn skiljer sig från rad {first.Row} för samma klientkod.");
                    ok = false;
                }
            }
            foreach (var dup in rows.GroupBy(p => p.Start).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
            {
                Fail(
                    dup.Row, StartColumn,
                    $"Samma klientkod och startdatum finns redan på rad {rows.First(p => p.Start == dup.Start).Row}.");
                ok = false;
            }
            context.ExistingClients.TryGetValue(first.Code, out var existing);
            if (existing is not null)
            {
                if (!existing.InThisUnit) { Fail(first.Row, ClientCodeColumn, "Klientkoden används redan av en annan enhet."); continue; }
                if (existing.Gender != first.Gender)
                {
                    Fail(first.Row, GenderColumn, "Klientkoden finns redan med ett annat kön. Kontrollera klientkoden.");
                    ok = false;
                }
                if (existing.BirthYear != first.BirthYear)
                {
                    Fail(first.Row, BirthYearColumn, "Klientkoden finns redan med ett annat födelseår. Kontrollera klientkoden.");
                    ok = false;
                }
                if (!string.Equals(existing.Municipality, first.Municipality, StringComparison.OrdinalIgnoreCase))
                { Fail(first.Row, MunicipalityColumn, "Klientkoden finns redan i en annan kommun. Kontrollera klientkoden."); ok = false; }
            }
            if (!ok) continue;

            // Periods: the database's mandates and the file's new ones, by start. A period ends on its end date (open = never).
            var present = existing?.Mandates.Where(m => m.HasStartDate).Select(m => m.Start).ToHashSet() ?? [];
            var periods = (existing?.Mandates ?? []).Select(m => (Row: 0, m.Start, m.End))
                .Concat(rows.Where(p => !present.Contains(p.Start)).Select(p => (p.Row, p.Start, p.End)))
                .OrderBy(x => x.Start).ThenBy(x => x.Row).ToList();
            for (var i = 1; i < periods.Count; i++)
            {
                var (prevRow, _, prevEnd) = periods[i - 1];
                var (row, start, _) = periods[i];
                if (prevEnd is not null && start >= prevEnd) continue;
                var blame = row != 0 ? row : prevRow;
                var other = row != 0 ? (prevRow != 0 ? $"uppdraget på rad {prevRow}" : "ett uppdrag som redan finns i Ombud")
                    : $"uppdraget på rad {prevRow}";
                Fail(blame, StartColumn, prevEnd is null
                    ? $"Klienten skulle få två öppna uppdrag samtidigt: {other} är inte avslutat."
                    : $"Uppdraget överlappar {other}. Ett nytt uppdrag kan börja tidigast när det förra slutar.");
                ok = false;
            }
            if (!ok) continue;

            clients.Add(new ClientPlan(first.Code, existing?.Id, first.Gender, first.BirthYear, first.Municipality!, first.Children,
                rows.OrderBy(p => p.Start).Select(p => new MandatePlan(p.Row, p.Start, p.End, p.ReferralPathId, p.ContactReasonIds,
                    p.ClosureReasonId, p.OmbudId, present.Contains(p.Start))).ToList()));
        }

        var sorted = errors.OrderBy(e => e.Row).ThenBy(e => Array.IndexOf(Columns, e.Column) is var c && c < 0 ? int.MaxValue : c).ToList();
        var newMunicipalities = clients.Where(c => c.Mandates.Any(m => !m.AlreadyPresent))
            .Select(c => c.Municipality).Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(m => !context.Municipalities.Contains(m, StringComparer.OrdinalIgnoreCase)).ToList();
        return new Plan(
            sorted.Count == 0 ? clients : [], sorted.Take(MaxListedErrors).ToList(), sorted.Count, table.Rows.Count, newMunicipalities);

        DateOnly? Date(int row, string column, string text, bool required)
        {
            if (text.Length == 0)
            {
                if (required) Fail(row, column, $"Ange {column.ToLowerInvariant()} (ÅÅÅÅ-MM-DD).");
                return null;
            }
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                // written as ÅÅÅÅ-MM-DD but no such day (2025-02-30, month 13): saying the format is wrong would mislead
                Fail(
                    row, column,
                    IsoDateShape().IsMatch(text) ? $"Datumet {text} finns inte." : "Ange datumet som ÅÅÅÅ-MM-DD, t.ex. 2025-03-14.");
                return null;
            }
            if (d.Year < 2000) { Fail(row, column, "Datumet måste vara år 2000 eller senare."); return null; }
            if (d > context.Today) { Fail(row, column, "Datumet kan inte ligga i framtiden."); return null; }
            return d;
        }

        int? CategoryId(int row, string column, CategoryKind kind, string name, DateOnly on, string dateName)
        {
            var matches = context.Categories.Where(c => c.Kind == kind
                && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 0)
            {
                Fail(row, column, $"Okänd kategori \"{Shorten(name)}\". Använd ett namn ur kategorilistan.");
                return null;
            }
            var valid = matches.FirstOrDefault(c => c.IsValidOn(on));
            if (valid is null) Fail(row, column, $"Kategorin \"{matches[0].Name}\" gäller inte på {dateName} ({on:yyyy-MM-dd}).");
            return valid?.Id;
        }
    }

    /// <summary>File text echoed back in a message is cut short (it is shown as text, never as markup).</summary>
    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';

    [GeneratedRegex(@"^[A-Z0-9ÅÄÖ_-]+$")]
    private static partial Regex CodePattern();

    /// <summary>Written as ÅÅÅÅ-MM-DD, whether or not such a day exists.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDateShape();

    /// <summary>6 or 8 digits, optional - or +, 4 digits: ÅÅMMDD-NNNN and ÅÅÅÅMMDDNNNN.</summary>
    [GeneratedRegex(@"^(\d{6}|\d{8})[-+]?\d{4}$")]
    private static partial Regex PersonalNumberLike();

    [GeneratedRegex(@"^[\p{L}][\p{L}\p{M} .\-/()]*$")]
    private static partial Regex NamePattern();
}
