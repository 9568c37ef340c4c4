using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ombud.Tests;

/// <summary>
/// Records every query EF sends with SQLite's plan for it (<c>EXPLAIN QUERY PLAN</c>, run on the same connection and
/// transaction with the same parameters just before the query): a test can then assert that a page reads a table through
/// an index instead of scanning or materialising it, which is what makes a page's cost independent of the installation's
/// size. Add it with <see cref="TestDb.ExtraInterceptors"/>.
/// </summary>
public sealed class QueryPlans : DbCommandInterceptor
{
    /// <param name="Plan">The plan, one step a line ("SCAN a", "SEARCH a USING INDEX ... (MandateId=?)", "MATERIALIZE s", ...).</param>
    public sealed record Query(string Sql, IReadOnlyList<string> Plan)
    {
        /// <summary>
        /// True when a step of the plan reads a whole table or subquery: a scan, a materialised subquery, or an automatic
        /// index SQLite builds from a scan. Sorting the found rows ("USE TEMP B-TREE") and streaming a co-routine is fine.
        /// </summary>
        public bool ReadsATableWhole
        {
            get
            {
                // A co-routine streams the rows of a subquery whose own steps are listed (and checked) too.
                var coroutines = Plan
                    .Where(step => step.StartsWith("CO-ROUTINE ", StringComparison.Ordinal))
                    .Select(step => "SCAN " + step[11..])
                    .ToHashSet();
                return Plan.Any(step => (step.StartsWith("SCAN ", StringComparison.Ordinal) && !coroutines.Contains(step))
                    || step.StartsWith("MATERIALIZE", StringComparison.Ordinal) || step.Contains("AUTOMATIC", StringComparison.Ordinal));
            }
        }

        /// <summary>The SQL and its plan, for assertion messages.</summary>
        public override string ToString() => Sql + "\n--\n" + string.Join("\n", Plan);
    }

    private readonly List<Query> _queries = [];

    /// <summary>The queries recorded since the last <see cref="Clear"/>, in order.</summary>
    public IReadOnlyList<Query> Queries
    {
        get { lock (_queries) return _queries.ToList(); }
    }

    public void Clear()
    {
        lock (_queries) _queries.Clear();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        var sql = command.CommandText.TrimStart();
        if (!(sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)))
            return;
        using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (DbParameter p in command.Parameters)
        {
            var copy = explain.CreateParameter();
            copy.ParameterName = p.ParameterName;
            copy.Value = p.Value;
            explain.Parameters.Add(copy);
        }
        var plan = new List<string>();
        using (var reader = explain.ExecuteReader())
            while (reader.Read()) plan.Add(reader.GetString(reader.GetOrdinal("detail")));
        lock (_queries) _queries.Add(new Query(sql, plan));
    }
}
