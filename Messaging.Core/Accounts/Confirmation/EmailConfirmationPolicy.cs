using Messaging.Core.Notifications.Email;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Accounts.Confirmation;

/// <summary>
/// Whether this installation asks new accounts to confirm their email, and whether a given account still has to.
/// Verified accounts never have to: an administrator has already vouched for them (and accounts verified before
/// confirmation existed keep signing in).
/// </summary>
public sealed class EmailConfirmationPolicy(IOptions<AccountOptions> options, IEmailSender email)
{
    public bool IsRequired => email.IsEnabled && (options.Value.RequireEmailConfirmation ?? true);

    public bool MustConfirm(User user) => IsRequired && !user.EmailConfirmed && !user.IsVerified;
}
