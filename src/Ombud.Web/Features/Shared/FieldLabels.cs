using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Reflection;

namespace Ombud.Web.Features.Shared;

/// <summary>
/// One source for a field's Swedish name: <c>[Display(Name = "…")]</c> on the command's property. Forms use it as the
/// field's label (<c>Label="@FieldLabels.For(() => Command.ClientWords)"</c>), validators as {PropertyName}
/// (<see cref="DisplayNameResolver"/>), and edit conflicts to name what someone else changed (<see cref="ShortOf"/>).
/// </summary>
public static class FieldLabels
{
    /// <summary>The label as the form shows it, e.g. "Utfall (kort)"; the property's name when it has none.</summary>
    public static string Of(MemberInfo member) => DisplayOf(member)?.GetName() ?? member.Name;

    /// <summary>The label of <paramref name="field"/>, e.g. <c>FieldLabels.For(() => Command.Outcome)</c>.</summary>
    public static string For<T>(Expression<Func<T>> field) => Of(MemberOf(field));

    /// <summary>
    /// The name in running text, e.g. in "Någon annan har ändrat Utfall": <c>ShortName</c>, else the label without a hint
    /// in brackets ("Utfall (kort)" → "Utfall", "Giltigt till (valfritt)" → "Giltigt till").
    /// </summary>
    public static string ShortOf(MemberInfo member)
    {
        var display = DisplayOf(member);
        if (display?.GetShortName() is { } s && s != display.GetName()) return s;
        var label = Of(member);
        var bracket = label.IndexOf(" (", StringComparison.Ordinal);
        return bracket > 0 && label.EndsWith(')') ? label[..bracket] : label;
    }

    /// <summary>For <c>ValidatorOptions.Global.DisplayNameResolver</c>: a rule's {PropertyName} is the field's label.</summary>
    public static string? DisplayNameResolver(Type type, MemberInfo? member, LambdaExpression? expression) =>
        member is not null && DisplayOf(member) is not null ? ShortOf(member) : null;

    /// <summary>The property's <c>[Display]</c>, or that of the same property on an interface it implements (shared fields).</summary>
    private static DisplayAttribute? DisplayOf(MemberInfo member) =>
        member.GetCustomAttribute<DisplayAttribute>()
        ?? member.DeclaringType?.GetInterfaces()
            .Select(i => i.GetProperty(member.Name)?.GetCustomAttribute<DisplayAttribute>())
            .FirstOrDefault(d => d is not null);

    public static MemberInfo MemberOf(LambdaExpression field) => field.Body switch
    {
        MemberExpression m => m.Member,
        UnaryExpression { Operand: MemberExpression m } => m.Member,
        _ => throw new ArgumentException($"Expected a property, got {field}.", nameof(field)),
    };
}
