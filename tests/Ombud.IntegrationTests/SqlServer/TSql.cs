using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ombud.IntegrationTests.SqlServer;

/// <summary>
/// SQL Server's own T-SQL parser (ScriptDom, SQL Server 2022 syntax): the syntax errors in a script, GO batches and the
/// dynamic SQL of <c>EXEC(N'…')</c> (EF's idempotent scripts wrap some statements in it) included. No server needed.
/// </summary>
public static class TSql
{
    public static IReadOnlyList<string> Errors(string sql)
    {
        var errors = new List<string>();
        Parse(sql, errors, depth: 0);
        return errors;
    }

    private static void Parse(string sql, List<string> errors, int depth)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var parseErrors);
        errors.AddRange(parseErrors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message} near: {Near(sql, e.Offset)}"));
        if (fragment is null || depth > 2) return;
        var exec = new DynamicSqlVisitor();
        fragment.Accept(exec);
        foreach (var inner in exec.Strings) Parse(inner, errors, depth + 1);
    }

    private static string Near(string sql, int offset)
    {
        var start = Math.Clamp(offset - 60, 0, sql.Length);
        return sql[start..Math.Min(sql.Length, offset + 60)].ReplaceLineEndings(" ");
    }

    /// <summary>The literal strings of <c>EXEC(N'…')</c>, the statements EF puts in dynamic SQL.</summary>
    private sealed class DynamicSqlVisitor : TSqlFragmentVisitor
    {
        public List<string> Strings { get; } = [];

        public override void ExplicitVisit(ExecutableStringList node)
        {
            if (node.Strings.All(s => s is StringLiteral))
                Strings.Add(string.Concat(node.Strings.Cast<StringLiteral>().Select(s => s.Value)));
            base.ExplicitVisit(node);
        }
    }
}
