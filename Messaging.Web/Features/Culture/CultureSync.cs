using Messaging.Core.Accounts;

namespace Messaging.Web.Features.Culture;

/// <summary>Keeps the culture cookie and the profile's language in agreement when someone signs in.</summary>
internal static class CultureSync
{
    /// <summary>
    /// A language picked on this device (the cookie exists) is an explicit choice: it wins and is saved to the profile.
    /// A device without one (a new browser) gets the profile's language, so the choice follows the person.
    /// </summary>
    public static async Task OnSignInAsync(HttpContext http, User user, ProfileHandler profiles)
    {
        var chosen = CultureCookie.Read(http.Request);
        if (chosen is null)
        {
            CultureCookie.Write(http.Response, user.Language);
        }
        else if (chosen != user.Language)
        {
            await profiles.UpdateAsync(user.Id, new UpdateProfile(null, chosen, null), http.RequestAborted);
        }
    }
}
