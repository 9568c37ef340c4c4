namespace Ombud.Web.Data.Seed;

/// <summary>
/// The default brukarundersökning: the questionnaire a PO unit used in 2019 (appendix 3 of the Södermalm report in
/// the domain material), entered as written. Installation-wide and read-only; a unit copies it to adapt it.
/// </summary>
public static class DefaultSurvey
{
    public const string Name = "Enkät om personligt ombud (Södermalm 2019)";

    private const string Other = "Annat, vad?";

    public static SurveyTemplate Create()
    {
        var number = 0;
        SurveyQuestion Q(SurveyQuestionKind kind, string text, params string[] options) => new()
        {
            Number = ++number,
            Kind = kind,
            Text = text,
            Options = options.Select(
                (o, i) => new SurveyOption { Number = i + 1, Text = o, AsksForText = o.StartsWith("Annat,") }).ToList(),
        };
        var gender = Q(SurveyQuestionKind.SingleChoice, "Jag definierar mig som:", "Kvinna", "Man", "Annat");
        gender.IsBreakdown = true;
        var age = Q(SurveyQuestionKind.SingleChoice, "Jag är:", "18-29 år", "30-49 år", "50-64 år", "65 år eller äldre");
        age.IsBreakdown = true;
        return new SurveyTemplate
        {
            Name = Name,
            Introduction = "Denna enkät har tagits fram som en del av ett uppdrag från Södermalms stadsdelsnämnd. Uppdragets syfte är "
                + "att analysera hur personligt ombud fungerar ur ett brukarperspektiv. Ditt deltagande är frivilligt och svaren "
                + "kommer att hållas helt anonyma. Du kan välja att hoppa över någon/några frågor.",
            Closing = "Tack för din medverkan, dina synpunkter är viktiga!",
            Questions =
            [
                gender,
                age,
                Q(SurveyQuestionKind.SingleChoice, "Hur fick du information om personligt ombud och hittade kontaktuppgifter till dem?",
                    "Genom min handläggare", "Genom en kompis", "Genom deras broschyr på förvaltningen", "På Stockholms stads hemsida",
                    "På en verksamhet där jag går (exempelvis sysselsättning)", Other),
                Q(
                    SurveyQuestionKind.MultipleChoice,
                    "Anledningen till att jag tog kontakt med personligt ombud var (flera svarsalternativ är möjliga)",
                    "Få stöd i kontakten med myndigheter", "Få stöd i kontakten med sjukvård (till exempel psykiatri)",
                    "Få stöd i att ansöka om hjälp från socialtjänsten (till exempel försörjningsstöd)", "Få stöd med struktur i vardagen",
                    "Få stöd med att ansöka om boendestöd", "Få stöd med att ansöka om god man", "Få stöd i frågor om bostad",
                    "Sysselsättning", "Ekonomi", "Bryta isolering", "Relationsfrågor", "Existentiella frågor", Other),
                Q(SurveyQuestionKind.MultipleChoice, "Vilka verksamheter eller myndigheter kom du i kontakt med via personligt ombud?",
                    "Socialtjänsten – försörjningsstöd", "Socialtjänsten – socialpsykiatri", "Socialtjänsten – LSS/funktionsnedsättning",
                    "Socialtjänsten – missbruksgrupp", "Arbetsförmedling", "Psykiatri", "Försäkringskassan", "Stadsmissionen", Other),
                Q(SurveyQuestionKind.SingleChoice, "Har du haft med ditt personliga ombud på något SIP-möte (samordnad individuell plan)?",
                    "Ja", "Nej", "Känner inte till vad SIP är"),
                Q(SurveyQuestionKind.MultipleChoice, "Jag har fått hjälp av mitt personliga ombud med att:",
                    "Förstå mina rättigheter i samhället", "Tillvarata mina rättigheter i samhället",
                    "Formulera mitt behov av vård, stöd och service", "Förstå vart jag kan vända mig för att få det stöd jag behöver",
                    "Ansöka om bistånd", "Vara förberedd inför möten med myndigheter/sjukvård", "Hen följt med mig på möten som stöd",
                    "Få tillgång till den sjukvård jag behöver från samhället", "Bli mer självständig i att ta de kontakter jag behöver",
                    "Bli mer självständig i att söka det stöd jag behöver", "Förstå myndighetsbeslut", "Överklaga myndighetsbeslut", Other),
                Q(SurveyQuestionKind.MultipleChoice, "Genom mitt personliga ombud har jag fått:",
                    "Bättre möjligheter att påverka min livssituation", "Bättre möjlighet att bli delaktig i samhället",
                    "Mer kontroll över min egen vardag", "Mer makt över min egen vardag", "En förbättrad livssituation", Other),
                Q(SurveyQuestionKind.SingleChoice, "Hur länge har du haft kontakt med personligt ombud?",
                    "Har nyligen träffat honom/henne", "1-3 månader", "3-6 månader", "Längre än 6 månader", "Längre än ett år",
                    "Annat, hur länge?"),
                Q(SurveyQuestionKind.FreeText, "Övriga kommentarer/synpunkter?"),
            ],
        };
    }
}
