using Microsoft.AspNetCore.Components;

namespace Messaging.Web.Components.Layout;

/// <summary>Addresses of the account pages, so the shell, the gate and the pages agree on them.</summary>
public static class AccountLinks
{
    public const string LoginPath = "account/login";
    public const string Register = "account/register";
    public const string Logout = "account/logout";
    public const string Pending = "account/pending";
    public const string ResendConfirmation = "account/confirm-email/resend";

    /// <summary>The page that sends a new confirmation link, with the address filled in.</summary>
    public static string ResendConfirmationFor(string? email) =>
        string.IsNullOrEmpty(email) ? ResendConfirmation : $"{ResendConfirmation}?email={Uri.EscapeDataString(email)}";
    public const string Settings = "settings";
    public const string Admin = "admin";

    /// <summary>The sign-in page, returning to the current page afterwards.</summary>
    public static string Login(NavigationManager nav)
    {
        var here = "/" + nav.ToBaseRelativePath(nav.Uri);
        return here is "/" or "/account/login" ? LoginPath : $"{LoginPath}?ReturnUrl={Uri.EscapeDataString(here)}";
    }

    /// <summary>The culture endpoint, which sets the cookie and the profile, then reloads <paramref name="returnTo"/>.</summary>
    public static string SetCulture(string culture, string returnTo) =>
        $"culture/set?culture={Uri.EscapeDataString(culture)}&redirectUri={Uri.EscapeDataString(returnTo)}";

    /// <summary>Only paths on this site: an absolute or protocol-relative address would make sign-in an open redirect.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
