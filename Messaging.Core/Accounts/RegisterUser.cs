using System.Net.Mail;
using Messaging.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Messaging.Core.Accounts;

public sealed record RegisterUser(string? Email, string? Password, string? Name, string? Language);

/// <summary>Creates an account in <see cref="VerificationStatus.Pending"/>; an administrator verifies it later.</summary>
public sealed class RegisterUserHandler(UserManager<User> users, TimeProvider time)
{
    public async Task<User> HandleAsync(RegisterUser command, CancellationToken cancellationToken = default)
    {
        var email = command.Email?.Trim() ?? "";
        if (email.Length is 0 or > Limits.MaxEmailLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "email");
        }

        var name = ProfileRules.ValidateName(command.Name);
        var language = ProfileRules.ValidateLanguage(command.Language ?? Languages.English);

        if (string.IsNullOrEmpty(command.Password) || command.Password.Length > Limits.MaxPasswordLength)
        {
            throw new MessagingException(ErrorCode.WeakPassword, "password");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new MessagingException(ErrorCode.EmailTaken, "email");
        }

        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            Language = language,
            CreatedAt = time.UtcNow(),
        };
        user.SetName(name);
        var result = await users.CreateAsync(user, command.Password);
        if (!result.Succeeded)
        {
            throw result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal))
                ? new MessagingException(ErrorCode.WeakPassword, "password")
                : result.Errors.Any(e => e.Code.Contains("Duplicate", StringComparison.Ordinal))
                    ? new MessagingException(ErrorCode.EmailTaken, "email")
                    : new MessagingException(ErrorCode.ValidationFailed, "email");
        }

        return user;
    }
}
