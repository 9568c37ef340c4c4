using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Ombud.IntegrationTests;

/// <summary>HTML from the app read with a real HTML parser (AngleSharp), never with regular expressions.</summary>
public static class Html
{
    public static Task<IHtmlDocument> ParseAsync(string html) => new HtmlParser().ParseDocumentAsync(html);
}
