using System.Globalization;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Microsoft.Extensions.Localization;

namespace Messaging.Web.Features.Conversations;

/// <summary>How times, names and system events read in the current culture; one place so list, chat and thread agree.</summary>
internal static class ChatFormat
{
    /// <summary>"now", "5 min", "14:05", "yesterday", "Monday", then a short date: what a list of chats needs at a glance.</summary>
    public static string Relative(IStringLocalizer text, DateTime utc, DateTime nowUtc, TimeZoneInfo zone)
    {
        var age = nowUtc - utc;
        if (age < TimeSpan.FromMinutes(1))
        {
            return text["TimeNow"];
        }

        if (age < TimeSpan.FromHours(1))
        {
            return text["TimeMinutes", (int)age.TotalMinutes];
        }

        var local = Local(utc, zone);
        var today = Local(nowUtc, zone).Date;
        if (local.Date == today)
        {
            return local.ToString("t", CultureInfo.CurrentCulture);
        }

        if (local.Date == today.AddDays(-1))
        {
            return text["TimeYesterday"];
        }

        return age < TimeSpan.FromDays(6)
            ? local.ToString("dddd", CultureInfo.CurrentCulture)
            : local.ToString("d", CultureInfo.CurrentCulture);
    }

    public static string Time(DateTime utc, TimeZoneInfo zone) => Local(utc, zone).ToString("t", CultureInfo.CurrentCulture);

    public static string FullTime(DateTime utc, TimeZoneInfo zone) => Local(utc, zone).ToString("f", CultureInfo.CurrentCulture);

    public static string Day(IStringLocalizer text, DateTime utc, DateTime nowUtc, TimeZoneInfo zone)
    {
        var day = Local(utc, zone).Date;
        var today = Local(nowUtc, zone).Date;
        return day == today ? text["DayToday"]
            : day == today.AddDays(-1) ? text["TimeYesterday"]
            : day.ToString("D", CultureInfo.CurrentCulture);
    }

    public static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>Up to two letters from the first and last words: "Sara Ali" → "SA", "عمر" → "ع".</summary>
    public static string Initials(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length switch
        {
            0 => "?",
            1 => First(words[0]).ToUpperInvariant(),
            _ => (First(words[0]) + First(words[^1])).ToUpperInvariant(),
        };

        static string First(string word) => word[..StringInfo.GetNextTextElementLength(word)];
    }

    /// <summary>The conversation's name for this viewer: the group's title, or the other person in a direct chat.</summary>
    public static string Title(IStringLocalizer text, ConversationView conversation, Guid viewerId)
    {
        if (!string.IsNullOrWhiteSpace(conversation.Title))
        {
            return conversation.Title;
        }

        var others = conversation.ParticipantDetails.Where(p => p.UserId != viewerId).Select(p => p.Name).ToArray();
        return others.Length == 0 ? text["UntitledConversation"] : string.Join(CultureInfo.CurrentCulture.TextInfo.ListSeparator + " ", others);
    }

    /// <summary>The other person of a direct conversation, if there is one.</summary>
    public static ParticipantView? Peer(ConversationView conversation, Guid viewerId) =>
        conversation.ConversationType == ConversationType.Direct
            ? conversation.ParticipantDetails.FirstOrDefault(p => p.UserId != viewerId)
            : null;

    /// <summary>A system message in the reader's language, e.g. "Sara added Omar"; Core stores only the event.</summary>
    public static string SystemText(IStringLocalizer text, MessageView message, Func<Guid, string?> nameOf)
    {
        var actor = string.IsNullOrEmpty(message.SenderName) ? text["SomeoneName"].Value : message.SenderName;
        var subject = message.SystemSubjectUserId is { } id ? nameOf(id) ?? text["SomeoneName"].Value : text["SomeoneName"].Value;
        var key = message.SystemEvent switch
        {
            SystemEvent.ConversationCreated => "SystemCreated",
            SystemEvent.Renamed => "SystemRenamed",
            SystemEvent.ParticipantAdded => "SystemAdded",
            SystemEvent.ParticipantRemoved => "SystemRemoved",
            SystemEvent.ParticipantLeft => "SystemLeft",
            SystemEvent.AdminPromoted => "SystemPromoted",
            SystemEvent.RetentionChanged => "SystemRetentionChanged",
            _ => "SystemUnknown",
        };
        return text[key, actor, subject];
    }

    /// <summary>"Sara is typing…", "Sara and Omar are typing…", "Several people are typing…".</summary>
    public static string? Typing(IStringLocalizer text, IReadOnlyList<string> names) => names.Count switch
    {
        0 => null,
        1 => text["TypingOne", names[0]].Value,
        2 => text["TypingTwo", names[0], names[1]].Value,
        _ => text["TypingMany"].Value,
    };
}
