using FluentValidation;
using MudBlazor;
using Severity = MudBlazor.Severity;
using Ombud.Web.Domain;

namespace Ombud.Web.Features.Shared;

/// <summary>
/// Runs a handler call from a page and turns the outcome into Swedish feedback: a snackbar on success, the validation or
/// business-rule message on failure, a generic message (and a log entry without personal data) on anything unexpected.
/// </summary>
public sealed class UiFeedback(ISnackbar snackbar, ILogger<UiFeedback> log)
{
    public async Task<bool> RunAsync(Func<Task> action, string? success = null)
    {
        try
        {
            await action();
            if (success is not null) snackbar.Add(success, Severity.Success);
            return true;
        }
        catch (ValidationException ex)
        {
            snackbar.Add(string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct()), Severity.Warning);
        }
        catch (DomainException ex)
        {
            snackbar.Add(ex.Message, Severity.Warning);
        }
        catch (NotFoundOrForbiddenException ex)
        {
            snackbar.Add(ex.Message, Severity.Error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Unexpected error in a user action");
            snackbar.Add("Något gick fel och ingenting sparades. Försök igen, eller kontakta administratören om felet kvarstår.", Severity.Error);
        }
        return false;
    }

    public void Success(string message) => snackbar.Add(message, Severity.Success);

    public async Task<(bool Ok, T? Value)> RunAsync<T>(Func<Task<T>> action, string? success = null)
    {
        T? value = default;
        var ok = await RunAsync(async () => { value = await action(); }, success);
        return (ok, value);
    }
}
