namespace Ombud.Web.Domain;

/// <summary>
/// An editable record with an optimistic-concurrency token. <see cref="Version"/> is managed by the application
/// (raised by one on every save of a changed row, see <c>OmbudDbContext.SaveChangesAsync</c>) and is a concurrency
/// token in the EF model, so the same mechanism works on SQLite and SQL Server: an UPDATE only succeeds when the row
/// still has the version the editor loaded.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}
