using System.Reflection;
using FluentValidation;

namespace Ombud.Tests.Conventions;

/// <summary>
/// No form takes control or text-direction characters in any text field: every command with a validator in the app's
/// registrations, each of its text properties in turn set to a name with a right-to-left override, gets the message
/// on that field (the MudForm and the handler both use these validators).
/// </summary>
public sealed class SafeTextTests : IAsyncLifetime
{
    private TestDb _t = default!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync();
        _t.User = TestDb.Admin((await _t.AddUnitAsync("Testenheten", "Exempelby")).Id);
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private static IEnumerable<Type> CommandsWithValidators() =>
        typeof(Ombud.Web.Features.FeatureRegistration).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.BaseType is { IsGenericType: true } b
                        && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            .Select(t => t.BaseType!.GetGenericArguments()[0])
            .Where(c => c.GetConstructor(Type.EmptyTypes) is not null)
            .Distinct();

    [Theory]
    [InlineData("Sara\u202Egnol")]
    [InlineData("Kod\u2066X\u2069")]
    [InlineData("Rad ett\u0000")]
    public async Task Every_text_field_of_every_form_refuses_hidden_control_characters(string hostile)
    {
        var checkedFields = 0;
        var failures = new List<string>();
        foreach (var command in CommandsWithValidators())
        {
            var validator = (IValidator)_t
                .GetType()
                .GetMethod(nameof(TestDb.Get))!
                .MakeGenericMethod(typeof(IValidator<>).MakeGenericType(command))
                .Invoke(_t, null)!;
            foreach (var p in command.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(string) && p.CanWrite))
            {
                var instance = Activator.CreateInstance(command)!;
                p.SetValue(instance, hostile);
                var result = await validator.ValidateAsync(new ValidationContext<object>(instance));
                checkedFields++;
                if (!result.Errors.Any(e => e.PropertyName == p.Name && e.ErrorMessage == Ombud.Web.Features.Shared.SafeText.Message))
                    failures.Add($"{command.DeclaringType?.Name}.{command.Name}.{p.Name}");
            }
        }
        Assert.True(checkedFields > 20, $"only {checkedFields} text fields found");
        Assert.True(failures.Count == 0, "Accepted hidden control characters: " + string.Join(", ", failures));
    }

    [Theory]
    [InlineData("Rad ett\nRad två\tmed tabb")]
    [InlineData("Linnéa Åström-Ölund")]
    public void Line_breaks_tabs_and_letters_are_fine(string text) => Assert.True(Ombud.Web.Features.Shared.SafeText.IsSafe(text));
}
