using Messaging.Core.Accounts.Sessions;
using Messaging.Core.Realtime;

namespace Messaging.Web.Features.Accounts;

/// <summary>
/// On every node: hears <see cref="UserAccessChangedEvent"/> from the bus, forgets the cached checks, and re-checks the
/// user's hub connections (closing those no longer allowed) and circuits (signing them out), within moments of the change.
/// </summary>
internal sealed class AccessRevocation(IEventBus bus, AccessState access, HubAccess hubs, CircuitAccess circuits, ILogger<AccessRevocation> logger)
    : IHostedService, IDisposable
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = bus.Subscribe(UserAccessChangedEvent.Audience, OnEventAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => subscription?.Dispose();

    private async Task OnEventAsync(MessagingEvent messagingEvent)
    {
        if (messagingEvent is not UserAccessChangedEvent changed)
        {
            return;
        }

        access.Forget(changed.UserId, changed.SessionId);
        logger.LogDebug("Access of {UserId} changed (session {SessionId}); re-checking its connections.", changed.UserId, changed.SessionId);
        await Task.WhenAll(hubs.RecheckAsync(changed.UserId), circuits.RecheckAsync(changed.UserId));
    }
}
