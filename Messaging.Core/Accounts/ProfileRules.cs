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

    /// <summary>
    /// Only an empty <c>avatar_url</c> is accepted (it removes the avatar): pictures are uploaded, never linked, because an
    /// outside URL in an &lt;img&gt; tells its host who looks at the profile, and when.
    /// </summary>
    public static void RequireAvatarRemoval(string url)
    {
        if (!string.IsNullOrWhiteSpace(url))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "avatar_url");
        }
    }
}
