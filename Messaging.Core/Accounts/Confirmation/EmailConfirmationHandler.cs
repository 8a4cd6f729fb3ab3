using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Messaging.Core.Accounts.Confirmation;

/// <summary>Uses a confirmation link, and sends a new one on request (the edge rate limits it; the answer never says whether the email is known).</summary>
public sealed class EmailConfirmationHandler(UserManager<User> users, EmailConfirmationPolicy policy, IAccountEmailQueue emails)
{
    /// <summary>True when the link confirmed the address (or it was confirmed already); false for a wrong, altered or expired link.</summary>
    public async Task<bool> ConfirmAsync(string? userId, string? token)
    {
        if (!Guid.TryParse(userId, out var id) || string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return false;
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return false;
        }

        if (user.EmailConfirmed)
        {
            return true;
        }

        try
        {
            return (await users.ConfirmEmailAsync(user, decoded)).Succeeded;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Queues a new link when the address belongs to an account that still has to confirm; otherwise does nothing, silently.</summary>
    public async Task ResendAsync(string? email)
    {
        var address = email?.Trim() ?? "";
        if (!policy.IsRequired || address.Length is 0 or > Common.Limits.MaxEmailLength)
        {
            return;
        }

        var user = await users.FindByEmailAsync(address);
        if (user is not null && policy.MustConfirm(user))
        {
            emails.SendConfirmation(user.Id);
        }
    }
}
