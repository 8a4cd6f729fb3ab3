using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

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
        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section);
        // Data Protection takes the loaded certificate while services are registered, so this is the one place that
        // reads the section then; a missing or unreadable file stops start-up here, with the key's name.
        var settings = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new();
        if (!settings.IsProtected)
        {
            return services;
        }

        // Lives as long as the process: every key written or read later needs it.
#pragma warning disable CA2000
        var certificate = Load(settings.CertificatePath!, settings.CertificatePassword);
#pragma warning restore CA2000
        services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        return services;
    }

    /// <summary>Outside Development, a key ring in clear is worth a warning at every start.</summary>
    public static void WarnWhenUnprotected(WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<KeyRingOptions>>().Value.IsProtected && !app.Environment.IsDevelopment())
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

/// <summary>The <c>Messaging:DataProtection</c> section: the certificate that encrypts the key ring at rest.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "Messaging:DataProtection";

    /// <summary>A PKCS#12 file with a private key; empty: the key ring is stored in clear.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public bool IsProtected => !string.IsNullOrWhiteSpace(CertificatePath);
}
