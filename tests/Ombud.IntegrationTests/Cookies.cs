using System.Net;

namespace Ombud.IntegrationTests;

/// <summary>The sign-in cookie taken from a sign-in, and replayed on its own (as a copied cookie would be).</summary>
internal static class Cookies
{
    /// <summary>A GET with only this cookie: no redirects followed, no cookie jar.</summary>
    public static async Task<HttpResponseMessage> ReplayAsync(OmbudAppFactory app, string cookie, string path)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    public static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/konto/logga-in", response.Headers.Location!.PathAndQuery);
    }

    /// <summary>The "ombud.auth" cookie a successful sign-in sets ("name=value").</summary>
    public static string AuthCookie(HttpResponseMessage signIn)
    {
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ombud.auth=", StringComparison.Ordinal));
        return setCookie.Split(';')[0];
    }
}
