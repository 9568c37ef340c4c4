namespace Ombud.Web.Features.Import;

/// <summary>
/// Imports clients and mandates from a spreadsheet (docs/import.md). Every row is checked first and every error is
/// reported by row and column; if there is any, nothing is written. Otherwise it is written in slices, each a short
/// transaction (so that others' saves get SQLite's write lock in between); if a slice fails, the slices already written
/// are removed again (<see cref="ImportUndo"/>), so the import is still all or nothing. The import itself is audited
/// (who, when, how many — no values). Idempotent: a mandate is identified by the client code and the start date, so
/// importing the same file again adds nothing (and completes an import stopped half-way by a crash). The page and the
/// command line use this same handler.
/// </summary>
public static class ImportMandates
{
    /// <summary>Audit entity type of the import entry; its entity id holds the counts.</summary>
    public const string AuditEntity = "Import";

    /// <param name="DryRun">True: check and count only (the preview). False: write, if there are no errors.</param>
    public sealed record Command(string FileName, byte[] Content, bool DryRun);

    /// <summary>
    /// The outcome: counts, and the errors (empty when the file is fine). <see cref="Imported"/> is true when it was written.
    /// </summary>
    public sealed record Result(int Rows, int Clients, int NewClients, int NewMandates, int PresentMandates, int WithoutOmbud,
        IReadOnlyList<string> NewMunicipalities, IReadOnlyList<ImportPlanner.Error> Errors, int ErrorCount, bool Imported)
    {
        public bool IsValid => ErrorCount == 0;

        /// <summary>How long the write transactions were open in all (on SQLite: holding the write lock).</summary>
        public TimeSpan Writing { get; init; }

        /// <summary>The longest write transaction: the longest anyone else's save had to wait for the import.</summary>
        public TimeSpan LongestWrite { get; init; }

        /// <summary>How many write transactions (slices) the import was written in.</summary>
        public int WriteTransactions { get; init; }

        internal static Result Of(ImportPlanner.Plan p, bool imported) => new(p.Rows, p.Clients.Count, p.NewClients, p.NewMandates,
            p.PresentMandates, p.WithoutOmbud, p.NewMunicipalities, p.Errors, p.ErrorCount, imported);

        /// <summary>A file that could not be read at all: one error on row 0.</summary>
        internal static Result Unreadable(string message) =>
            new(0, 0, 0, 0, 0, 0, [], [new ImportPlanner.Error(0, "Fil", message)], 1, false);
    }


    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock,
        IConfiguration config, ILogger<Handler> log)
    {
        /// <summary>
        /// Mandates per write transaction, with their clients, contact reasons and audit rows (a client's mandates are never
        /// split): between two slices the saves waiting for SQLite's write lock get it. Setting
        /// <c>Ombud:Import:MandatesPerSlice</c> (default 500); tests set it small.
        /// </summary>
        public int MandatesPerSlice { get; set; } = Math.Max(1, config.GetValue("Ombud:Import:MandatesPerSlice", 500));

        /// <summary>For the page: the signed-in unit lead or admin imports into their own unit.</summary>
        public async Task<Result> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            if (!me.IsUnitLead && !me.IsAdmin) throw new DomainException("Bara enhetschef och administratör kan importera.");
            return await ImportAsync(me.UnitId, cmd, ct);
        }

        /// <summary>
        /// For the command line (no signed-in user; audited as "system"): imports into the database's only unit. On an empty
        /// database the file is checked against no unit, and the unit (with its default actors) is created only in the
        /// transaction that writes the import: a refused, unreadable or failed import leaves the database empty. Refused
        /// when the database has several units.
        /// </summary>
        public Task<Result> HandleForCommandLineAsync(Command cmd, CancellationToken ct = default) =>
            HandleForCommandLineAsync(cmd, null, ct);

        /// <summary>For the command line (<c>import FILE --unit NAME</c>): into the given unit; null as above.</summary>
        public async Task<Result> HandleForCommandLineAsync(Command cmd, int? unitId, CancellationToken ct = default)
        {
            if (await currentUser.FindAsync() is not null)
                throw new DomainException("Bara kommandoraden, utan inloggad användare, kan importera så här.");
            await using var db = await dbf.CreateDbContextAsync(ct);
            if (unitId is { } id)
            {
                if (!await db.Units.AnyAsync(u => u.Id == id, ct)) throw new DomainException("Enheten finns inte.");
                return await ImportAsync(id, cmd, ct);
            }
            var units = await db.Units.OrderBy(u => u.Id).Select(u => u.Id).Take(2).ToListAsync(ct);
            if (units.Count > 1) throw new DomainException("Databasen har flera enheter: ange vilken enhet importen gäller.");
            return units.Count == 1 ? await ImportAsync(units[0], cmd, ct) : await ImportAsync(0, cmd, ct, CreateUnitAsync);
        }

        /// <summary>The first unit and its default actors, inside the import's transaction.</summary>
        private async Task<int> CreateUnitAsync(OmbudDbContext db, CancellationToken ct)
        {
            var unit = new Unit { Name = config["Ombud:UnitName"] is { Length: > 0 } n ? n : "Personligt ombud" };
            db.Units.Add(unit);
            await db.SaveChangesAsync(ct);
            await Data.Seed.DatabaseInitializer.AddDefaultActorsAsync(db, unit.Id, ct);
            return unit.Id;
        }

        /// <param name="createUnit">Given on an empty database (<paramref name="unitId"/> 0): makes the unit in the write's
        /// transaction.</param>
        private async Task<Result> ImportAsync(int unitId, Command cmd, CancellationToken ct,
            Func<OmbudDbContext, CancellationToken, Task<int>>? createUnit = null)
        {
            ImportFile.Table table;
            try { table = ImportFile.Read(cmd.FileName, cmd.Content); }
            catch (DomainException ex) { return Result.Unreadable(ex.Message); }

            await using var db = await dbf.CreateDbContextAsync(ct);
            var plan = ImportPlanner.Make(table, await LoadContextAsync(db, unitId, table, ct));
            if (!plan.IsValid)
            {
                log.LogInformation("Import refused: {Errors} errors in {Rows} rows", plan.ErrorCount, plan.Rows);
                return Result.Of(plan, imported: false);
            }
            if (cmd.DryRun || plan.NewMandates == 0) return Result.Of(plan, imported: false);

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var slices = new List<Slice>();
            var holds = new List<TimeSpan>();
            await using var work = await dbf.CreateDbContextAsync(ct);
            // Everything that is not a write happens before a transaction opens (on SQLite it takes the database's write
            // lock, and everyone else's saves wait for it): reading what the write builds on and building the new records.
            // Inside each transaction only inserts, with prepared commands (BulkInsert), and their audit rows.
            work.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                if (createUnit is not null)
                    // An empty database (the command line): nobody can be waiting for the lock, and a failure must leave the
                    // database empty, the unit too: one transaction.
                    // (No slice is recorded for undoing: its transaction rolls back as a whole.)
                    holds.Add(await InTransactionAsync(work, async () =>
                    {
                        var prepared = await PrepareAsync(work, await createUnit(work, ct), plan, ct);
                        await WriteSliceAsync(work, prepared, prepared.Groups, 0, 1, plan, ct);
                    }, ct));
                else
                {
                    var prepared = await PrepareAsync(work, unitId, plan, ct);
                    var groups = InSlices(prepared.Groups, MandatesPerSlice);
                    for (var i = 0; i < groups.Count; i++)
                    {
                        // SQLite has one writer and no queue: saves that met the lock retry after a pause of their own, so
                        // the import pauses as long as its last slice held the lock (at least 0.2 s, at most 1 s) for them.
                        if (i > 0 && work.Database.IsSqlite())
                            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(holds[^1].TotalMilliseconds, 200, 1000)), ct);
                        Slice? slice = null;
                        holds.Add(await InTransactionAsync(
                            work, async () => slice = await WriteSliceAsync(work, prepared, groups[i], i, groups.Count, plan, ct), ct));
                        slices.Add(slice!);
                    }
                }
            }
            catch (Exception ex) when (slices.Count > 0)
            {
                // A later slice failed (a database error, cancellation): the slices already committed are removed again, in
                // short transactions of their own, and the caller gets the same error as from a single transaction.
                log.LogWarning("Import failed after {Slices} of its write transactions ({Error}); removing what they wrote",
                    slices.Count, ex.GetType().Name);
                await ImportUndo.RemoveAsync(dbf, slices, log);
                throw;
            }
            var writing = holds.Aggregate(TimeSpan.Zero, (a, b) => a + b);
            log.LogInformation(
                "Imported {Mandates} mandates ({NewClients} new clients) from {Rows} rows in {Seconds:0.0} s: {Slices} write " +
                "transactions, {LockSeconds:0.0} s writing, the longest {LongestMs:0} ms",
                plan.NewMandates, plan.NewClients, plan.Rows, watch.Elapsed.TotalSeconds, holds.Count, writing.TotalSeconds,
                holds.Max().TotalMilliseconds);
            return Result.Of(plan, imported: true) with { Writing = writing, LongestWrite = holds.Max(), WriteTransactions = holds.Count };
        }

        /// <summary>
        /// Runs <paramref name="write"/> in a transaction of its own and returns how long it held the transaction (on SQLite the
        /// write lock: from BEGIN IMMEDIATE having taken it to the commit).
        /// </summary>
        private static async Task<TimeSpan> InTransactionAsync(OmbudDbContext db, Func<Task> write, CancellationToken ct)
        {
            var held = TimeSpan.Zero;
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await write();
                // Not cancelled half-way: a commit that happened is always recorded (and undone if a later slice fails).
                await tx.CommitAsync(CancellationToken.None);
                held = watch.Elapsed;
            });
            return held;
        }

        /// <summary>
        /// The groups in order, cut into slices of at least <paramref name="mandates"/> mandates (a client is never cut).
        /// </summary>
        internal static List<List<Group>> InSlices(IReadOnlyList<Group> groups, int mandates)
        {
            var slices = new List<List<Group>>();
            var count = mandates;
            foreach (var g in groups)
            {
                if (count >= mandates) { slices.Add([]); count = 0; }
                slices[^1].Add(g);
                count += g.Mandates.Count;
            }
            return slices;
        }

        private async Task<ImportPlanner.Context> LoadContextAsync(
            OmbudDbContext db, int unitId, ImportFile.Table table, CancellationToken ct)
        {
            var municipalities = await db.Municipalities.AsNoTracking()
                .Where(m => m.UnitId == unitId)
                .OrderBy(m => m.Id)
                .Select(m => m.Name).ToListAsync(ct);
            var categories = await db.Categories.AsNoTracking()
                .Where(c => c.Kind == CategoryKind.ContactReason
                    || c.Kind == CategoryKind.ReferralPath
                    || c.Kind == CategoryKind.ClosureReason)
                .OrderBy(c => c.Kind).ThenBy(c => c.SortOrder).ToListAsync(ct);
            var ombud = db.UsersInRole(Roles.Ombud).Select(o => o.Id);
            var staff = await db.Users.AsNoTracking().Where(u => u.UnitId == unitId)
                .Select(u => new ImportPlanner.StaffMember(u.Id, u.UserName ?? "", u.IsActive, ombud.Contains(u.Id)))
                .ToListAsync(ct);

            // Only the clients whose codes the file names (upper-cased, as the planner compares them).
            var codeColumn = table.Headers.Select((h, i) => (h, i))
                .FirstOrDefault(x => string.Equals(x.h, ImportPlanner.ClientCodeColumn, StringComparison.OrdinalIgnoreCase));
            var codes = codeColumn.h is null
                ? []
                : table.Rows.Select(r => codeColumn.i < r.Cells.Count ? r.Cells[codeColumn.i].ToUpperInvariant() : "")
                .Where(c => c.Length is > 0 and <= Limits.ClientCode).Distinct().ToList();
            var existing = new Dictionary<string, ImportPlanner.ExistingClient>(StringComparer.Ordinal);
            foreach (var chunk in codes.Chunk(500))
            {
                var found = await db.Clients.AsNoTracking().Where(c => chunk.Contains(c.Code))
                    .Select(c => new
                    {
                        c.Id,
                        c.Code,
                        c.UnitId,
                        c.Gender,
                        c.BirthYear,
                        Municipality = c.Municipality!.Name,
                        Mandates = c.Mandates.Select(m => new { m.StartDate, m.RegisteredOn, m.ClosedOn }).ToList(),
                    }).AsSplitQuery().ToListAsync(ct);
                foreach (var c in found)
                    existing[c.Code] = new ImportPlanner.ExistingClient(
                        c.Id, c.Code, c.UnitId == unitId, c.Gender, c.BirthYear, c.Municipality,
                        c.Mandates.Select(
                            m => new ImportPlanner.ExistingMandate(
                                m.StartDate ?? m.RegisteredOn, m.ClosedOn, m.StartDate is not null)).ToList());
            }
            return new ImportPlanner.Context(clock.Today(), categories, staff, municipalities, existing);
        }

        /// <summary>
        /// One client's part of an import: the client (new, with the municipality name it gets, or already in Ombud), its new
        /// mandates with their contact reasons, and, for a client already in Ombud, a new owner.
        /// </summary>
        internal sealed record Group(
            Client Client, string? Municipality, List<(Mandate Mandate, IReadOnlyList<int> Reasons)> Mandates, OwnerChange? Owner);

        /// <summary>A client already in Ombud whose owner (the ombud of its open or latest mandate) the import changes.</summary>
        internal sealed record OwnerChange(string? From, string? To);

        /// <summary>The records an import adds, built but not yet saved, per client.</summary>
        private sealed record Prepared(int UnitId, Dictionary<string, int> MunicipalityIds, List<Group> Groups);

        /// <summary>
        /// Reads what the write needs (the unit's municipalities, the existing clients the file adds mandates to) and builds
        /// the plan's new clients and mandates, without saving anything.
        /// </summary>
        private async Task<Prepared> PrepareAsync(OmbudDbContext db, int unitId, ImportPlanner.Plan plan, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var municipalityIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var m in await db.Municipalities.AsNoTracking()
                .Where(m => m.UnitId == unitId)
                .OrderBy(m => m.Id)
                .Select(m => new { m.Id, m.Name }).ToListAsync(ct))
                municipalityIds.TryAdd(m.Name, m.Id);

            var existingIds = plan.Clients.Where(c => c.ExistingId is not null).Select(c => c.ExistingId!.Value).ToList();
            var existing = new Dictionary<int, Client>();
            foreach (var chunk in existingIds.Chunk(500))
                foreach (var c in await db.Clients.AsNoTracking().Include(c => c.Mandates).Where(c => chunk.Contains(c.Id)).ToListAsync(ct))
                    existing[c.Id] = c;

            var prepared = new Prepared(unitId, municipalityIds, []);
            foreach (var p in plan.Clients.Where(c => c.Mandates.Any(m => !m.AlreadyPresent)))
            {
                var client = p.ExistingId is { } id ? existing[id] : null;
                var isNew = client is null;
                client ??= new Client
                {
                    UnitId = unitId,
                    Code = p.Code,
                    Gender = p.Gender,
                    BirthYear = p.BirthYear,
                    ChildrenAtHome = p.Children,
                    CreatedAtUtc = now,
                };
                var added = p.Mandates.Where(m => !m.AlreadyPresent).Select(m => (Mandate: new Mandate
                {
                    UnitId = client.UnitId,
                    OmbudId = m.OmbudId /* null: a closed mandate imported without an ombud */,
                    RegisteredOn = m.Start,
                    StartDate = m.Start,
                    Status = m.End is null ? MandateStatus.Active : MandateStatus.Closed,
                    ClosedOn = m.End,
                    ClosureReasonId = m.ClosureReasonId,
                    ReferralPathId = m.ReferralPathId,
                    LastActivityOn = m.End ?? m.Start,
                }, m.ContactReasonIds)).ToList();
                // The client belongs to the ombud of its open mandate, else of its latest mandate.
                var all = client.Mandates.Concat(added.Select(a => a.Mandate)).ToList();
                var owner = all.FirstOrDefault(m => m.Status != MandateStatus.Closed)
                    ?? all.OrderBy(x => x.StartDate ?? x.RegisteredOn).Last();
                if (isNew) client.OmbudId = owner.OmbudId;
                var change = !isNew && client.OmbudId != owner.OmbudId ? new OwnerChange(client.OmbudId, owner.OmbudId) : null;
                prepared.Groups.Add(new Group(client, isNew ? p.Municipality : null, added, change));
            }
            return prepared;
        }

        /// <summary>
        /// Writes one slice inside the caller's transaction: (in the first) the new municipalities and, when there are more
        /// slices, the ImportStarted audit entry; the slice's new clients, mandates with their contact reasons and their
        /// Created audit rows, changed owners of clients already in Ombud with their Changed rows; (in the last) the import's
        /// own audit entry. Returns what it wrote, for <see cref="ImportUndo"/>.
        /// </summary>
        private async Task<Slice> WriteSliceAsync(OmbudDbContext db, Prepared prepared, IReadOnlyList<Group> groups, int index, int count,
            ImportPlanner.Plan plan, CancellationToken ct)
        {
            var slice = new Slice();
            var counts = $"{plan.NewMandates} uppdrag, {plan.NewClients} nya klienter, {plan.Rows} rader";
            var entries = new List<AuditEntry>();
            if (index == 0)
            {
                var municipalities = plan.NewMunicipalities.Where(n => !prepared.MunicipalityIds.ContainsKey(n))
                    .Select(n => new Municipality { UnitId = prepared.UnitId, Name = n }).ToList();
                await BulkInsert.InsertAsync(db, municipalities, ct);
                foreach (var m in municipalities) prepared.MunicipalityIds.TryAdd(m.Name, m.Id);
                slice.Municipalities.AddRange(municipalities.Select(m => m.Id));
                if (count > 1)
                {
                    // Written first, so that an import stopped half-way (a crash) shows in the log: docs/import.md.
                    var started = (await audit.EntriesForAsync(AuditActions.ImportStarted, [(AuditEntity, 0, 0)], prepared.UnitId))
                        .Single();
                    (started.EntityId, started.ClientId) = (counts, null);
                    entries.Add(started);
                }
            }

            var newClients = groups.Where(g => g.Municipality is not null).ToList();
            foreach (var g in newClients) g.Client.MunicipalityId = prepared.MunicipalityIds[g.Municipality!];
            await BulkInsert.InsertAsync(db, newClients.Select(g => g.Client).ToList(), ct);
            var mandates = groups.SelectMany(g => g.Mandates.Select(m => (g.Client, m.Mandate, m.Reasons))).ToList();
            foreach (var (client, mandate, _) in mandates) mandate.ClientId = client.Id;
            await BulkInsert.InsertAsync(db, mandates.Select(m => m.Mandate).ToList(), ct);
            await BulkInsert.InsertLinksAsync<Mandate>(db, nameof(Mandate.ContactReasons),
                mandates.SelectMany(m => m.Reasons.Select(r => (m.Mandate.Id, r))), ct);
            slice.Clients.AddRange(newClients.Select(g => g.Client.Id));
            slice.Mandates.AddRange(mandates.Select(m => m.Mandate.Id));

            foreach (var g in groups.Where(g => g.Owner is not null))
            {
                var (id, to) = (g.Client.Id, g.Owner!.To);
                await db.Clients.Where(c => c.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.OmbudId, to).SetProperty(c => c.Version, c => c.Version + 1), ct);
                slice.Owners.Add((id, g.Owner));
            }
            var records = newClients.Select(g => (nameof(Client), g.Client.Id, g.Client.Id))
                .Concat(mandates.Select(m => (nameof(Mandate), m.Mandate.Id, m.Client.Id)));
            entries.AddRange(await audit.EntriesForAsync(AuditActions.Created, records, prepared.UnitId));
            entries.AddRange(await audit.EntriesForAsync(AuditActions.Changed,
                slice.Owners.Select(o => (nameof(Client), o.ClientId, o.ClientId)), prepared.UnitId));
            await BulkInsert.InsertAsync(db, entries, ct);
            slice.Audit.AddRange(entries.Select(a => (a.Id, a.Action, a.EntityType, a.EntityId)));

            if (index == count - 1) await audit.RecordAsync(db, AuditActions.Imported, AuditEntity, counts, null, ct);
            return slice;
        }
    }
}
