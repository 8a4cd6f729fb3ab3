using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Messaging.Web.Hosting;

/// <summary>
/// The Data Protection key ring at rest (docs/security.md, "The key ring at rest"): encrypted with the operator's certificate
/// when <c>Messaging:DataProtection:CertificatePath</c> is set; otherwise the keys lie in clear and start-up says so
/// outside Development.
/// </summary>
internal static partial class KeyRingProtection
{
    public const string CertificatePathKey = "Messaging:DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "Messaging:DataProtection:CertificatePassword";

    public static IServiceCollection AddKeyRingProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var path = configuration[CertificatePathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return services;
        }

        // Lives as long as the process: every key written or read later needs it.
#pragma warning disable CA2000
        var certificate = Load(path, configuration[CertificatePasswordKey]);
#pragma warning restore CA2000
        services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        return services;
    }

    /// <summary>Outside Development, a key ring in clear is worth a warning at every start.</summary>
    public static void WarnWhenUnprotected(WebApplication app)
    {
        if (string.IsNullOrWhiteSpace(app.Configuration[CertificatePathKey]) && !app.Environment.IsDevelopment())
        {
            LogUnprotected(app.Logger);
        }
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificatePathKey} names {path}, which does not exist.");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new InvalidOperationException($"The certificate at {CertificatePathKey} has no private key: keys written with it could never be read.");
            }

            return certificate;
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"The certificate at {CertificatePathKey} could not be read (wrong {CertificatePasswordKey}, or not a PKCS#12 file).", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "The Data Protection key ring is stored unencrypted (no Messaging:DataProtection:CertificatePath). Anyone who reads it can "
        + "forge sign-ins and open encrypted conversations; configure a certificate (docs/security.md).")]
    private static partial void LogUnprotected(ILogger logger);
}
