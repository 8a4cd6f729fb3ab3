using System.Collections.Concurrent;
using Messaging.Core.Accounts.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace Messaging.Web.Features.Accounts;

/// <summary>
/// This node's hub connections by user, so a change of access can close them (<see cref="HubCallerContext.Abort"/>).
/// Kept apart from the connections' event subscriptions (Realtime/HubConnections) on purpose: closing is about access.
/// </summary>
internal sealed class HubAccess(AccessState access, ILogger<HubAccess> logger)
{
    private readonly ConcurrentDictionary<string, HubCallerContext> connections = new();

    /// <summary>Refuses a user who is not verified or is suspended (or whose token is no longer good); otherwise remembers the connection.</summary>
    public async Task<bool> AdmitAsync(HubCallerContext context)
    {
        if (context.User is not { } user || AccessState.UserOf(user) is not { } userId
            || !(await access.GetUserAsync(userId, context.ConnectionAborted)).MayTakePart)
        {
            return false;
        }

        connections[context.ConnectionId] = context;
        // The change may have landed between the check and the registration.
        if (!await StillAllowedAsync(context, userId))
        {
            Forget(context.ConnectionId);
            return false;
        }

        return true;
    }

    public void Forget(string connectionId) => connections.TryRemove(connectionId, out _);

    public int Count => connections.Count;

    /// <summary>Closes every connection of the user whose token, session or verification no longer holds.</summary>
    public async Task RecheckAsync(Guid userId)
    {
        foreach (var (id, context) in connections)
        {
            if (context.User is not { } user || AccessState.UserOf(user) != userId || await StillAllowedAsync(context, userId))
            {
                continue;
            }

            logger.LogInformation("Closing hub connection {ConnectionId} of {UserId}: access ended.", id, userId);
            Forget(id);
            context.Abort();
        }
    }

    private async Task<bool> StillAllowedAsync(HubCallerContext context, Guid userId) =>
        await access.IsValidAsync(context.User!, CancellationToken.None)
        && (await access.GetUserAsync(userId, CancellationToken.None)).MayTakePart;
}
