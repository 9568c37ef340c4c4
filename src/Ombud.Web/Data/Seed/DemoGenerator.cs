using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Data.Seed;

/// <summary>
/// Generates a large, clearly fictional caseload for load and performance work (<c>seed-demo</c> verb): invented
/// municipalities, generated names, personnummer in the 98xx serial range. Deterministic for a seed and a date (today).
/// <para>
/// Shape: <see cref="Profile.Ombud"/> ombud in one unit (or spread evenly over <see cref="Profile.Units"/> units, each
/// with its own municipalities, actors, lead, admin and steering group), each serving one municipality (about 5 ombud per 6
/// municipalities); <see cref="Profile.ClientsPerYear"/> new mandates a year spread over the ombud; some are reopenings of
/// an earlier client of the same ombud; an active mandate lasts about 10 months on average (so an ombud has about 40
/// active clients at 50 new a year); 1.5–4.5 authority contacts a month while active; needs, consents, contact reasons,
/// SIP meetings, system faults and a ledningsgrupp. Category use is skewed (a few entries are used most).
/// </para>
/// <para>
/// Rows are written with prepared ADO.NET commands inside one transaction per table group (no change tracker), and
/// they do not pass the <see cref="AuditInterceptor"/>: generated data is not a user's change, so no audit rows are
/// written (the small demo seed is not audited either, as it runs without a signed-in user before the app starts).
/// </para>
/// </summary>
public sealed class DemoGenerator(IDbContextFactory<OmbudDbContext> dbFactory, TimeProvider clock)
{
    /// <param name="Units">
    /// Units the profile is spread over (default 1): each gets an equal share of the ombud (and so of the clients), its
    /// own municipalities, actors, lead, admin and steering group, so a unit's pages can be compared in a one-unit and a
    /// many-unit installation of the same total size.
    /// </param>
    public sealed record Profile(int Ombud, int Years, int ClientsPerYear, int Seed = 1, int Units = 1)
    {
        public static readonly Profile National = new(300, 10, 15000);
    }

    public sealed record Result(
        int Ombud, int Municipalities, int Clients, int Mandates, int Reopenings, long Contacts, int Needs, int SipMeetings,
        int SystemFaults, TimeSpan Elapsed, int Units = 1);

    private static readonly string[] ExtraWomen = [
        "Karin", "Eva", "Kerstin", "Lena", "Marie", "Birgitta", "Emma", "Hanna", "Ida", "Julia", "Amira", "Zeynep", "Nour", "Helena",
        "Ulla", "Britt"];
    private static readonly string[] ExtraMen = [
        "Anders", "Per", "Mikael", "Karl", "Peter", "Hans", "Stefan", "Mohammed", "Ahmed", "Daniel", "Magnus", "Göran", "Kent", "Yusuf",
        "Leif", "Sven"];
    private static readonly string[] ExtraSurnames = [
        "Johansson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson",
        "Hansson", "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Axelsson", "Bergström",
        "Lundberg", "Lind", "Lundgren", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Ali", "Mohamed", "Ahmadi",
        "Forsberg", "Sjögren", "Wallin", "Engström", "Danielsson", "Håkansson", "Eklund", "Lundin", "Gunnarsson", "Björk", "Bergman",
        "Holmberg", "Samuelsson", "Fransson", "Wikström", "Isaksson", "Bergqvist", "Nordström"];
    private static readonly string[] PlacePrefixes = [
        "Björk", "Sjö", "Ek", "Lind", "Ås", "Berg", "Dal", "Hög", "Strand", "Äng", "Mos", "Fur", "Gran", "Al", "Rön", "Hav"];
    private static readonly string[] PlaceSuffixes = [
        "by", "köping", "holm", "vik", "torp", "hamn", "sund", "tuna", "fors", "stad", "mo", "ryd", "åsen", "näs", "lunda", "berga"];

    public async Task<Result> GenerateAsync(Profile p, CancellationToken ct = default)
    {
        if (p.Ombud < 1 || p.Years < 1 || p.ClientsPerYear < 1) throw new DomainException("Ange minst 1 ombud, 1 år och 1 klient per år.");
        if (p.Units < 1 || p.Units > p.Ombud) throw new DomainException("Ange minst 1 enhet och högst en enhet per ombud.");
        var watch = Stopwatch.StartNew();
        var rnd = new Random(p.Seed);
        var today = Infrastructure.SwedishTime.Today(clock);
        var from = today.AddYears(-p.Years);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Clients.AnyAsync(ct)) throw new DomainException("Databasen har redan klienter: seed-demo fyller bara en tom databas.");
        // Units: the first existing one (the app creates one on first start) and new ones up to p.Units; unit u gets the
        // ombud [u * Ombud / Units, (u + 1) * Ombud / Units).
        var units = new List<GenUnit>();
        for (var u = 0; u < p.Units; u++)
        {
            var unit = u == 0 ? await db.Units.OrderBy(x => x.Id).FirstOrDefaultAsync(ct) : null;
            if (unit is null) { unit = new Unit { Name = "Personligt ombud" }; db.Units.Add(unit); await db.SaveChangesAsync(ct); }
            if (!await db.Actors.AnyAsync(a => a.UnitId == unit.Id, ct)) await DatabaseInitializer.AddDefaultActorsAsync(db, unit.Id, ct);
            var key = p.Units == 1 ? "riket" : $"enhet{u + 1:00}";
            unit.Name = p.Units == 1 ? "Personligt ombud Riket (påhittad)" : $"Personligt ombud Enhet {u + 1:00} (påhittad)";
            unit.RetentionMonths = 12;
            var first = u * p.Ombud / p.Units;
            units.Add(new GenUnit { Entity = unit, Key = key, FirstOmbud = first, OmbudCount = (u + 1) * p.Ombud / p.Units - first });
        }

