namespace Messaging.Web.Features.Profiles;

/// <summary>
/// Avatar addresses for the browser. Core gives the API's address (bearer tokens); the UI reads the same picture
/// through <c>/avatars/{id}</c>, which the cookie authenticates. Any other address (an old outside link) is not shown:
/// loading it would tell that host who looks at the profile.
/// </summary>
public static class AvatarLinks
{
    private const string ApiPrefix = "/api/v1/users/";
    private const string ApiSuffix = "/avatar";

    public static string? ForBrowser(string? url)
    {
        if (url is null || !url.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = url[ApiPrefix.Length..];
        var end = rest.IndexOf(ApiSuffix, StringComparison.Ordinal);
        return end > 0 && Guid.TryParse(rest[..end], out var id) ? $"/avatars/{id}{rest[(end + ApiSuffix.Length)..]}" : null;
    }
}
