namespace Ombud.Web.Data;

/// <summary>
/// A lease on a background job that several app instances share one database for (e.g. the daily retention sweep): the
/// instance that holds an unexpired lease runs the job, and <see cref="LastRunOn"/> says on which day it last finished.
/// Taken and given back with single UPDATE statements (<see cref="JobLeasing"/>), never read-then-write.
/// </summary>
public class JobLease
{
    /// <summary>The job, e.g. <c>RetentionSweep</c>.</summary>
    public string Name { get; set; } = "";
    /// <summary>The instance holding the lease (machine, process and a random id), or null when free.</summary>
    public string? Holder { get; set; }
    /// <summary>When the lease lapses (UTC): another instance may take it after this, e.g. when the holder died mid-run.</summary>
    public DateTime ExpiresAtUtc { get; set; }
    /// <summary>The (Swedish) day the job last ran to the end; it runs again on a later day only.</summary>
    public DateOnly? LastRunOn { get; set; }
}

/// <summary>Taking, finishing and giving back <see cref="JobLease"/>s atomically, on SQLite and SQL Server alike.</summary>
public static class JobLeasing
{
    public const int NameLength = 100;
    public const int HolderLength = 200;

    /// <summary>
    /// Takes the lease of job <paramref name="name"/> for <paramref name="holder"/> until <paramref name="nowUtc"/> +
    /// <paramref name="leaseFor"/> when the job has not run on <paramref name="day"/> and no other instance holds an
    /// unexpired lease. One conditional UPDATE decides: of instances asking at the same moment exactly one gets true.
    /// </summary>
    public static async Task<bool> TryTakeAsync(OmbudDbContext db, string name, string holder, DateOnly day, DateTime nowUtc,
        TimeSpan leaseFor, CancellationToken ct = default)
    {
        await EnsureExistsAsync(db, name, ct);
        var until = nowUtc + leaseFor;
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.LastRunOn == null || l.LastRunOn < day)
                && (l.Holder == null || l.Holder == holder || l.ExpiresAtUtc < nowUtc))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAtUtc, until), ct);
        return taken == 1;
    }

    /// <summary>
    /// Records that the job ran on <paramref name="day"/> and frees the lease (if <paramref name="holder"/> still holds it).
    /// </summary>
    public static Task<int> FinishAsync(OmbudDbContext db, string name, string holder, DateOnly day, CancellationToken ct = default) =>
        db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastRunOn, day).SetProperty(l => l.Holder, (string?)null), ct);

    /// <summary>Frees the lease without recording a run (the job failed): any instance may try again.</summary>
    public static Task<int> ReleaseAsync(OmbudDbContext db, string name, string holder, CancellationToken ct = default) =>
        db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null), ct);

    /// <summary>Adds the job's row on first use; the primary key lets only one of several instances add it.</summary>
    private static async Task EnsureExistsAsync(OmbudDbContext db, string name, CancellationToken ct)
    {
        if (await db.JobLeases.AnyAsync(l => l.Name == name, ct)) return;
        var row = new JobLease { Name = name, ExpiresAtUtc = DateTime.MinValue };
        db.JobLeases.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance added it at the same moment (unique key): fine, the UPDATE that follows decides.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }
}
