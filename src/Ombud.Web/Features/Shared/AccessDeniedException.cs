namespace Ombud.Web.Features.Shared;

/// <summary>
/// The record does not exist or belongs to someone else. Shown to the user as "not found" so it does not reveal
/// whether the record exists; the attempt is audited by the handler that throws it.
/// </summary>
public sealed class NotFoundOrForbiddenException() : Exception("Posten finns inte eller så saknar du behörighet.");
