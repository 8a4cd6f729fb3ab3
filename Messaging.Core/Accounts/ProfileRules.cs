using Messaging.Core.Common;

namespace Messaging.Core.Accounts;

internal static class ProfileRules
{
    public static string ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > Limits.MaxNameLength)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "name");
        }

        return trimmed;
    }

    /// <summary>A supported interface language (<see cref="Languages"/>), for sign-up, the profile and the settings alike.</summary>
    public static string ValidateLanguage(string language) =>
        Languages.IsSupported(language) ? language : throw new MessagingException(ErrorCode.ValidationFailed, "language");

    public static string? ValidateAvatarUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        // Only absolute http(s) links: a javascript: or data: URL in an <img> is an injection vector.
        return url.Length <= Limits.MaxAvatarUrlLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new MessagingException(ErrorCode.ValidationFailed, "avatar_url");
    }
}
