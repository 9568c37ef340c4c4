using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Ombud.Web.Infrastructure;

/// <summary>
/// ASP.NET Core data-protection keys (they protect the sign-in cookie and antiforgery tokens): kept in the application
/// database so every instance and every restart accepts the same cookie, under one application name for all instances,
/// and encrypted at rest with a certificate when <see cref="CertificatePathKey"/> names one (a PKCS#12 file with its
/// private key; password in <see cref="CertificatePasswordKey"/>). Without one the key XML is stored in clear: anyone
/// who reads the database could forge sign-in cookies, so outside Development a warning is logged at start.
/// </summary>
public static class DataProtectionSetup
{
    public const string ApplicationName = "Ombud";
    public const string CertificatePathKey = "Ombud:DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "Ombud:DataProtection:CertificatePassword";

    public static IServiceCollection AddOmbudDataProtection(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var dp = services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<OmbudDbContext>();
        if (config[CertificatePathKey] is { Length: > 0 } path)
            dp.ProtectKeysWithCertificate(LoadCertificate(Path.Combine(contentRoot, path),
            config[CertificatePasswordKey]));
        return services;
    }

    /// <summary>Logs a warning at start outside Development when the keys are not encrypted at rest.</summary>
    public static void WarnIfKeysUnprotected(WebApplication app)
    {
        if (app.Environment.IsDevelopment() || app.Configuration[CertificatePathKey] is { Length: > 0 }) return;
        app.Logger.LogWarning("Data-protection keys are stored unencrypted in the database: set {Setting} (and its password) to a " +
            "certificate so that a copy of the database cannot be used to forge sign-in cookies (docs/security.md)", CertificatePathKey);
    }

    private static X509Certificate2 LoadCertificate(string file, string? password)
    {
        if (!File.Exists(file))
            throw new InvalidOperationException($"Certifikatet för nycklarna ({CertificatePathKey}) finns inte: {file}");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(file, password);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"Certifikatet för nycklarna ({CertificatePathKey}) saknar privat nyckel: {file}");
        return certificate;
    }
}
