using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Messaging.Core.Notifications.Email;

/// <summary>Signed (and encrypted) one-click unsubscribe tokens for digest emails (RFC 8058), through the shared key ring.</summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("Messaging.Notifications.EmailUnsubscribe.v1");

    public string Create(Guid userId) => protector.Protect(userId.ToString("N", CultureInfo.InvariantCulture));

    public Guid? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1024)
        {
            return null;
        }

        try
        {
            return Guid.TryParseExact(protector.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
