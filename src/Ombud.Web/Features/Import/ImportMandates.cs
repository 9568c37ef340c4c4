namespace Ombud.Web.Features.Import;

/// <summary>
/// Imports clients and mandates from a spreadsheet (docs/import.md). Every row is checked first and every error is
/// reported by row and column; if there is any, nothing is written. Otherwise everything is written in one transaction,
/// and the import itself is audited (who, when, how many — no values). Idempotent: a mandate is identified by the
/// client code and the start date, so importing the same file again adds nothing. The page and the command line use
/// this same handler.
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

        /// <summary>How long the write transaction was open (on SQLite: how long everyone else's saves had to wait).</summary>
        public TimeSpan Writing { get; init; }

        internal static Result Of(ImportPlanner.Plan p, bool imported) => new(p.Rows, p.Clients.Count, p.NewClients, p.NewMandates,
            p.PresentMandates, p.WithoutOmbud, p.NewMunicipalities, p.Errors, p.ErrorCount, imported);

        /// <summary>A file that could not be read at all: one error on row 0.</summary>
        internal static Result Unreadable(string message) =>
            new(0, 0, 0, 0, 0, 0, [], [new ImportPlanner.Error(0, "Fil", message)], 1, false);
    }


    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock,
        IConfiguration config, ILogger<Handler> log)
    {
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

            var strategy = db.Database.CreateExecutionStrategy();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var locked = TimeSpan.Zero;
            await strategy.ExecuteAsync(async () =>
            {
                await using var work = await dbf.CreateDbContextAsync(ct);
                // Everything that is not a write happens before the transaction opens (on SQLite it takes the database's
                // write lock, and everyone else's saves wait for it): reading what the write builds on and building the
                // new records. Inside it only inserts, with prepared commands (BulkInsert), and their audit rows.
                work.ChangeTracker.AutoDetectChangesEnabled = false;
                Prepared? prepared = createUnit is null ? await PrepareAsync(work, unitId, plan, ct) : null;
                var start = watch.Elapsed;
                await using var tx = await work.Database.BeginTransactionAsync(ct);
                if (createUnit is not null) prepared = await PrepareAsync(work, await createUnit(work, ct), plan, ct);
                await WriteAsync(work, prepared!, plan, ct);
                await tx.CommitAsync(ct);
                locked = watch.Elapsed - start;
            });
            log.LogInformation(
                "Imported {Mandates} mandates ({NewClients} new clients) from {Rows} rows in {Seconds:0.0} s, {LockSeconds:0.0} s of it " +
                "writing",
                plan.NewMandates, plan.NewClients, plan.Rows, watch.Elapsed.TotalSeconds, locked.TotalSeconds);
            return Result.Of(plan, imported: true) with { Writing = locked };
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

        /// <summary>The records an import adds, built but not yet saved, and the owner changes of clients already in Ombud.</summary>
        private sealed record Prepared(
            int UnitId, Dictionary<string, int> MunicipalityIds, List<(Client Client, string Municipality)> NewClients,
            List<(Client Client, Mandate Mandate, IReadOnlyList<int> Reasons)> Mandates, List<(Client Client, string? OmbudId)> NewOwners);

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
                foreach (var c in await db.Clients.Include(c => c.Mandates).Where(c => chunk.Contains(c.Id)).ToListAsync(ct))
                    existing[c.Id] = c;

            var prepared = new Prepared(unitId, municipalityIds, [], [], []);
            foreach (var p in plan.Clients.Where(c => c.Mandates.Any(m => !m.AlreadyPresent)))
            {
                var client = p.ExistingId is { } id ? existing[id] : null;
                if (client is null)
                {
                    client = new Client
                    {
                        UnitId = unitId,
                        Code = p.Code,
                        Gender = p.Gender,
                        BirthYear = p.BirthYear,
                        ChildrenAtHome = p.Children,
                        CreatedAtUtc = now,
                    };
                    prepared.NewClients.Add((client, p.Municipality));
                }
                var added = p.Mandates.Where(m => !m.AlreadyPresent).Select(m => new Mandate
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
                }).ToList();
                prepared.Mandates.AddRange(added.Zip(p.Mandates.Where(m => !m.AlreadyPresent), (a, m) => (client, a, m.ContactReasonIds)));
                // The client belongs to the ombud of its open mandate, else of its latest mandate.
                var all = client.Mandates.Concat(added).ToList();
                var owner = all.FirstOrDefault(m => m.Status != MandateStatus.Closed)
                    ?? all.OrderBy(x => x.StartDate ?? x.RegisteredOn).Last();
                if (client.Id == 0) client.OmbudId = owner.OmbudId;
                else if (client.OmbudId != owner.OmbudId) prepared.NewOwners.Add((client, owner.OmbudId));
            }
            return prepared;
        }

        /// <summary>
        /// Writes the prepared records inside the caller's transaction: new municipalities, clients, mandates with their
        /// contact reasons and their Created audit rows, a changed owner of a client already in Ombud (audited by the
        /// interceptor), then the import's own audit entry.
        /// </summary>
        private async Task WriteAsync(OmbudDbContext db, Prepared prepared, ImportPlanner.Plan plan, CancellationToken ct)
        {
            var municipalities = plan.NewMunicipalities.Where(n => !prepared.MunicipalityIds.ContainsKey(n))
                .Select(n => new Municipality { UnitId = prepared.UnitId, Name = n }).ToList();
            await BulkInsert.InsertAsync(db, municipalities, ct);
            foreach (var m in municipalities) prepared.MunicipalityIds.TryAdd(m.Name, m.Id);

            foreach (var (client, municipality) in prepared.NewClients) client.MunicipalityId = prepared.MunicipalityIds[municipality];
            await BulkInsert.InsertAsync(db, prepared.NewClients.Select(c => c.Client).ToList(), ct);
            foreach (var (client, mandate, _) in prepared.Mandates) mandate.ClientId = client.Id;
            await BulkInsert.InsertAsync(db, prepared.Mandates.Select(m => m.Mandate).ToList(), ct);
            await BulkInsert.InsertLinksAsync<Mandate>(db, nameof(Mandate.ContactReasons),
                prepared.Mandates.SelectMany(m => m.Reasons.Select(r => (m.Mandate.Id, r))), ct);
            var created = prepared.NewClients.Select(c => (nameof(Client), c.Client.Id, c.Client.Id))
                .Concat(prepared.Mandates.Select(m => (nameof(Mandate), m.Mandate.Id, m.Client.Id)));
            await BulkInsert.InsertAsync(db, await audit.EntriesForAsync(AuditActions.Created, created, prepared.UnitId), ct);

            if (prepared.NewOwners.Count > 0)
            {
                foreach (var (client, ombudId) in prepared.NewOwners) client.OmbudId = ombudId;
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
            }
            await audit.RecordAsync(db, AuditActions.Imported, AuditEntity,
                $"{plan.NewMandates} uppdrag, {plan.NewClients} nya klienter, {plan.Rows} rader", null, ct);
        }
    }
}
