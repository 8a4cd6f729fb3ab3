using Messaging.Core.Messages;
using Microsoft.Extensions.Localization;

namespace Messaging.Web.Features.Pins;

/// <summary>How a pinned message is summed up in the bar and the list: its text cut short, or that it is a file.</summary>
internal static class PinText
{
    private const int Length = 90;

    public static string Snippet(MessageView message, IStringLocalizer<Resources.Pins> p)
    {
        var text = message.Content.ReplaceLineEndings(" ").Trim();
        if (text.Length == 0)
        {
            return message.Attachments.Count > 0 ? p["PinnedAttachment"] : "";
        }

        return text.Length <= Length ? text : string.Concat(text.AsSpan(0, Length), "…");
    }
}
