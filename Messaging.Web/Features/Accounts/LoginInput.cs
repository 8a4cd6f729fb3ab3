namespace Messaging.Web.Features.Accounts;

/// <summary>The sign-in form. No data annotations: messages come from Account.resx in the page's language.</summary>
public sealed class LoginInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public bool RememberMe { get; set; }
}
