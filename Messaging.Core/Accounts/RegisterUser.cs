using System.Net.Mail;
using Messaging.Core.Accounts.Confirmation;
using Messaging.Core.Common;
using Messaging.Core.Notifications.Email;
using Microsoft.AspNetCore.Identity;

namespace Messaging.Core.Accounts;

public sealed record RegisterUser(string? Email, string? Password, string? Name, string? Language);

/// <summary>
/// What registration answers, the same whether the email was new or already registered (then the id is a fresh one that
/// names nobody). <see cref="ConfirmationRequired"/>: the person is asked to open the link sent to their address.
/// </summary>
public sealed record Registration(Guid UserId, string Email, string Name, VerificationStatus VerificationStatus, bool ConfirmationRequired);

/// <summary>
/// Creates an account in <see cref="VerificationStatus.Pending"/>; an administrator verifies it later. With email confirmation
/// on, the account first confirms its address. Registering an address that already has an account changes nothing, answers
/// exactly like a new registration and, with email configured, tells the owner by email instead (docs/security.md).
/// </summary>
public sealed class RegisterUserHandler(
    UserManager<User> users,
    TimeProvider time,
    EmailConfirmationPolicy confirmation,
    IEmailSender email,
    IAccountEmailQueue emails)
{
    public async Task<Registration> HandleAsync(RegisterUser command, CancellationToken cancellationToken = default)
    {
        var address = command.Email?.Trim() ?? "";
        if (address.Length is 0 or > Limits.MaxEmailLength || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "email");
        }

        var name = ProfileRules.ValidateName(command.Name);
        var language = ProfileRules.ValidateLanguage(command.Language ?? Languages.English);

        if (string.IsNullOrEmpty(command.Password) || command.Password.Length > Limits.MaxPasswordLength)
        {
            throw new MessagingException(ErrorCode.WeakPassword, "password");
        }

        // Every refusal that does not depend on the email comes first: after this point both paths answer alike.
        var candidate = new User { UserName = address, Email = address };
        foreach (var validator in users.PasswordValidators)
        {
            if (!(await validator.ValidateAsync(users, candidate, command.Password)).Succeeded)
            {
                throw new MessagingException(ErrorCode.WeakPassword, "password");
            }
        }

        var answer = new Registration(Guid.CreateVersion7(), address, name, VerificationStatus.Pending, confirmation.IsRequired);
        if (await users.FindByEmailAsync(address) is { } owner)
        {
            // As long as creating an account takes (hashing is most of it), and one queued email like a new account's.
            _ = users.PasswordHasher.HashPassword(candidate, command.Password);
            TellOwner(owner);
            return answer;
        }

        var user = new User
        {
            Id = answer.UserId,
            UserName = address,
            Email = address,
            Language = language,
            CreatedAt = time.UtcNow(),
        };
        user.SetName(name);
        var result = await users.CreateAsync(user, command.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)))
            {
                throw new MessagingException(ErrorCode.WeakPassword, "password");
            }

            if (result.Errors.Any(e => e.Code.Contains("Duplicate", StringComparison.Ordinal)))
            {
                // Registered a moment ago by a parallel request: the same answer as any taken address.
                if (await users.FindByEmailAsync(address) is { } racer)
                {
                    TellOwner(racer);
                }

                return answer;
            }

            throw new MessagingException(ErrorCode.ValidationFailed, "email");
        }

        if (confirmation.IsRequired)
        {
            emails.SendConfirmation(user.Id);
        }

        return answer;
    }

    private void TellOwner(User owner)
    {
        if (email.IsEnabled)
        {
            emails.SendAlreadyRegistered(owner.Id);
        }
    }
}
