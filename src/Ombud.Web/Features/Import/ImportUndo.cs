using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ombud.Web.Features.Import;

/// <summary>What one committed write transaction (slice) of an import added or changed, by id.</summary>
internal sealed class Slice
{
    public List<int> Municipalities { get; } = [];
    public List<int> Clients { get; } = [];
    public List<int> Mandates { get; } = [];
    public List<(int ClientId, ImportMandates.Handler.OwnerChange Owner)> Owners { get; } = [];
    public List<(long Id, string Action, string EntityType, string? EntityId)> Audit { get; } = [];
}

/// <summary>
/// Removes what the committed slices of a failed import wrote (docs/import.md, "All or nothing"), latest first, in short
/// transactions of its own (at most <see cref="PerTransaction"/> records each), so that saves waiting for SQLite's write
/// lock get it in between. A record someone else has already built on in the meantime (a need on an imported mandate, a
/// mandate on an imported client, a client in a new municipality) is left in place with its audit rows, as is an owner
/// someone has changed again: nobody's work is deleted. What is left is logged; the ImportStarted entry then stays, too.
/// </summary>
internal static class ImportUndo
{
    public const int PerTransaction = 500;

    public static async Task RemoveAsync(IDbContextFactory<OmbudDbContext> dbf, IReadOnlyList<Slice> slices, ILogger log)
    {
        // Not the request's token: a cancelled import is removed all the same.
        var ct = CancellationToken.None;
        try
        {
            await using var db = await dbf.CreateDbContextAsync(ct);
            var audit = slices.SelectMany(s => s.Audit).ToList();
            var kept = 0;

            foreach (var (clientId, owner) in slices.SelectMany(s => s.Owners).Reverse())
                await InTransactionAsync(db, async () =>
                {
                    var reverted = await db.Clients.Where(c => c.Id == clientId && c.OmbudId == owner.To).ExecuteUpdateAsync(
                        s => s.SetProperty(c => c.OmbudId, owner.From).SetProperty(c => c.Version, c => c.Version + 1), ct);
                    if (reverted == 1) await DeleteAuditAsync(db, audit, AuditActions.Changed, nameof(Client), [clientId], ct);
                    else kept++;
                });

            var mandates = slices.SelectMany(s => s.Mandates).Reverse().ToList();
            foreach (var chunk in mandates.Chunk(PerTransaction))
                await InTransactionAsync(db, async () =>
                {
                    var free = await UnreferencedAsync<Mandate>(db, chunk, ct);
                    await db.Set<Dictionary<string, object>>(LinksOf(db).Name)
                        .Where(l => free.Contains(EF.Property<int>(l, "MandateId"))).ExecuteDeleteAsync(ct);
                    await DeleteAuditAsync(db, audit, AuditActions.Created, nameof(Mandate), free, ct);
                    await db.Mandates.Where(m => free.Contains(m.Id)).ExecuteDeleteAsync(ct);
                    kept += await db.Mandates.CountAsync(m => chunk.Contains(m.Id), ct);
                });

            var clients = slices.SelectMany(s => s.Clients).Reverse().ToList();
            foreach (var chunk in clients.Chunk(PerTransaction))
                await InTransactionAsync(db, async () =>
                {
                    var free = await UnreferencedAsync<Client>(db, chunk, ct);
                    await DeleteAuditAsync(db, audit, AuditActions.Created, nameof(Client), free, ct);
                    await db.Clients.Where(c => free.Contains(c.Id)).ExecuteDeleteAsync(ct);
                    kept += await db.Clients.CountAsync(c => chunk.Contains(c.Id), ct);
                });

            var municipalities = slices.SelectMany(s => s.Municipalities).ToList();
            await InTransactionAsync(db, async () =>
            {
                var free = await UnreferencedAsync<Municipality>(db, municipalities, ct);
                await db.Municipalities.Where(m => free.Contains(m.Id)).ExecuteDeleteAsync(ct);
                kept += await db.Municipalities.CountAsync(m => municipalities.Contains(m.Id), ct);
                if (kept == 0)
                {
                    var started = audit.Where(a => a.Action == AuditActions.ImportStarted).Select(a => a.Id).ToList();
                    await db.AuditEntries.Where(a => started.Contains(a.Id)).ExecuteDeleteAsync(ct);
                }
            });
            if (kept == 0) log.LogInformation("The failed import's {Slices} write transactions are removed", slices.Count);
            else
                log.LogWarning(
                    "The failed import's {Slices} write transactions are removed except {Kept} records someone else has built on " +
                    "in the meantime (they stay, with their audit rows and the ImportStarted entry)", slices.Count, kept);
        }
        catch (Exception ex)
        {
            // The residue is what a crash half-way leaves (docs/import.md): the ImportStarted entry without an Imported one.
            log.LogError(ex, "Removing the failed import's {Slices} write transactions failed: part of the import remains " +
                "(see docs/import.md, an import stopped half-way)", slices.Count);
        }
    }

