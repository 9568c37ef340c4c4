using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ombud.Web.Features.Shared;

/// <summary>A command that edits an existing record under optimistic concurrency (see <see cref="Data.Concurrency"/>).</summary>
public interface IVersionedCommand
{
    /// <summary>The record's version when the form loaded it; null for a new record (no check).</summary>
    long? Version { get; set; }

    /// <summary>Accepts the newer version: the next save overwrites whatever the other user saved.</summary>
    void OverwriteFrom(long currentVersion);
}

/// <summary>Base class of edit commands: carries the loaded version and a copy of the loaded values.</summary>
public abstract class EditCommand<TSelf> : IVersionedCommand where TSelf : EditCommand<TSelf>
{
    public long? Version { get; set; }

    /// <summary>A copy of the command as the form first showed it (before the user's edits); used to name what someone else changed.</summary>
    [JsonIgnore]
    public TSelf? Loaded { get; private set; }

    /// <summary>Call when the form opens with an existing record's values. Returns this command.</summary>
    public TSelf RememberLoaded()
    {
        if (Version is not null && Loaded is null) Loaded = Copy();
        return (TSelf)this;
    }

    /// <summary>A deep copy (JSON round trip; commands are plain data).</summary>
    public TSelf Copy() => JsonSerializer.Deserialize<TSelf>(JsonSerializer.Serialize((TSelf)this))!;

    public void OverwriteFrom(long currentVersion)
    {
        Version = currentVersion;
        Loaded = null;
    }
}

/// <summary>
/// Someone else saved the record after this form loaded it. Nothing was saved. The message names the fields that
/// changed; the user can reload, or overwrite (<see cref="IVersionedCommand.OverwriteFrom"/> then save again).
/// </summary>
public sealed class ConcurrencyConflictException(IVersionedCommand? command, long currentVersion, IReadOnlyList<string> changedFields)
    : Exception(MessageFor(changedFields))
{
    public IVersionedCommand? Command { get; } = command;
    public long CurrentVersion { get; } = currentVersion;
    public IReadOnlyList<string> ChangedFields { get; } = changedFields;

    public static string MessageFor(IReadOnlyList<string> fields) => fields.Count switch
    {
        0 => "Någon annan har ändrat uppgifterna sedan du öppnade formuläret.",
        1 => $"Någon annan har ändrat {fields[0]} sedan du öppnade formuläret.",
        _ => $"Någon annan har ändrat {string.Join(", ", fields.Take(fields.Count - 1))} och {fields[^1]} sedan du öppnade formuläret.",
    };
}

/// <summary>Swedish field names for conflict messages, by entity and property ("Type.Property", else "Property").</summary>
public static class FieldNames
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["Name"] = "Namn",
        ["PersonalNumber"] = "Personnummer",
        ["Gender"] = "Kön",
        ["BirthYear"] = "Födelseår",
        ["MunicipalityId"] = "Kommun",
        ["ChildrenAtHome"] = "Barn hemma",
        ["Status"] = "Status",
        ["StartDate"] = "Startdatum",
        ["PausedOn"] = "Vilande från",
        ["ClosedOn"] = "Avslutsdatum",
        ["ClosureReasonId"] = "Avslutsorsak",
        ["ReferralPathId"] = "Väg in",
        ["ContactReasons"] = "Kontaktorsaker",
        ["LifeAreaId"] = "Livsområde",
        ["ClientWords"] = "Behovet med klientens egna ord",
        ["IdentifiedOn"] = "Identifierat",
        ["ActorId"] = "Aktör",
        ["Date"] = "Datum",
        ["Channel"] = "Kanal",
        ["HelpKinds"] = "Typ av hjälp",
        ["NeedId"] = "Behov",
        ["Outcome"] = "Utfall",
        ["FollowUpOn"] = "Uppföljning",
        ["GivenOn"] = "Givet",
        ["Form"] = "Form",
        ["ValidUntil"] = "Gäller till",
        ["WithdrawnOn"] = "Återkallat",
        ["CategoryId"] = "Kategori",
        ["Level"] = "Nivå",
        ["Actors"] = "Aktörer",
        ["Description"] = "Beskrivning",
        ["Consequence"] = "Konsekvens",
        ["ClientsAffected"] = "Antal berörda klienter",
        ["Needs"] = "Kopplade behov",
        ["Time"] = "Tid",
        ["IsVideo"] = "Videomöte",
        ["Place"] = "Plats",
        ["CalledById"] = "Sammankallande",
        ["LeadActorId"] = "Huvudansvarig",
        ["ClientAttends"] = "Klienten deltar",
        ["Relatives"] = "Närstående",
        ["ClientGoals"] = "Klientens mål",
        ["ConsentConfirmed"] = "Samtycke bekräftat",
        ["RequestedByOmbud"] = "Begärd av ombudet",
        ["PlanReference"] = "Var planen finns",
        ["PreparedClient"] = "Förberett klienten",
        ["OmbudAttended"] = "Ombudet deltog",
        ["ExplainedOutcome"] = "Förklarat resultatet",
        ["Participants"] = "Deltagare",
        ["Measures"] = "Åtgärder",
        ["Organisation"] = "Organisation",
        ["PersonName"] = "Namn",
        ["Role"] = "Roll",
        ["From"] = "Från",
        ["To"] = "Till",
        ["Decisions"] = "Beslut",
        ["SortOrder"] = "Ordning",
        ["ValidFrom"] = "Gäller från",
        ["ValidTo"] = "Gäller till",
        ["ActorTypeId"] = "Aktörstyp",
        ["IsActive"] = "Aktiv",
        ["SystemFault.Date"] = "Datum",
        ["Actor.Name"] = "Namn",
        ["Category.Name"] = "Namn",
        ["SteeringGroupMeeting.Date"] = "Mötesdatum",
    };

    /// <summary>The Swedish name of a field, or null for internal fields (ids, versions, derived values) that users never edit.</summary>
    public static string? Find(string type, string property) =>
        Names.TryGetValue($"{type}.{property}", out var n) ? n : Names.GetValueOrDefault(property);
}
