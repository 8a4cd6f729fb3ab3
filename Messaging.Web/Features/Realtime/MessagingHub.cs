using System.Globalization;
using Messaging.Core.Common;
using Messaging.Core.Messages;
using Messaging.Core.Presence;
using Messaging.Core.Realtime;
using Messaging.Web.Components;
using Messaging.Web.Hosting;
using Messaging.Web.Resources;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;

namespace Messaging.Web.Features.Realtime;

/// <summary>
/// <c>/hubs/messaging</c>: pushes every event of the caller's conversations (see API.md "Realtime hub") and takes
/// typing and receipt calls. Every call is authorized by Core; a refusal becomes a <see cref="HubException"/> with a
/// localized text and nothing is published, so a stranger learns nothing, not even whether a conversation exists.
/// </summary>
internal sealed class MessagingHub(
    HubConnections connections,
    Accounts.HubAccess access,
    IPresenceTracker presence,
    TypingHandler typing,
    MarkReceiptHandler receipts,
    IStringLocalizer<Errors> text) : Hub
{
    private Guid UserId => Context.User!.Id();

    public override async Task OnConnectedAsync()
    {
        if (!await access.AdmitAsync(Context))
        {
            throw new HubException(Localize(ErrorCode.NotVerified));
        }

        connections.Open(Context.ConnectionId, UserId, Context.Abort);
        await presence.ConnectedAsync(UserId, Context.ConnectionId, Context.ConnectionAborted);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        access.Forget(Context.ConnectionId);
        connections.Close(Context.ConnectionId);
        await presence.DisconnectedAsync(UserId, Context.ConnectionId, CancellationToken.None);
    }

    public Task TypingStart(Guid conversationId) => RunAsync(ct => typing.StartAsync(UserId, conversationId, ct));

    public Task TypingStop(Guid conversationId) => RunAsync(ct => typing.StopAsync(UserId, conversationId, ct));

    public Task MarkDelivered(Guid conversationId, Guid messageId) =>
        RunAsync(ct => receipts.HandleAsync(UserId, conversationId, messageId, ReceiptKind.Delivered, ct));

    public Task MarkRead(Guid conversationId, Guid messageId) =>
        RunAsync(ct => receipts.HandleAsync(UserId, conversationId, messageId, ReceiptKind.Read, ct));

    private async Task RunAsync(Func<CancellationToken, Task> action)
    {
        try
        {
            await presence.ActivityAsync(UserId, Context.ConnectionAborted);
            await action(Context.ConnectionAborted);
        }
        catch (MessagingException ex)
        {
            throw new HubException(Localize(ex.Code));
        }
    }

    /// <summary>In the language the connection negotiated (Accept-Language or <c>?ui-culture=</c>), as the API does.</summary>
    private string Localize(ErrorCode code)
    {
        var culture = Context.GetHttpContext()?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture;
        if (culture is not null)
        {
            CultureInfo.CurrentUICulture = culture;
        }

        return text.For(code);
    }
}
