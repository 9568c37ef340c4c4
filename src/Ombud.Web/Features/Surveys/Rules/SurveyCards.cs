using QRCoder;

namespace Ombud.Web.Features.Surveys;

/// <summary>The printed answer cards: the public page's address with the code, as text and as a QR code (inline SVG).</summary>
public static class SurveyCards
{
    public static string Link(string baseUri, string code) =>
        $"{baseUri.TrimEnd('/')}{WebSecurity.SurveyPath}?kod={SurveyCodes.Format(code)}";

    public static string QrSvg(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