        // Municipalities: about 250 for 300 ombud, each ombud serving one of its unit's.
        var names = PlacePrefixes.SelectMany(a => PlaceSuffixes.Select(b => a + b)).OrderBy(_ => rnd.Next()).ToList();
        var nameIndex = 0;
        foreach (var u in units)
        {
            var existing = await db.Municipalities.Where(m => m.UnitId == u.Id).Select(m => m.Name).ToListAsync(ct);
            var municipalityCount = Math.Max(1, (int)Math.Round(u.OmbudCount * 250.0 / 300));
            for (var k = 0; k < municipalityCount; k++, nameIndex++)
            {
                var i = nameIndex;
                var name = names[i % names.Count] + (i >= names.Count ? $" {i / names.Count + 1}" : "") + " (påhittad)";
                if (!existing.Contains(name)) db.Municipalities.Add(new Municipality { UnitId = u.Id, Name = name });
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var u in units)
            u.Municipalities = await db.Municipalities.Where(m => m.UnitId == u.Id).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);

        var ombudIds = new List<string>();
        var unitOf = new List<GenUnit>();
        foreach (var u in units)
        {
            u.OmbudIds = await AddUsersAsync(db, u.Id, u.FirstOmbud + 1, u.OmbudCount, u.Key, rnd, ct);
            ombudIds.AddRange(u.OmbudIds);
            unitOf.AddRange(u.OmbudIds.Select(_ => u));
        }

        var cats = await db.Categories.AsNoTracking().ToListAsync(ct);
        Skewed Of(CategoryKind k) =>
            new(cats.Where(c => c.Kind == k && c.ValidTo is null).OrderBy(c => c.SortOrder).Select(c => c.Id).ToArray());
        var reasons = Of(CategoryKind.ContactReason);
        var referrals = Of(CategoryKind.ReferralPath);
        var closures = Of(CategoryKind.ClosureReason);
        var afterMandate = Of(CategoryKind.AfterMandate);
        // "Efter uppdraget" from a generator of its own, so that adding it left every other generated value as it was.
        var afterRnd = new Random(p.Seed + 1);
        var lifeAreas = Of(CategoryKind.LifeArea);
        var helpKinds = Of(CategoryKind.HelpKind);
        var faultCats = Of(CategoryKind.FaultCategory);
        foreach (var u in units)
            u.Actors = new Skewed(await db.Actors.Where(a => a.UnitId == u.Id).OrderBy(a => a.Id).Select(a => a.Id).ToArrayAsync(ct));

        var conn = db.Database.GetDbConnection();
        var sqlServer = db.Database.IsSqlServer();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        if (!sqlServer) await Exec(conn, "PRAGMA synchronous=OFF", ct);
        var ids = new IdSource(conn);

        var women = DemoData.WomenNames.Concat(ExtraWomen).ToArray();
        var men = DemoData.MenNames.Concat(ExtraMen).ToArray();
        var surnames = DemoData.Surnames.Concat(ExtraSurnames).ToArray();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var totalDays = today.DayNumber - from.DayNumber;
        var nowUtc = clock.GetUtcNow().UtcDateTime;

