using System.Globalization;
using System.Resources;

namespace Messaging.Core.Resources;

/// <summary>Strings Core renders itself for notifications (push texts, email digests), in the recipient's language.</summary>
public sealed class NotificationsText
{
    private static readonly ResourceManager Manager = new(typeof(NotificationsText));

    public static string Get(string key, CultureInfo culture) =>
        Manager.GetString(key, culture) ?? throw new InvalidOperationException($"Missing notification text {key}.");

    public static string Format(string key, CultureInfo culture, params object[] args) =>
        string.Format(culture, Get(key, culture), args);

    /// <summary>The culture of a user's language setting; Arabic with the Gregorian calendar (DESIGN.md, Localization).</summary>
    public static CultureInfo CultureOf(string? language) =>
        string.Equals(language, "ar", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("ar") : CultureInfo.GetCultureInfo("en");
}
