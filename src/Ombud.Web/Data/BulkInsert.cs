using System.Data.Common;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ombud.Web.Data;

/// <summary>
/// Inserts many new rows of one entity type inside the caller's transaction with one prepared command, bypassing the
/// change tracker (for the spreadsheet import: thousands of clients and mandates, where EF's per-entity work kept the
/// SQLite write lock for half a minute). Columns, names and value conversions come from the EF model, so the rows are
/// what <c>SaveChanges</c> would have written; the generated key is read back into each entity. Nothing is audited here:
/// the caller writes the audit rows, in the same transaction. Versioned rows start at version 1, as <see cref="Concurrency"/> does.
/// </summary>
public static class BulkInsert
{
    public static async Task InsertAsync<T>(OmbudDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var key = type.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } k] ? k : null;
        var columns = type.GetProperties().Where(p => p != key && p.GetComputedColumnSql() is null).ToList();
        foreach (var row in rows)
            if (row is IVersioned { Version: 0 } v) v.Version = 1;
        await using var cmd = Command(db, type, columns, key);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++) cmd.Parameters[i].Value = Value(columns[i], columns[i].GetGetter().GetClrValue(row));
            if (key is null) await Run(() => cmd.ExecuteNonQueryAsync(ct));
            else key.PropertyInfo!.SetValue(row, Convert.ChangeType(await Run(() => cmd.ExecuteScalarAsync(ct)), key.ClrType,
                System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Rows of a many-to-many join table (e.g. a mandate's contact reasons): the left and right ids of each row.</summary>
    public static async Task InsertLinksAsync<T>(OmbudDbContext db, string navigation, IEnumerable<(int Left, int Right)> links, CancellationToken ct)
    {
        var skip = db.Model.FindEntityType(typeof(T))!.FindSkipNavigation(navigation) ?? throw new InvalidOperationException(navigation);
        var join = skip.JoinEntityType;
        IProperty[] columns = [skip.ForeignKey.Properties.Single(), skip.Inverse is { } inv ? inv.ForeignKey.Properties.Single()
            : join.GetForeignKeys().Single(f => f != skip.ForeignKey).Properties.Single()];
        await using var cmd = Command(db, join, columns, null);
        foreach (var (left, right) in links)
        {
            cmd.Parameters[0].Value = left;
            cmd.Parameters[1].Value = right;
            await Run(() => cmd.ExecuteNonQueryAsync(ct));
        }
    }

    /// <summary>A refused row fails as it would in <c>SaveChanges</c>: a <see cref="DbUpdateException"/> around the provider's error.</summary>
    private static async Task<TResult> Run<TResult>(Func<Task<TResult>> command)
    {
        try { return await command(); }
        catch (DbException ex) { throw new DbUpdateException("An error occurred while saving the entity changes (bulk insert).", ex); }
    }

    private static DbCommand Command(OmbudDbContext db, IEntityType type, IReadOnlyList<IProperty> columns, IProperty? key)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        var names = string.Join(", ", columns.Select(Column));
        var values = string.Join(", ", columns.Select((_, i) => "@p" + i));
        var sqlServer = db.Database.IsSqlServer();
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names})"
            + (key is not null && sqlServer ? $" OUTPUT INSERTED.{Column(key)}" : "")
            + $" VALUES ({values})"
            + (key is not null && !sqlServer ? $" RETURNING {Column(key)}" : "") + ";";
        var connection = db.Database.GetDbConnection();
        var cmd = connection.CreateCommand();
        cmd.CommandText = text;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
        for (var i = 0; i < columns.Count; i++)
        {
            var p = columns[i].GetRelationalTypeMapping().CreateParameter(cmd, "@p" + i, null, columns[i].IsNullable);
            cmd.Parameters.Add(p);
        }
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
