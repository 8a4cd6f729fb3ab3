using System.Security.Claims;
using Messaging.Core.Presence;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Messaging.Web.Features.Conversations;

/// <summary>Counts a browser tab as a live connection, so people using the web UI show as online like API clients do.</summary>
public sealed class PresenceCircuitHandler(AuthenticationStateProvider authentication, IPresenceTracker tracker) : CircuitHandler
{
    private Guid? userId;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        try
        {
            if (await ResolveAsync() is { } id)
            {
                await tracker.ConnectedAsync(id, ConnectionId(circuit), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection went down again while it was coming up: nothing to count. Thrown on, it would be an
            // unhandled circuit error, which makes Blazor's client stop the page's connection for good.
        }
    }

    public override async Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (userId is { } id)
        {
            await tracker.DisconnectedAsync(id, ConnectionId(circuit), cancellationToken);
        }
    }

    // Prefixed so a circuit id can never collide with a SignalR hub connection id in the tracker.
    private static string ConnectionId(Circuit circuit) => "circuit:" + circuit.Id;

    private async Task<Guid?> ResolveAsync()
    {
        if (userId is null)
        {
            var state = await authentication.GetAuthenticationStateAsync();
            userId = Guid.TryParse(state.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        }

        return userId;
    }
}
