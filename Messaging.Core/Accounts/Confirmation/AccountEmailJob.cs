using System.Text;
using Messaging.Core.Notifications;
using Messaging.Core.Notifications.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Accounts.Confirmation;

/// <summary>Composes and sends the account emails in the person's language; the token is made when the email is sent.</summary>
public sealed class AccountEmailJob(
    UserManager<User> users,
    IEmailSender sender,
    EmailConfirmationPolicy policy,
    IOptions<NotificationOptions> notifications)
{
    /// <summary>The page a confirmation link opens; its path contains "confirm" (API.md).</summary>
    public const string ConfirmPath = "/account/confirm-email";

    public async Task SendConfirmationAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !policy.MustConfirm(user))
        {
            return;
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = ConfirmationLink(notifications.Value.PublicUrl, user.Id, token);
        await sender.SendAsync(AccountEmails.Confirmation(user, link), cancellationToken);
    }

    public async Task SendAlreadyRegisteredAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || string.IsNullOrEmpty(user.Email))
        {
            return;
        }

        var baseUrl = notifications.Value.PublicUrl.TrimEnd('/');
        await sender.SendAsync(AccountEmails.AlreadyRegistered(user, $"{baseUrl}/account/login"), cancellationToken);
    }

    public static string ConfirmationLink(string publicUrl, Guid userId, string token) =>
        $"{publicUrl.TrimEnd('/')}{ConfirmPath}?user={userId:D}&token={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";
}
