using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ombud.IntegrationTests.SqlServer;

/// <summary>
/// Connection strings and contexts for running the app's queries through the SQL Server provider without a server.
/// </summary>
public static class SqlServerTranslation
{
    /// <summary>A SQL Server connection string that is never opened (and could not be: port 1, no retries, 1 s timeout).</summary>
    public const string UnopenableConnectionString =
        "Server=tcp:127.0.0.1,1;Database=ombud_never_opened;User Id=x;Password=x;Connect Timeout=1;ConnectRetryCount=0;" +
        "TrustServerCertificate=True";

    /// <summary>
    /// Options for a SQL Server context on <paramref name="connection"/> (owned by the context). The app's own options
    /// (<see cref="DatabaseSetup.ConfigureSqlServer"/>) are only <c>UseSqlServer(connection string)</c>; should they
    /// grow (compatibility level, ...), add the same here.
    /// </summary>
    public static DbContextOptions<SqlServerOmbudDbContext> Options(NoServerConnection connection, params IInterceptor[] interceptors) =>
        new DbContextOptionsBuilder<SqlServerOmbudDbContext>()
            .UseSqlServer(connection, contextOwnsConnection: true).AddInterceptors(interceptors).Options;
}

/// <summary>
/// A SQL Server connection with no server behind it: it opens without a network, records the SQL of every command EF
/// sends (so EF has translated the query for SQL Server: translation happens before a command exists), answers each
/// query with no rows, each write with "0 rows affected", and begins transactions that commit nothing. A handler on it
/// runs on past its first query as far as "nothing found" lets it: typically to its first null check or its save.
/// </summary>
public sealed class NoServerConnection(ConcurrentQueue<string> commands) : DbConnection
{
    private ConnectionState _state = ConnectionState.Closed;

    [AllowNull]
    public override string ConnectionString { get; set; } = SqlServerTranslation.UnopenableConnectionString;
    public override string Database => "ombud_never_opened";
    public override string DataSource => "no server";
    public override string ServerVersion => "16.00.1000"; // SQL Server 2022
    public override ConnectionState State => _state;
    public override void ChangeDatabase(string databaseName) { }
    public override void Open() => _state = ConnectionState.Open;
    public override void Close() => _state = ConnectionState.Closed;
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new NoServerTransaction(this, isolationLevel);
    protected override DbCommand CreateDbCommand() => new NoServerCommand(this, commands);

    private sealed class NoServerTransaction(DbConnection connection, IsolationLevel isolationLevel) : DbTransaction
    {
        public override IsolationLevel IsolationLevel => isolationLevel;
        protected override DbConnection DbConnection => connection;
        public override void Commit() { }
        public override void Rollback() { }
    }

    /// <summary>SQL Server's parameter types (EF's type mappings configure <see cref="SqlParameter"/>s), no execution.</summary>
    private sealed class NoServerCommand(DbConnection connection, ConcurrentQueue<string> commands) : DbCommand
    {
        private readonly SqlCommand _parameters = new();

        [AllowNull]
        public override string CommandText { get; set; } = "";
        public override int CommandTimeout { get; set; } = 30;
        public override CommandType CommandType { get; set; } = CommandType.Text;
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get; set; } = connection;
        protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;
        protected override DbTransaction? DbTransaction { get; set; }
        public override void Cancel() { }
        public override void Prepare() { }
        protected override DbParameter CreateDbParameter() => new SqlParameter();

        public override int ExecuteNonQuery()
        {
            commands.Enqueue(CommandText);
            return 0;
        }

        public override object? ExecuteScalar()
        {
            commands.Enqueue(CommandText);
            return null;
        }

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            commands.Enqueue(CommandText);
            return new NoRows();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _parameters.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// A result with no rows and more columns than any query selects (EF's buffered and split queries check there are
    /// at least as many as they expect); no value is ever read.
    /// </summary>
    private sealed class NoRows : DbDataReader
    {
        public override int FieldCount => 1024;
        public override bool HasRows => false;
        public override int RecordsAffected => 0;
        public override bool IsClosed => false;
        public override int Depth => 0;
        public override bool Read() => false;
        public override bool NextResult() => false;
        public override string GetName(int ordinal) => "c" + ordinal;
        public override int GetOrdinal(string name) => int.Parse(name[1..], CultureInfo.InvariantCulture);
        public override Type GetFieldType(int ordinal) => typeof(object);
        public override string GetDataTypeName(int ordinal) => "sql_variant";
        public override object this[int ordinal] => throw NoRow();
        public override object this[string name] => throw NoRow();
        public override bool GetBoolean(int ordinal) => throw NoRow();
        public override byte GetByte(int ordinal) => throw NoRow();
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw NoRow();
        public override char GetChar(int ordinal) => throw NoRow();
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw NoRow();
        public override DateTime GetDateTime(int ordinal) => throw NoRow();
        public override decimal GetDecimal(int ordinal) => throw NoRow();
        public override double GetDouble(int ordinal) => throw NoRow();
        public override float GetFloat(int ordinal) => throw NoRow();
        public override Guid GetGuid(int ordinal) => throw NoRow();
        public override short GetInt16(int ordinal) => throw NoRow();
        public override int GetInt32(int ordinal) => throw NoRow();
        public override long GetInt64(int ordinal) => throw NoRow();
        public override string GetString(int ordinal) => throw NoRow();
        public override object GetValue(int ordinal) => throw NoRow();
        public override int GetValues(object[] values) => throw NoRow();
        public override bool IsDBNull(int ordinal) => throw NoRow();
        public override System.Collections.IEnumerator GetEnumerator() => Enumerable.Empty<object>().GetEnumerator();
        private static InvalidOperationException NoRow() => new("No row: the result is empty.");
    }
}
