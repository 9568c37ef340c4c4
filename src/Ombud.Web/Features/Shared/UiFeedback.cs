using Microsoft.AspNetCore.Components;
using MudBlazor;
using Severity = MudBlazor.Severity;

namespace Ombud.Web.Features.Shared;

/// <summary>
/// Runs a handler call from a page and turns the outcome into Swedish feedback: a snackbar on success, the validation or
/// business-rule message on failure, "Databasen är upptagen" when someone else's write held the database too long, a
/// generic message (and a log entry without personal data) on anything unexpected.
/// Every message is shown, also when the same text is still on screen (MudBlazor drops such duplicates by default): a
/// second save a few seconds after the first gets its own "sparat".
/// </summary>
public sealed class UiFeedback(
    ISnackbar snackbar, ILogger<UiFeedback> log, IDialogService dialogs, NavigationManager nav, IServiceProvider services)
{
    /// <summary>Shown when the database stayed busy past its timeout (<see cref="DatabaseBusy"/>).</summary>
    public const string BusyMessage = "Databasen är upptagen just nu. Försök igen om en stund.";

    public async Task<bool> RunAsync(Func<Task> action, string? success = null)
    {
        try
        {
            await action();
            if (success is not null) Show(success, Severity.Success);
            return true;
        }
        catch (ConcurrencyConflictException ex)
        {
            // Someone else saved first: nothing was saved. Reload shows their version; overwrite saves ours over it.
            var choice = await AskAboutConflictAsync(ex.Message, canOverwrite: ex.Command is not null);
            if (choice == true) await ReloadAsync();
            else if (choice == false)
            {
                ex.Command!.OverwriteFrom(ex.CurrentVersion);
                return await RunAsync(action, success);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            if (await AskAboutConflictAsync(
                "Någon annan sparade samma uppgifter samtidigt som du, och ingenting sparades.",
                canOverwrite: false) == true)
                await ReloadAsync();
        }
        catch (ValidationException ex)
        {
            Show(string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct()), Severity.Warning);
        }
        catch (DomainException ex)
        {
            Show(ex.Message, Severity.Warning);
        }
        catch (NotFoundOrForbiddenException ex)
        {
            Show(ex.Message, Severity.Error);
        }
        catch (Exception ex) when (DatabaseBusy.Is(ex))
        {
            // Someone else's long write held the database past the wait (e.g. an import on SQLite): nothing was saved,
            // and trying again in a moment works. The circuit stays up; the form keeps what the user typed.
            log.LogWarning("A user action met a busy database and was not saved ({Error})", ex.GetBaseException().GetType().Name);
            Show(BusyMessage, Severity.Warning);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Unexpected error in a user action");
            Show("Något gick fel och ingenting sparades. Försök igen, eller kontakta administratören om felet kvarstår.", Severity.Error);
        }
        return false;
    }

    /// <summary>Shows what is saved now: open drafts are dropped first, or they would bring the user's values back.</summary>
    private async Task ReloadAsync()
    {
        if (services.GetService<Drafts>() is { } drafts) await drafts.DiscardAllAndReloadAsync();
        else nav.Refresh(forceReload: true);
    }

    /// <summary>true = reload, false = overwrite, null = go back to the form.</summary>
    private async Task<bool?> AskAboutConflictAsync(string message, bool canOverwrite) =>
        await dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = "Uppgifterna har ändrats",
            Message = message + (canOverwrite
                ? " Ladda om för att se det som är sparat nu (det du har skrivit sparas inte), eller skriv över med dina uppgifter."
                : " Ladda om och gör ändringen igen."),
            YesText = "Ladda om",
            NoText = canOverwrite ? "Skriv över" : null,
            CancelText = "Tillbaka till formuläret",
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });

    public void Success(string message) => Show(message, Severity.Success);

    private void Show(string message, Severity severity) =>
        snackbar.Add(message, severity, o => o.DuplicatesBehavior = SnackbarDuplicatesBehavior.Allow);

    public async Task<(bool Ok, T? Value)> RunAsync<T>(Func<Task<T>> action, string? success = null)
    {
        T? value = default;
        var ok = await RunAsync(async () => { value = await action(); }, success);
        return (ok, value);
    }
}
