using Mono.Cecil;

namespace Ombud.Tests.Conventions;

/// <summary>
/// The layers' dependencies, checked on the compiled code (signatures, attributes and method bodies, including lambdas
/// and async state machines), not on using lines: <c>GlobalUsings.cs</c> makes every namespace visible everywhere.
/// Domain/ knows no EF Core, UI or feature; Data/ knows no feature.
/// </summary>
public class ArchitectureTests
{
    private static readonly ModuleDefinition Web = ModuleDefinition.ReadModule(typeof(OmbudDbContext).Assembly.Location);

    [Fact]
    public void Data_does_not_depend_on_features()
    {
        var found = References("Ombud.Web.Data", "Ombud.Web.Features");
        Assert.True(found.Count == 0, "Data/ uses Features/: " + string.Join("; ", found));
    }

    [Fact]
    public void Domain_depends_on_neither_ef_core_nor_features_nor_the_ui()
    {
        var found = References("Ombud.Web.Domain", "Microsoft.EntityFrameworkCore", "Ombud.Web.Features", "Ombud.Web.Data", "MudBlazor",
            "Microsoft.AspNetCore.Components");
        Assert.True(found.Count == 0, "Domain/ uses: " + string.Join("; ", found));
    }

    [Fact]
    public void The_check_sees_a_reference_inside_a_method_body()
    {
        // The rule must be able to fail: Features.Shared.EditConflicts calls into Data (Concurrency) and EF Core in its bodies.
        Assert.Contains(
            References("Ombud.Web.Features.Shared", "Microsoft.EntityFrameworkCore.ChangeTracking"),
            r => r.StartsWith("Ombud.Web.Features.Shared.EditConflicts"));
    }

    /// <summary>
    /// "Type → referenced type" for every type in <paramref name="layer"/> that uses a type in one of <paramref name="forbidden"/>.
    /// </summary>
    private static List<string> References(string layer, params string[] forbidden)
    {
        var found = new SortedSet<string>();
        foreach (var type in AllTypes(Web.Types).Where(t => InNamespace(OuterMost(t).Namespace, layer)))
            foreach (var used in Used(type).Where(r => r is not null))
            {
                var name = OuterMost(used.GetElementType()).Namespace;
                if (forbidden.Any(f => InNamespace(name, f))) found.Add($"{type.FullName} → {used.FullName}");
            }
        return [.. found];
    }

    private static bool InNamespace(string ns, string prefix) => ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal);

    private static TypeReference OuterMost(TypeReference t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    private static IEnumerable<TypeDefinition> AllTypes(IEnumerable<TypeDefinition> types) =>
        types.SelectMany(t => AllTypes(t.NestedTypes).Prepend(t));

    private static IEnumerable<TypeReference> Used(TypeDefinition type)
    {
        IEnumerable<TypeReference> Of(TypeReference? t)
        {
            if (t is null) yield break;
            yield return t;
            if (t is GenericInstanceType g) foreach (var a in g.GenericArguments.SelectMany(Of)) yield return a;
            if (t is TypeSpecification s && s.ElementType != t) foreach (var e in Of(s.ElementType)) yield return e;
        }
        IEnumerable<TypeReference> Attributes(ICustomAttributeProvider p) => p.CustomAttributes.SelectMany(a => Of(a.AttributeType));
        IEnumerable<TypeReference> Method(MethodReference m) =>
            Of(m.DeclaringType).Concat(Of(m.ReturnType)).Concat(m.Parameters.SelectMany(p => Of(p.ParameterType)))
                .Concat(m is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Of) : []);

        foreach (var t in Of(type.BaseType).Concat(type.Interfaces.SelectMany(i => Of(i.InterfaceType))).Concat(Attributes(type)))
            yield return t;
        foreach (var f in type.Fields) foreach (var t in Of(f.FieldType).Concat(Attributes(f))) yield return t;
        foreach (var p in type.Properties) foreach (var t in Of(p.PropertyType).Concat(Attributes(p))) yield return t;
        foreach (var m in type.Methods)
        {
            foreach (var t in Method(m).Concat(Attributes(m))) yield return t;
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) foreach (var t in Of(v.VariableType)) yield return t;
            foreach (var i in m.Body.Instructions)
            {
                var used = i.Operand switch
                {
                    TypeReference t => Of(t),
                    MethodReference r => Method(r),
                    FieldReference f => Of(f.DeclaringType).Concat(Of(f.FieldType)),
                    _ => [],
                };
                foreach (var t in used) yield return t;
            }
        }
    }
}
