using System.Security.Claims;
using Messaging.Core.Realtime;
using Messaging.Web.Features.Realtime;
using Microsoft.AspNetCore.Components.Authorization;

namespace Messaging.Web.Features.Conversations;

/// <summary>
/// One per circuit: who is signed in, and their live events from the bus through a <see cref="QueuedSubscription"/>:
/// publishing only queues, and this circuit's own pump hands the events to <see cref="Received"/> one at a time.
/// Components add handlers and marshal onto their own renderer with <c>InvokeAsync</c>.
/// </summary>
public sealed class ChatSession(AuthenticationStateProvider authentication, QueuedSubscriptions subscriptions) : IDisposable
{
    private QueuedSubscription? subscription;
    private bool disposed;

    public Guid UserId { get; private set; }

    public string UserName { get; private set; } = "";

    /// <summary>The browser's time zone (reported once by the page), so times read as the user's clock shows them.</summary>
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Raised when the browser's zone becomes known, after the first render used UTC.</summary>
    public event Action? TimeZoneChanged;

    public event Func<MessagingEvent, Task>? Received;

    /// <summary>
    /// Raised when this circuit fell too far behind and events were dropped: every component re-reads what it shows.
    /// It comes through the new subscription before any newer event, so nothing published after it is missed.
    /// </summary>
    public event Func<Task>? ReloadRequested;

    /// <summary>How many times the circuit was told to reload (it fell behind, or its node's Redis link was down).</summary>
    public int Reloads { get; private set; }

    /// <summary>The live subscription (null before <see cref="StartAsync"/> or after the end).</summary>
    public QueuedSubscription? Subscription => subscription;

    /// <summary>
    /// Whether the browser tab is visible (<c>document.visibilityState</c>, reported by <see cref="VisibilityWatcher"/>);
    /// "read" receipts are written only while it is. True until the page reports otherwise.
    /// </summary>
    public bool TabVisible { get; private set; } = true;

    /// <summary>Raised when <see cref="TabVisible"/> changes.</summary>
    public event Action? VisibilityChanged;

    public void SetTabVisible(bool visible)
    {
        if (visible != TabVisible)
        {
            TabVisible = visible;
            VisibilityChanged?.Invoke();
        }
    }

    public void SetTimeZone(TimeZoneInfo zone)
    {
        if (zone.Id != TimeZone.Id)
        {
            TimeZone = zone;
            TimeZoneChanged?.Invoke();
        }
    }

    /// <summary>Resolves the user and subscribes once; false when nobody is signed in.</summary>
    public async Task<bool> StartAsync()
    {
        if (UserId != Guid.Empty)
        {
            return true;
        }

        var state = await authentication.GetAuthenticationStateAsync();
        if (!Guid.TryParse(state.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return false;
        }

        UserId = id;
        UserName = state.User.Identity?.Name ?? "";
        Subscribe(reload: false);
        return true;
    }

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    private void Subscribe(bool reload) =>
        subscription = subscriptions.Open(UserId, "circuit", DispatchAsync, OnEnded, reload ? _ => RequestReloadAsync() : null);

    private void OnEnded(SubscriptionEndReason reason)
    {
        // Overflow is the only end its owner hears of (access changes re-check the circuit instead, ADR 0046).
        // Subscribe again first, then reload: whatever is published from now on is queued after the reload.
        if (!disposed && reason == SubscriptionEndReason.Overflow)
        {
            Subscribe(reload: true);
        }
    }

    private async Task RequestReloadAsync()
    {
        Reloads++;
        if (ReloadRequested is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
    }

    private async Task DispatchAsync(MessagingEvent messagingEvent, CancellationToken cancellationToken)
    {
        if (messagingEvent is CatchUpEvent)
        {
            // Events may have been missed (Redis was down): the components re-read what they show, as after an overflow.
            await RequestReloadAsync();
            return;
        }

        if (Received is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Func<MessagingEvent, Task>>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await handler(messagingEvent);
        }
    }

    public void Dispose()
    {
        disposed = true;
        subscription?.Dispose();
        Received = null;
        ReloadRequested = null;
        VisibilityChanged = null;
        TimeZoneChanged = null;
    }
}
