using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Ombud.Web.Infrastructure;

/// <summary>
/// Swedish texts for MudBlazor's own labels (close buttons, pagers, date pickers, "clear"), which screen readers read out,
/// and what a field says when its text cannot be converted ("Not a valid number" and the like).
/// MudBlazor asks this localizer because the UI culture is sv-SE; a key missing here falls back to its English text.
/// </summary>
public sealed class SwedishMudLocalizer : MudLocalizer
{
    internal static readonly IReadOnlyDictionary<string, string> Texts = new Dictionary<string, string>
    {
        // what a field says when the text typed into it cannot be read as its type (a date that does not exist, "abc" as a number)
        ["Converter_ConversionError"] = "Värdet kan inte tolkas: {0}",
        ["Converter_ConversionFailed"] = "Värdet kan inte tolkas ({0} till {1}): {2}",
        ["Converter_ConversionNotImplemented"] = "Värdet kan inte tolkas som {0}.",
        ["Converter_InvalidBoolean"] = "Välj ja eller nej.",
        ["Converter_InvalidDateTime"] = "Inget giltigt datum. Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.",
        ["Converter_InvalidGUID"] = "Inget giltigt id.",
        ["Converter_InvalidNumber"] = "Inget giltigt tal. Skriv talet med siffror.",
        ["Converter_InvalidTimeSpan"] = "Ingen giltig tid. Skriv tiden som TT:MM.",
        ["Converter_InvalidType"] = "Inget giltigt värde ({0}).",
        ["Converter_NotValueOf"] = "Inget av de möjliga värdena ({0}).",
        ["Converter_UnableToConvert"] = "Värdet kan inte tolkas som {0} (från {1}).",
        ["MudAlert_Close"] = "Stäng",
        ["MudBaseDatePicker_NextMonth"] = "Nästa månad",
        ["MudBaseDatePicker_NextYear"] = "Nästa år",
        ["MudBaseDatePicker_Open"] = "Öppna datumväljaren",
        ["MudBaseDatePicker_PrevMonth"] = "Föregående månad",
        ["MudBaseDatePicker_PrevYear"] = "Föregående år",
        ["MudBreadcrumbs_Label"] = "Brödsmulor",
        ["MudChip_Close"] = "Ta bort",
        ["MudDateRangePicker_End"] = "Slutdatum",
        ["MudDateRangePicker_Start"] = "Startdatum",
        ["MudDialog_Close"] = "Stäng dialogen",
        ["MudExitPrompt_Cancel"] = "Stanna kvar",
        ["MudExitPrompt_Exit"] = "Lämna sidan",
        ["MudExitPrompt_Text"] = "Det du har ändrat är inte sparat.",
        ["MudExitPrompt_Title"] = "Lämna sidan?",
        ["MudFileUpload_Button"] = "Välj fil",
        ["MudFileUpload_DragAndDrop"] = "Dra och släpp filer här",
        ["MudFormComponent_Required"] = "Fältet måste fyllas i.",
        ["MudInput_Clear"] = "Töm fältet",
        ["MudInput_Decrement"] = "Minska",
        ["MudInput_Increment"] = "Öka",
        ["MudNavGroup_ToggleExpand"] = "Visa eller dölj {0}",
        ["MudPagination_CurrentPage"] = "Sida {0}, aktuell sida",
        ["MudPagination_FirstPage"] = "Första sidan",
        ["MudPagination_LastPage"] = "Sista sidan",
        ["MudPagination_NextPage"] = "Nästa sida",
        ["MudPagination_PageIndex"] = "Sida {0}",
        ["MudPagination_PreviousPage"] = "Föregående sida",
        ["MudRangeInput_End"] = "Slut",
        ["MudRangeInput_Start"] = "Start",
        ["MudSelect_SelectAll"] = "Välj alla",
        ["MudSnackbar_Close"] = "Stäng meddelandet",
        ["MudTablePager_FirstPage"] = "Första sidan",
        ["MudTablePager_LastPage"] = "Sista sidan",
        ["MudTablePager_NextPage"] = "Nästa sida",
        ["MudTablePager_PreviousPage"] = "Föregående sida",
        ["MudTable_CancelEditRow"] = "Avbryt",
        ["MudTable_CollapseGroup"] = "Fäll ihop gruppen",
        ["MudTable_CommitRow"] = "Spara raden",
        ["MudTable_EditRow"] = "Ändra raden",
        ["MudTable_ExpandGroup"] = "Fäll ut gruppen",
        ["MudTable_Loading"] = "Laddar…",
        ["MudTable_SelectAllRows"] = "Markera alla rader",
        ["MudTable_SelectGroup"] = "Markera gruppen",
        ["MudTable_SelectRow"] = "Markera raden",
        ["MudTimePicker_Open"] = "Öppna tidsväljaren",
    };

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : new LocalizedString(key, key, resourceNotFound: true);

    public override LocalizedString this[string key, params object[] arguments] =>
        Texts.TryGetValue(key, out var text)
            ? new LocalizedString(key, string.Format(System.Globalization.CultureInfo.CurrentCulture, text, arguments))
            : new LocalizedString(key, key, resourceNotFound: true);
}
