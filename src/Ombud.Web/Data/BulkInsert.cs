using System.Data.Common;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ombud.Web.Data;

/// <summary>
/// Inserts many new rows of one entity type inside the caller's transaction with one prepared command, bypassing the
/// change tracker (for the spreadsheet import: thousands of clients and mandates, where EF's per-entity work kept the
/// SQLite write lock for half a minute), many rows per statement on SQLite. Columns, names and value conversions come
/// from the EF model, so the rows are
/// what <c>SaveChanges</c> would have written; the generated key is read back into each entity. Nothing is audited here:
/// the caller writes the audit rows, in the same transaction. Versioned rows start at version 1, as <see cref="Concurrency"/> does.
/// </summary>
public static class BulkInsert
{
    public static async Task InsertAsync<T>(OmbudDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var key = type.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } k] ? k : null;
        var columns = type.GetProperties().Where(p => p != key && p.GetComputedColumnSql() is null).ToList();
        foreach (var row in rows)
            if (row is IVersioned { Version: 0 } v) v.Version = 1;
        // SQLite: many rows per statement; the write lock is held, so one statement's new keys are consecutive and
        // follow the rows' order (read back sorted). SQL Server gives no such order: one row per statement there.
        var perCommand = db.Database.IsSqlite() ? Math.Max(1, 900 / columns.Count) : 1;
        DbCommand? full = null;
        try
        {
            for (var from = 0; from < rows.Count; from += perCommand)
            {
                var n = Math.Min(perCommand, rows.Count - from);
                var cmd = n == perCommand ? full ??= Command(db, type, columns, key, n) : Command(db, type, columns, key, n);
                for (var r = 0; r < n; r++)
                    for (var i = 0; i < columns.Count; i++)
                        cmd.Parameters[r * columns.Count + i].Value = Value(columns[i], columns[i].GetGetter().GetClrValue(rows[from + r]));
                if (key is null)
                {
                    await Run(() => cmd.ExecuteNonQueryAsync(ct));
                    continue;
                }
                var keys = await Run(async () =>
                {
                    var read = new List<long>(n);
                    await using var reader = await cmd.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                        read.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                    return read;
                });
                if (keys.Count != n) throw new InvalidOperationException($"{n} rows inserted, {keys.Count} keys returned.");
                keys.Sort();
                for (var r = 0; r < n; r++)
                    key.PropertyInfo!.SetValue(
                        rows[from + r], Convert.ChangeType(keys[r], key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
                if (!ReferenceEquals(cmd, full)) await cmd.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }
    }

    /// <summary>Rows of a many-to-many join table (e.g. a mandate's contact reasons): the left and right ids of each row.</summary>
    public static async Task InsertLinksAsync<T>(
        OmbudDbContext db,
        string navigation,
        IEnumerable<(int Left, int Right)> links,
        CancellationToken ct)
    {
        var skip = db.Model.FindEntityType(typeof(T))!.FindSkipNavigation(navigation) ?? throw new InvalidOperationException(navigation);
        var join = skip.JoinEntityType;
        IProperty[] columns = [skip.ForeignKey.Properties.Single(), skip.Inverse is { } inv ? inv.ForeignKey.Properties.Single()
            : join.GetForeignKeys().Single(f => f != skip.ForeignKey).Properties.Single()];
        var perCommand = db.Database.IsSqlite() ? 400 : 1;
        foreach (var chunk in links.Chunk(perCommand))
        {
            await using var cmd = Command(db, join, columns, null, chunk.Length);
            for (var r = 0; r < chunk.Length; r++)
            {
                cmd.Parameters[2 * r].Value = chunk[r].Left;
                cmd.Parameters[2 * r + 1].Value = chunk[r].Right;
            }
            await Run(() => cmd.ExecuteNonQueryAsync(ct));
        }
    }

    /// <summary>
    /// A refused row fails as it would in <c>SaveChanges</c>: a <see cref="DbUpdateException"/> around the provider's error.
    /// </summary>
    private static async Task<TResult> Run<TResult>(Func<Task<TResult>> command)
    {
        try { return await command(); }
        catch (DbException ex) { throw new DbUpdateException("An error occurred while saving the entity changes (bulk insert).", ex); }
    }

    private static DbCommand Command(OmbudDbContext db, IEntityType type, IReadOnlyList<IProperty> columns, IProperty? key, int rows)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        var names = string.Join(", ", columns.Select(Column));
        var values = string.Join(
            ", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", columns.Select((_, i) => $"@p{r}_{i}")) + ")"));
        var sqlServer = db.Database.IsSqlServer();
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names})"
            + (key is not null && sqlServer ? $" OUTPUT INSERTED.{Column(key)}" : "")
            + $" VALUES {values}"
            + (key is not null && !sqlServer ? $" RETURNING {Column(key)}" : "") + ";";
        var connection = db.Database.GetDbConnection();
        var cmd = connection.CreateCommand();
        cmd.CommandText = text;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
        for (var r = 0; r < rows; r++)
            for (var i = 0; i < columns.Count; i++)
                cmd.Parameters.Add(columns[i].GetRelationalTypeMapping().CreateParameter(cmd, $"@p{r}_{i}", null, columns[i].IsNullable));
        return cmd;
    }

    /// <summary>The value as the column stores it (the property's value converter, e.g. an enum as its number).</summary>
    private static object Value(IProperty p, object? value)
    {
        var converter = p.GetTypeMapping().Converter;
        if (converter is not null && value is not null) value = converter.ConvertToProvider(value);
        return value ?? DBNull.Value;
    }
}
