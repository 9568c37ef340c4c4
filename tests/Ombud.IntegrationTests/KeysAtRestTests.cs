using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Ombud.Web.Data.Seed;

namespace Ombud.IntegrationTests;

/// <summary>
/// The data-protection keys (they protect every sign-in cookie) are encrypted at rest with the configured certificate,
/// and an instance started outside Development without one says so in its log.
/// </summary>
public sealed class KeysAtRestTests : IDisposable
{
    private const string CertificatePassword = "Nyckel-cert-2026";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ombud-cert-");
    private string CertificateFile => Path.Combine(_dir.FullName, "keys.pfx");

    public KeysAtRestTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Ombud data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(CertificateFile, certificate.Export(X509ContentType.Pfx, CertificatePassword));
    }

    private Dictionary<string, string> WithCertificate() => new()
    {
        [DataProtectionSetup.CertificatePathKey] = CertificateFile,
        [DataProtectionSetup.CertificatePasswordKey] = CertificatePassword,
    };

    [Fact]
    public async Task With_a_certificate_the_stored_keys_hold_no_plain_master_key_and_sign_in_still_works()
    {
        await using var a = new OmbudAppFactory { ExtraSettings = WithCertificate() };
        using var browser = a.CreateBrowserLikeClient();
        var signIn = await OmbudAppFactory.SignInAsync(browser, "ombud", DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/klienter")).StatusCode);

        await using (var scope = a.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync())
        {
            var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.DoesNotContain("<masterKey", xml);
                Assert.Contains("encryptedSecret", xml);
                Assert.Contains("EncryptedData", xml);
            });
        }

        // Another instance with the same certificate decrypts the stored key and accepts the cookie.
        await using var b = new OmbudAppFactory { SameDatabaseAs = a, ExtraSettings = WithCertificate() };
        var cookie = signIn.Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith("ombud.auth=", StringComparison.Ordinal))
            .Split(';')[0];
        using var replay = b.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/klienter");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await replay.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_stored_in_clear()
    {
        // The control for the test above: what it rules out is what happens by default.
        await using var app = new OmbudAppFactory();
        using var browser = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(browser, "ombud", DemoData.Password);
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();
        Assert.Contains("<masterKey", (await db.DataProtectionKeys.FirstAsync()).Xml);
    }

    [Fact]
    public void Outside_development_a_start_without_a_certificate_is_warned_about_and_with_one_it_is_not()
    {
        using (var without = new OmbudAppFactory())
        using (var production = without.WithWebHostBuilder(b => b.UseEnvironment("Production")))
        {
            _ = production.Services;
            Assert.Contains(Warnings(without), m => m.StartsWith("Data-protection keys are stored unencrypted", StringComparison.Ordinal));
        }
        using (var with = new OmbudAppFactory { ExtraSettings = WithCertificate() })
        using (var production = with.WithWebHostBuilder(b => b.UseEnvironment("Production")))
        {
            _ = production.Services;
            Assert.DoesNotContain(Warnings(with), m => m.StartsWith("Data-protection keys", StringComparison.Ordinal));
        }
        using var development = new OmbudAppFactory();
        _ = development.Services;
        Assert.DoesNotContain(Warnings(development), m => m.StartsWith("Data-protection keys", StringComparison.Ordinal));
    }

    private static List<string> Warnings(OmbudAppFactory app) =>
        Directory.GetFiles(app.LogFolder).SelectMany(f =>
            {
                using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return new StreamReader(s).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            })
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("@l", out var level) && level.GetString() == "Warning")
            .Select(e => e.GetProperty("@mt").GetString()!)
            .ToList();

    public void Dispose() => _dir.Delete(recursive: true);
}