    /// <summary>The mandates' contact-reason links (a join table without an entity class).</summary>
    private static IEntityType LinksOf(OmbudDbContext db) =>
        db.Model.FindEntityType(typeof(Mandate))!.FindSkipNavigation(nameof(Mandate.ContactReasons))!.JoinEntityType;

    /// <summary>
    /// Serializable: the check that nothing refers to a record and its delete see the same rows. Under SQL Server's default
    /// read committed, a need saved between the two could otherwise be removed with its mandate; serializable holds
    /// range locks on what the check read until the commit (SQLite's transactions are serializable anyway).
    /// </summary>
    private static async Task InTransactionAsync(OmbudDbContext db, Func<Task> work) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
            await work();
            await tx.CommitAsync();
        });

    private static async Task DeleteAuditAsync(OmbudDbContext db,
        List<(long Id, string Action, string EntityType, string? EntityId)> audit, string action, string type, IReadOnlyCollection<int> ids,
        CancellationToken ct)
    {
        var names = ids.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var rows = audit.Where(a => a.Action == action && a.EntityType == type && names.Contains(a.EntityId ?? ""))
            .Select(a => a.Id).ToList();
        foreach (var chunk in rows.Chunk(PerTransaction))
            await db.AuditEntries.Where(a => chunk.Contains(a.Id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Those of <paramref name="ids"/> (keys of <typeparamref name="T"/>) that no row of any table refers to by a foreign key
    /// (read from the EF model, so a new table is covered), apart from the mandates' contact-reason links the import wrote.
    /// </summary>
    internal static async Task<List<int>> UnreferencedAsync<T>(OmbudDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var sql = db.GetService<ISqlGenerationHelper>();
        var type = db.Model.FindEntityType(typeof(T))!;
        var links = LinksOf(db);
        string Table(IEntityType e) => sql.DelimitIdentifier(e.GetTableName()!, e.GetSchema());
        string Column(IEntityType e, IProperty p) =>
            sql.DelimitIdentifier(p.GetColumnName(StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema()))!);
        var key = Column(type, type.FindPrimaryKey()!.Properties.Single());
        var references = db.Model.GetEntityTypes()
            .Where(e => e != links && e.GetTableName() is not null)
            .SelectMany(e => e.GetDeclaredForeignKeys())
            .Where(fk => fk.PrincipalEntityType == type)
            .Select(fk => $" AND NOT EXISTS (SELECT 1 FROM {Table(fk.DeclaringEntityType)} r"
                + $" WHERE r.{Column(fk.DeclaringEntityType, fk.Properties.Single())} = t.{key})");
        var text = $"SELECT t.{key} AS {sql.DelimitIdentifier("Value")} FROM {Table(type)} t WHERE t.{key} IN ("
            + string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + ")" + string.Concat(references);
#pragma warning disable EF1002 // only integer keys and names from the model are put into the text
        return await db.Database.SqlQueryRaw<int>(text).ToListAsync(ct);
#pragma warning restore EF1002
    }
}