        var clients = new List<GenClient>();
        var mandates = new List<GenMandate>();
        var reopenings = 0;
        var nextClientId = await ids.NextAsync("Clients", ct);
        var nextMandateId = await ids.NextAsync("Mandates", ct);
        for (var o = 0; o < p.Ombud; o++)
        {
            var ombudId = ombudIds[o];
            var unit = unitOf[o];
            var municipalities = unit.Municipalities;
            var home = municipalities[(o - unit.FirstOmbud) * municipalities.Count / unit.OmbudCount];
            var count = (int)((long)p.ClientsPerYear * p.Years * (o + 1) / p.Ombud - (long)p.ClientsPerYear * p.Years * o / p.Ombud);
            var dates = Enumerable.Range(0, count).Select(_ => from.AddDays(rnd.Next(totalDays + 1))).Order().ToList();
            var mine = new List<GenClient>();
            foreach (var registered in dates)
            {
                GenClient? client = null;
                if (rnd.Next(100) < 12)
                {
                    // A reopening: an earlier client of this ombud whose last mandate closed within the past year.
                    client = mine.LastOrDefault(c => c.LastClosedOn is { } lc
                        && lc < registered
                        && lc.AddYears(1) > registered
                        && c.Open is null);
                    if (client is not null) reopenings++;
                }
                if (client is null)
                {
                    var woman = rnd.Next(100) < 55;
                    var gender = woman
                        ? Gender.Woman
                        : rnd.Next(100) switch { < 3 => Gender.Other, < 7 => Gender.Unknown, _ => Gender.Man };
                    var age = 18 + (int)Math.Min(70, Math.Abs(Normal(rnd) * 14 + 24));
                    string code;
                    do code = ClientCode.New(rnd); while (!codes.Add(code));
                    client = new GenClient
                    {
                        Id = nextClientId++,
                        Code = code,
                        Gender = gender,
                        OmbudId = ombudId,
                        Unit = unit,
                        BirthYear = rnd.Next(100) < 8 ? null : registered.Year - age,
                        MunicipalityId = rnd.Next(100) < 90 ? home : municipalities[rnd.Next(municipalities.Count)],
                        Children = rnd.Next(100) switch
                        {
                            < 10 => ChildrenAtHome.Fully,
                            < 18 => ChildrenAtHome.Partly,
                            < 30 => ChildrenAtHome.Unknown,
                            _ => ChildrenAtHome.No
                        },
                        CreatedAtUtc = registered.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
                    };
                    if (rnd.Next(100) < 85)
                        client.Name = $"{(woman ? women : men)[rnd.Next(woman ? women.Length : men.Length)]} " +
                                      $"{surnames[rnd.Next(surnames.Length)]}";
                    if (client.Name is not null && client.BirthYear is { } by && rnd.Next(100) < 30)
                    {
                        do client.PersonalNumber = DemoData.FictionalPersonalNumber(by, rnd); while (!codes.Add(client.PersonalNumber));
                    }
                    clients.Add(client);
                    mine.Add(client);
                }
                var m = NewMandate(nextMandateId++, client, registered, today, rnd, closures);
                // asked at close; about one in three closed clients' answer is left unrecorded
                if (m is { Status: MandateStatus.Closed, StartDate: not null } && afterRnd.Next(3) > 0)
                    m.AfterMandateId = afterMandate.Pick(afterRnd);
                m.ReferralPathId = referrals.Pick(rnd);
                m.ContactReasons = reasons.PickDistinct(rnd, 1 + rnd.Next(3) / 2 + rnd.Next(2));
                mandates.Add(m);
            }
        }
        // Anonymise clients whose last mandate closed longer ago than the retention time; set the dispose date of the rest.
        foreach (var c in clients)
        {
            if (c.Open is not null || c.LastClosedOn is not { } closed) continue;
            var disposeOn = closed.AddMonths(12);
            if (disposeOn < today)
            {
                c.Name = null;
                c.PersonalNumber = null;
                c.AnonymisedAtUtc = disposeOn.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
            }
            else c.DisposeOn = disposeOn;
        }

        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await using (var t = await BulkTable.OpenAsync(
                conn, tx, sqlServer, "Clients", true,
                [
                    "Id", "UnitId", "Code", "Name", "NameFolded", "PersonalNumber", "Gender", "BirthYear", "MunicipalityId",
                    "ChildrenAtHome", "OmbudId", "CreatedAtUtc", "AnonymisedAtUtc", "DisposeOn"],
                ct))
                foreach (var c in clients)
                    await t.AddAsync(
                        ct, c.Id, c.Unit.Id, c.Code, c.Name, c.Name is null ? null : SwedishText.Fold(c.Name), c.PersonalNumber,
                        (int)c.Gender, c.BirthYear,
                        c.MunicipalityId, (int)c.Children, c.Open?.OmbudId ?? c.OmbudId, c.CreatedAtUtc, c.AnonymisedAtUtc, c.DisposeOn);
            await using (var t = await BulkTable.OpenAsync(
                conn, tx, sqlServer, "Mandates", true,
                [
                    "Id", "ClientId", "UnitId", "OmbudId", "Status", "RegisteredOn", "StartDate", "PausedOn", "ClosedOn", "ClosureReasonId",
                    "ReferralPathId", "LastActivityOn", "AfterMandateId"],
                ct))
                foreach (var m in mandates)
                    await t.AddAsync(
                        ct, m.Id, m.Client.Id, m.Client.Unit.Id, m.Client.OmbudId, (int)m.Status, m.RegisteredOn, m.StartDate, m.PausedOn,
                        m.ClosedOn, m.ClosureReasonId, m.ReferralPathId, m.LastActivityOn, m.AfterMandateId);
            await using (var t = await BulkTable.OpenAsync(
                conn, tx, sqlServer, "MandateContactReasons", false, ["CategoryId", "MandateId"], ct))
                foreach (var m in mandates)
                    foreach (var r in m.ContactReasons) await t.AddAsync(ct, r, m.Id);
            await tx.CommitAsync(ct);
        }

        // Needs and consents, then contacts (streamed: several million rows are never held in memory).
        var needCount = 0;
        long contactCount = 0;
        var nextNeedId = await ids.NextAsync("Needs", ct);
        var nextConsentId = await ids.NextAsync("Consents", ct);
        var needsByMandate = new Dictionary<int, int[]>();
        var consentsByMandate = new Dictionary<int, int[]>();
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await using (var t = await BulkTable.OpenAsync(
                conn, tx, sqlServer, "Needs", true,
                ["Id", "MandateId", "LifeAreaId", "ClientWords", "Status", "IdentifiedOn", "ResolvedOn"], ct))
                foreach (var m in mandates.Where(m => m.StartDate is not null))
                {
                    var list = new int[1 + rnd.Next(3) + (rnd.Next(4) == 0 ? 1 : 0)];
                    var areas = lifeAreas.PickDistinct(rnd, list.Length);
                    for (var i = 0; i < areas.Length; i++)
                    {
                        var identified = m.StartDate!.Value.AddDays(
                            rnd.Next(Math.Max(1, Math.Min(30, m.LastActivityOn.DayNumber - m.StartDate.Value.DayNumber + 1))));
                        var status = m.Status == MandateStatus.Closed
                            ? rnd.Next(100) switch { < 50 => NeedStatus.Met, < 75 => NeedStatus.PartlyMet, _ => NeedStatus.NotMet }
                            : (NeedStatus)rnd.Next(5);
                        DateOnly? resolved = Need.IsResolved(status) ? Min(identified.AddDays(rnd.Next(10, 200)), m.LastActivityOn) : null;
                        if (resolved < identified) resolved = identified;
                        list[i] = nextNeedId;
                        await t.AddAsync(
                            ct, nextNeedId++, m.Id, areas[i],
                            m.Client.AnonymisedAtUtc is null ? DemoData.NeedWords[rnd.Next(DemoData.NeedWords.Length)] : "",
                            (int)status, identified, resolved);
                    }
                    needsByMandate[m.Id] = list[..areas.Length];
                    needCount += areas.Length;
                }
            await using (var t = await BulkTable.OpenAsync(
                conn, tx, sqlServer, "Consents", true, ["Id", "MandateId", "ActorId", "GivenOn", "Form", "ValidUntil", "WithdrawnOn"], ct))
                foreach (var m in mandates.Where(m => m.StartDate is not null))
                {
                    var consented = m.Client.Unit.Actors.PickDistinct(rnd, 1 + rnd.Next(3));
                    consentsByMandate[m.Id] = consented;
                    foreach (var a in consented)
                        await t.AddAsync(ct, nextConsentId++, m.Id, a, m.StartDate!.Value, rnd.Next(3) == 0 ? 0 : 1,
                            Max(m.StartDate.Value.AddYears(1), m.LastActivityOn), null);
                }
            await tx.CommitAsync(ct);
        }

        var nextContactId = await ids.NextAsync("AuthorityContacts", ct);
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await using var t = await BulkTable.OpenAsync(
                conn, tx, sqlServer, "AuthorityContacts", true,
                ["Id", "MandateId", "ActorId", "Date", "Channel", "NeedId", "Outcome", "FollowUpOn", "WithoutConsent"], ct);
            await using var h = await BulkTable.OpenAsync(
                conn, tx, sqlServer, "AuthorityContactHelpKinds", false, ["AuthorityContactId", "CategoryId"], ct);
            foreach (var m in mandates.Where(m => m.StartDate is not null))
            {
                var start = m.StartDate!.Value;
                var days = m.LastActivityOn.DayNumber - start.DayNumber + 1;
                var n = Math.Max(1, (int)Math.Round(days / 30.4 * (1.5 + rnd.NextDouble() * 3)));
                var consented = consentsByMandate[m.Id];
                var needs = needsByMandate[m.Id];
                var anonymised = m.Client.AnonymisedAtUtc is not null;
                var actors = m.Client.Unit.Actors;
                for (var i = 0; i < n; i++)
                {
                    var date = i == 0 && m.Status != MandateStatus.Closed ? m.LastActivityOn : start.AddDays(rnd.Next(days));
                    var withConsent = rnd.Next(100) < 92;
                    var actor = withConsent ? consented[rnd.Next(consented.Length)] : actors.Pick(rnd);
                    var channel = rnd.Next(100) switch
                    {
                        < 45 => ContactChannel.Phone,
                        < 65 => ContactChannel.Meeting,
                        < 85 => ContactChannel.LetterOrEmail,
                        < 95 => ContactChannel.EService,
                        _ => ContactChannel.Accompanied
                    };
                    DateOnly? followUp = date.DayNumber > today.DayNumber - 60 && rnd.Next(5) == 0 ? date.AddDays(rnd.Next(7, 30)) : null;
                    var id = nextContactId++;
                    await t.AddAsync(ct, id, m.Id, actor, date, (int)channel, rnd.Next(5) == 0 ? null : needs[rnd.Next(needs.Length)],
                        anonymised ? null : DemoData.Outcomes[rnd.Next(DemoData.Outcomes.Length)], followUp, !consented.Contains(actor));
                    foreach (var k in helpKinds.PickDistinct(rnd, rnd.Next(3) == 0 ? 2 : 1)) await h.AddAsync(ct, id, k);
                }
                contactCount += n;
            }
            await t.DisposeAsync();
            await h.DisposeAsync();
            await tx.CommitAsync(ct);
        }

        var sipCount = await AddSipMeetingsAsync(conn, sqlServer, ids, mandates, rnd, ct);
        var faultCount = 0;
        foreach (var u in units)
            faultCount += await AddSteeringGroupAndFaultsAsync(
                conn, sqlServer, ids, u.Id, u.OmbudIds, from, today, nowUtc, faultCats, u.Actors, rnd, ct);
        await db.SaveChangesAsync(ct); // the units' new names and retention
        if (!sqlServer) { await Exec(conn, "PRAGMA synchronous=FULL", ct); await Exec(conn, "ANALYZE", ct); }
        return new Result(
            p.Ombud, units.Sum(u => u.Municipalities.Count), clients.Count, mandates.Count, reopenings, contactCount, needCount, sipCount,
            faultCount, watch.Elapsed, units.Count);
    }

    private static GenMandate NewMandate(int id, GenClient client, DateOnly registered, DateOnly today, Random rnd, Skewed closures)
    {
        var m = new GenMandate { Id = id, Client = client, RegisteredOn = registered, LastActivityOn = registered };
        var wait = rnd.Next(100) switch { < 70 => rnd.Next(0, 30), < 90 => rnd.Next(30, 90), _ => -1 };
        if (wait < 0)
        {
            // Never started: withdrew while waiting, or still waiting.
            var end = registered.AddDays(rnd.Next(30, 120));
            if (end <= today)
            {
                m.Status = MandateStatus.Closed;
                m.ClosedOn = end;
                m.ClosureReasonId = closures.Ids[rnd.Next(2) == 0 ? 1 : 2];
                m.LastActivityOn = end;
            }
            else m.Status = MandateStatus.Waiting;
        }
        else
        {
            var start = registered.AddDays(wait);
            if (start > today) { m.Status = MandateStatus.Waiting; }
            else
            {
                m.StartDate = start;
                var duration = (int)Math.Clamp(-Math.Log(1 - rnd.NextDouble()) * 300, 14, 2500);
                var end = start.AddDays(duration);
                if (end <= today)
                {
                    m.Status = MandateStatus.Closed; m.ClosedOn = end; m.ClosureReasonId = closures.Pick(rnd); m.LastActivityOn = end;
                }
                else if (rnd.Next(100) < 12)
                {
                    m.Status = MandateStatus.Paused; m.PausedOn = Max(
                        start, today.AddDays(-rnd.Next(1, 90))); m.LastActivityOn = m.PausedOn.Value;
                }
                else
                {
                    m.Status = MandateStatus.Active; m.LastActivityOn = Max(start, today.AddDays(-rnd.Next(0, 21)));
                }
            }
        }
        if (m.Status == MandateStatus.Closed) client.LastClosedOn = m.ClosedOn;
        else client.Open = m;
        return m;
    }

    private static async Task<int> AddSipMeetingsAsync(
        DbConnection conn, bool sqlServer, IdSource ids, List<GenMandate> mandates, Random rnd, CancellationToken ct)
    {
        string[] roles = ["handläggare", "sjuksköterska", "kurator", "läkare", "arbetsförmedlare", "boendestödjare"];
        string[] measures = [
            "Ansöka om boendestöd tillsammans med klienten",
            "Boka läkarbesök",
            "Ta fram en krisplan",
            "Utreda rätten till aktivitetsersättning",
            "Kartlägga stöd för sysselsättning",
            "Ordna kontakt med budget- och skuldrådgivningen"];
        var count = 0;
        var nextSip = await ids.NextAsync("SipMeetings", ct);
        var nextPart = await ids.NextAsync("SipParticipants", ct);
        var nextMeasure = await ids.NextAsync("SipMeasures", ct);
        var participants = new List<object?[]>();
        var measureRows = new List<object?[]>();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var t = await BulkTable.OpenAsync(
            conn, tx, sqlServer, "SipMeetings", true,
            [
                "Id", "MandateId", "PreviousMeetingId", "Date", "Time", "IsVideo", "Place", "Status", "CalledById", "LeadActorId",
                "ClientAttends", "Relatives", "ClientGoals", "FollowUpOn", "ConsentConfirmed", "RequestedByOmbud", "PlanReference",
                "PreparedClient", "OmbudAttended", "ExplainedOutcome"],
            ct))
            foreach (var m in mandates.Where(m => m.StartDate is not null
                && m.LastActivityOn.DayNumber - m.StartDate!.Value.DayNumber > 45))
            {
                if (rnd.Next(100) >= 12) continue;
                var anonymised = m.Client.AnonymisedAtUtc is not null;
                var actors = m.Client.Unit.Actors;
                int? previous = null;
                var date = m.StartDate!.Value.AddDays(rnd.Next(30, 45));
                for (var k = 0; k < 1 + rnd.Next(2) && date <= m.LastActivityOn; k++)
                {
                    var id = nextSip++;
                    var lead = actors.Pick(rnd);
                    var follow = date.AddDays(rnd.Next(60, 180));
                    var held = rnd.Next(10) != 0;
                    await t.AddAsync(
                        ct, id, m.Id, previous, date, new TimeOnly(9 + rnd.Next(6), 0), rnd.Next(4) == 0,
                        anonymised ? null : "Socialkontoret (påhittat)",
                        held ? 1 : 2, lead, lead, true, null,
                        anonymised ? null : "Bo kvar i lägenheten och få en fast kontakt i psykiatrin", follow, true, rnd.Next(2) == 0,
                        anonymised ? null : "Hos socialtjänsten", true, held, held);
                    foreach (var a in actors.PickDistinct(rnd, 2 + rnd.Next(2)))
                        participants.Add([nextPart++, id, a, null, roles[rnd.Next(roles.Length)]]);
                    foreach (var a in actors.PickDistinct(rnd, 1 + rnd.Next(3)))
                        measureRows.Add([
                            nextMeasure++,
                            id,
                            a,
                            anonymised ? "" : measures[rnd.Next(measures.Length)],
                            date.AddDays(rnd.Next(14, 120)),
                            m.Status == MandateStatus.Closed ? 2 + rnd.Next(2) : rnd.Next(4)]);
                    previous = id;
                    date = follow;
                    count++;
                }
            }
        await using (var t = await BulkTable.OpenAsync(
            conn, tx, sqlServer, "SipParticipants", true, ["Id", "SipMeetingId", "ActorId", "ContactPerson", "Role"], ct))
            foreach (var r in participants) await t.AddAsync(ct, r);
        await using (var t = await BulkTable.OpenAsync(
            conn, tx, sqlServer, "SipMeasures", true, ["Id", "SipMeetingId", "ActorId", "What", "DueOn", "Status"], ct))
            foreach (var r in measureRows) await t.AddAsync(ct, r);
        await tx.CommitAsync(ct);
        return count;
    }

    private static async Task<int> AddSteeringGroupAndFaultsAsync(
        DbConnection conn, bool sqlServer, IdSource ids, int unitId, List<string> ombudIds, DateOnly from,
        DateOnly today, DateTime nowUtc, Skewed faultCats, Skewed actors, Random rnd, CancellationToken ct)
    {
        var meetings = new List<(int Id, DateOnly Date)>();
        var nextMeeting = await ids.NextAsync("SteeringGroupMeetings", ct);
        var nextFault = await ids.NextAsync("SystemFaults", ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var t = await BulkTable.OpenAsync(
            conn, tx, sqlServer, "SteeringGroupMembers", false, ["UnitId", "Organisation", "PersonName", "Role", "From", "To"], ct))
            foreach (var (org, name) in new[]
            {
                ("Kommunen – socialtjänsten (påhittad)", "Greta Ordförandesson"),
                ("Regionen – psykiatrin (påhittad)", "Per Psykiatrisson"),
                ("Försäkringskassan", "Frans Kassaman"),
                ("Arbetsförmedlingen", "Amina Förmedlare")
            })
                await t.AddAsync(ct, unitId, org, name, "Ledamot", from, null);
        await using (var t = await BulkTable.OpenAsync(
            conn, tx, sqlServer, "SteeringGroupMeetings", true, ["Id", "UnitId", "Date", "Decisions"], ct))
            for (var d = new DateOnly(from.Year, 2, 15); d <= today.AddMonths(3); d = d.AddMonths(3))
            {
                meetings.Add((nextMeeting, d));
                await t.AddAsync(ct, nextMeeting++, unitId, d, d <= today ? "Systembristerna diskuterades." : null);
            }
        var count = 0;
        var links = new List<(int Fault, int Actor)>();
        await using (var t = await BulkTable.OpenAsync(
            conn, tx, sqlServer, "SystemFaults", true,
            [
                "Id", "UnitId", "ReportedById", "CreatedAtUtc", "Date", "CategoryId", "Level", "Description", "Consequence",
                "ClientsAffected", "Status", "SteeringGroupMeetingId", "ReportedOn", "ForwardedToCountyBoard", "ForwardedToActor",
                "ForwardedOn", "Response", "AnsweredOn", "ClosedOn"],
            ct))
            foreach (var ombud in ombudIds)
                for (var d = from.AddDays(rnd.Next(180)); d <= today; d = d.AddDays(90 + rnd.Next(180)))
                {
                    var id = nextFault++;
                    var meeting = meetings.FirstOrDefault(x => x.Date >= d && x.Date <= today);
                    int status = 0; DateOnly? reported = null, forwarded = null, answered = null, closed = null;
                    if (meeting.Id != 0 && rnd.Next(10) != 0)
                    {
                        status = 1; reported = meeting.Date;
                        if (reported.Value.AddDays(30) <= today && rnd.Next(2) == 0) { status = 2; forwarded = reported.Value.AddDays(14); }
                        if (reported.Value.AddDays(90) <= today && rnd.Next(2) == 0) { status = 3; answered = reported.Value.AddDays(60); }
                        if (reported.Value.AddDays(200) <= today && rnd.Next(3) != 0) { status = 4; closed = reported.Value.AddDays(120); }
                    }
                    await t.AddAsync(
                        ct, id, unitId, ombud,
                        d.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc) > nowUtc
                            ? nowUtc
                            : d.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc),
                        d, faultCats.Pick(rnd), rnd.Next(3), "Långa väntetider och otydliga beslut för gruppen (påhittat exempel).",
                        "Behov blir inte tillgodosedda.",
                        1 + rnd.Next(10), status, reported is null ? null : meeting.Id, reported, forwarded is not null, false, forwarded,
                        answered is null ? null : "Aktören ser över rutinen.", answered, closed);
                    foreach (var a in actors.PickDistinct(rnd, 1 + rnd.Next(2))) links.Add((id, a));
                    count++;
                }
        await using (var t = await BulkTable.OpenAsync(conn, tx, sqlServer, "SystemFaultActors", false, ["ActorId", "SystemFaultId"], ct))
            foreach (var (f, a) in links) await t.AddAsync(ct, a, f);
        await tx.CommitAsync(ct);
        return count;
    }

    /// <summary>
    /// A unit's ombud users (ombud001… numbered across the installation from <paramref name="first"/>), a lead
    /// "chef-KEY" and an admin "admin-KEY" ("riket" in a one-unit installation, "enhet01"… otherwise), all with the demo
    /// password (hashed once).
    /// </summary>
    private static async Task<List<string>> AddUsersAsync(
        OmbudDbContext db, int unitId, int first, int count, string key, Random rnd, CancellationToken ct)
    {
        var hasher = new PasswordHasher<AppUser>();
        string? hash = null;
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var taken = (await db.Users.Select(u => u.NormalizedUserName).ToListAsync(ct)).ToHashSet();
        var women = DemoData.WomenNames.Concat(ExtraWomen).ToArray();
        var result = new List<string>();
        AppUser? Add(string userName, string displayName, string role)
        {
            var guid = new byte[16];
            rnd.NextBytes(guid);
            if (taken.Contains(userName.ToUpperInvariant())) return null;
            var u = new AppUser
            {
                Id = new Guid(guid).ToString(),
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                DisplayName = displayName,
                UnitId = unitId,
                EmailConfirmed = true,
                SecurityStamp = new Guid(guid).ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = new Guid(guid).ToString(),
            };
            u.PasswordHash = hash ??= hasher.HashPassword(u, DemoData.Password);
            db.Users.Add(u);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = u.Id, RoleId = roles[role] });
            return u;
        }
        for (var i = first; i < first + count; i++)
        {
            var u = Add(
                $"ombud{i:000}",
                $"{women[rnd.Next(women.Length)]} {ExtraSurnames[rnd.Next(ExtraSurnames.Length)]} (ombud {i})",
                Roles.Ombud)
                ?? throw new DomainException($"Användaren ombud{i:000} finns redan: seed-demo fyller bara en tom databas.");
            result.Add(u.Id);
        }
        var label = key == "riket" ? "Riket" : "Enhet " + key[5..];
        Add("chef-" + key, $"Enhetschef {label} (påhittad)", Roles.UnitLead);
        Add("admin-" + key, $"Administratör {label} (påhittad)", Roles.Admin);
        await db.SaveChangesAsync(ct);
        return result;
    }

    private static async Task Exec(DbConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static double Normal(Random rnd) => Math.Sqrt(-2 * Math.Log(1 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());

    private sealed class GenUnit
    {
        public Unit Entity = null!;
        public int Id => Entity.Id;
        /// <summary>"riket" or "enhet01"…: the suffix of the unit's lead and admin user names.</summary>
        public string Key = "";
        /// <summary>The unit's ombud are the installation's ombud [FirstOmbud, FirstOmbud + OmbudCount).</summary>
        public int FirstOmbud, OmbudCount;
        public List<int> Municipalities = [];
        public List<string> OmbudIds = [];
        public Skewed Actors = null!;
    }

    private sealed class GenClient
    {
        public int Id;
        public string Code = "";
        public string? Name;
        public string? PersonalNumber;
        public Gender Gender;
        public int? BirthYear;
        public int MunicipalityId;
        public ChildrenAtHome Children;
        public string OmbudId = "";
        public GenUnit Unit = null!;
        public DateTime CreatedAtUtc;
        public DateTime? AnonymisedAtUtc;
        public DateOnly? DisposeOn;
        public DateOnly? LastClosedOn;
        public GenMandate? Open;
    }

    private sealed class GenMandate
    {
        public int Id;
        public GenClient Client = null!;
        public string OmbudId => Client.OmbudId;
        public MandateStatus Status;
        public DateOnly RegisteredOn;
        public DateOnly? StartDate, PausedOn, ClosedOn;
        public int? ClosureReasonId, ReferralPathId, AfterMandateId;
        public DateOnly LastActivityOn;
        public int[] ContactReasons = [];
    }

    /// <summary>Picks ids with a Zipf-like skew: the first entries of a list are used far more often than the last.</summary>
    private sealed class Skewed
    {
        public readonly int[] Ids;
        private readonly double[] _cumulative;

        public Skewed(int[] ids)
        {
            if (ids.Length == 0) throw new InvalidOperationException("A category list is empty.");
            Ids = ids;
            _cumulative = new double[ids.Length];
            var sum = 0.0;
            for (var i = 0; i < ids.Length; i++) _cumulative[i] = sum += 1.0 / Math.Pow(i + 1, 1.1);
            for (var i = 0; i < ids.Length; i++) _cumulative[i] /= sum;
        }

        public int Pick(Random rnd)
        {
            var x = rnd.NextDouble();
            var i = Array.BinarySearch(_cumulative, x);
            return Ids[Math.Min(Ids.Length - 1, i < 0 ? ~i : i)];
        }

        public int[] PickDistinct(Random rnd, int count)
        {
            count = Math.Min(count, Ids.Length);
            var set = new List<int>(count);
            while (set.Count < count) { var id = Pick(rnd); if (!set.Contains(id)) set.Add(id); }
            return [.. set];
        }
    }

    /// <summary>The next free id of a table (rows are written with explicit ids so children can point at parents).</summary>
    private sealed class IdSource(DbConnection conn)
    {
        public async Task<int> NextAsync(string table, CancellationToken ct)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT COALESCE(MAX(Id), 0) + 1 FROM {table}";
            return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A prepared single-row INSERT reused for every row, inside the caller's transaction.</summary>
    private sealed class BulkTable : IAsyncDisposable
    {
        private readonly DbCommand _cmd;
        private readonly DbConnection _conn;
        private readonly DbTransaction _tx;
        private readonly string? _identityOff;
        private bool _disposed;

        private BulkTable(DbConnection conn, DbTransaction tx, DbCommand cmd, string? identityOff) =>
            (_conn, _tx, _cmd, _identityOff) = (conn, tx, cmd, identityOff);

        public static async Task<BulkTable> OpenAsync(
            DbConnection conn, DbTransaction tx, bool sqlServer, string table, bool identity, string[] columns, CancellationToken ct)
        {
            string? off = null;
            if (sqlServer && identity)
            {
                await using var on = conn.CreateCommand();
                on.Transaction = tx;
                on.CommandText = $"SET IDENTITY_INSERT [{table}] ON";
                await on.ExecuteNonQueryAsync(ct);
                off = $"SET IDENTITY_INSERT [{table}] OFF";
            }
            // Versioned rows (IVersioned) start at version 1, as EF writes them; the schema has no default for it.
            if (Versioned.Contains(table) && !columns.Contains("Version")) columns = [.. columns, "Version"];
            var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO [{table}] ({string.Join(", ", columns.Select(c => $"[{c}]"))}) VALUES " +
                              $"({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            for (var i = 0; i < columns.Length; i++)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = "@p" + i;
                cmd.Parameters.Add(p);
            }
            return new BulkTable(conn, tx, cmd, off);
        }

        private static readonly HashSet<string> Versioned =
        [
            "Clients", "Mandates", "Needs", "Consents", "AuthorityContacts", "SipMeetings", "SteeringGroupMembers",
            "SteeringGroupMeetings", "SystemFaults", "Actors", "Categories",
        ];

        public async Task AddAsync(CancellationToken ct, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
                _cmd.Parameters[i].Value = values[i] switch { null => DBNull.Value, bool b => b ? 1 : 0, var v => v };
            for (var i = values.Length; i < _cmd.Parameters.Count; i++) _cmd.Parameters[i].Value = 1L; // Version
            await _cmd.ExecuteNonQueryAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            await _cmd.DisposeAsync();
            if (_identityOff is not null)
            {
                await using var off = _conn.CreateCommand();
                off.Transaction = _tx;
                off.CommandText = _identityOff;
                await off.ExecuteNonQueryAsync();
            }
        }
    }
}
