namespace Ombud.Web.Domain;

/// <summary>A broken business rule. The message is Swedish and safe to show to the user (it never holds personal data).</summary>
public sealed class DomainException(string message) : Exception(message);
