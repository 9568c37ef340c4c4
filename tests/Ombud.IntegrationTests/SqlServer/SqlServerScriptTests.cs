using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ombud.IntegrationTests.SqlServer;

/// <summary>
/// The SQL Server migrations as the municipality's IT would run them by hand (<c>dotnet ef migrations script
/// --idempotent</c>), parsed by SQL Server's own T-SQL parser: a syntax error fails here, not at the customer.
/// </summary>
public class SqlServerScriptTests
{
    internal static string IdempotentScript()
    {
        using var db = new SqlServerOmbudDbContext(new DbContextOptionsBuilder<SqlServerOmbudDbContext>()
            .UseSqlServer(SqlServerTranslation.UnopenableConnectionString).Options); // never opened
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    [Fact]
    public void The_idempotent_SqlServer_migration_script_parses_as_TSql()
    {
        var script = IdempotentScript();
        Assert.Contains("CREATE TABLE [Clients]", script);
        Assert.Contains("IF NOT EXISTS", script); // idempotent: each migration guarded by the history table
        var errors = TSql.Errors(script);
        Assert.True(errors.Count == 0, "The SQL Server migration script has syntax errors:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void The_parser_finds_a_syntax_error_in_a_script_and_in_its_dynamic_sql()
    {
        // The check can fail: the same script with one broken statement appended, plain or inside EXEC(N'…').
        var script = IdempotentScript();
        Assert.NotEmpty(TSql.Errors(script + "\nGO\nCREATE TABLE [Broken] ([Id] int NOT NULL,, [Name] nvarchar(10));\nGO\n"));
        Assert.NotEmpty(TSql.Errors(script + "\nGO\nEXEC(N'CREATE VIEW [V] AS SELEC 1');\nGO\n"));
        Assert.Empty(TSql.Errors("EXEC(N'CREATE VIEW [V] AS SELECT 1 AS [X]');"));
    }
}
