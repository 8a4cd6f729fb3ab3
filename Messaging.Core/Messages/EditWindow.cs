using Microsoft.Extensions.Options;

namespace Messaging.Core.Messages;

/// <summary>
/// Whether a message may still be edited, from <see cref="MessageOptions.EditWindow"/>. Core refuses late edits with
/// <see cref="Common.ErrorCode.EditWindowClosed"/>; the UI asks the same question to hide the action.
/// </summary>
public sealed class EditWindow(IOptions<MessageOptions> options, TimeProvider time)
{
    public TimeSpan Length => options.Value.EditWindow;

    public bool IsOpen(DateTime sentAt) => Length == TimeSpan.Zero || time.GetUtcNow().UtcDateTime - sentAt <= Length;
}
