namespace Messaging.Web.Features.Accounts;

/// <summary>The registration form; Core's <c>RegisterUserHandler</c> does the real validation.</summary>
public sealed class RegisterInput
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}
