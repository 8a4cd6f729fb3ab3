using Microsoft.Extensions.Localization;

namespace Messaging.Web.Features.Retention;

/// <summary>A retention period in words, in the reader's language: the offered periods by name, any other by its days.</summary>
public static class RetentionText
{
    public static string Period(IStringLocalizer<Resources.Retention> text, int days) => days switch
    {
        1 => text["RetentionOneDay"],
        7 => text["RetentionSevenDays"],
        30 => text["RetentionThirtyDays"],
        90 => text["RetentionNinetyDays"],
        365 => text["RetentionOneYear"],
        _ => text["RetentionAnyDays", days],
    };

    /// <summary>"Messages here are deleted automatically after 7 days." or "…kept until someone deletes them."</summary>
    public static string State(IStringLocalizer<Resources.Retention> text, int? effectiveDays) => effectiveDays is { } days
        ? text["RetentionOn", Period(text, days)]
        : text["RetentionKeptForever"];
}
