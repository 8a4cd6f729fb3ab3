using System.Security.Claims;
using Messaging.Core.Realtime;
using Microsoft.AspNetCore.Components.Authorization;

namespace Messaging.Web.Features.Conversations;

/// <summary>
/// One per circuit: who is signed in, and their live events from the bus. Components add handlers to
/// <see cref="Received"/> and marshal onto their own renderer with <c>InvokeAsync</c>; the bus calls from any thread.
/// </summary>
public sealed class ChatSession(AuthenticationStateProvider authentication, IEventBus bus) : IDisposable
{
    private IDisposable? subscription;

    public Guid UserId { get; private set; }

    public string UserName { get; private set; } = "";

    /// <summary>The browser's time zone (reported once by the page), so times read as the user's clock shows them.</summary>
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Raised when the browser's zone becomes known, after the first render used UTC.</summary>
    public event Action? TimeZoneChanged;

    public void SetTimeZone(TimeZoneInfo zone)
    {
        if (zone.Id != TimeZone.Id)
        {
            TimeZone = zone;
            TimeZoneChanged?.Invoke();
        }
    }

    public event Func<MessagingEvent, Task>? Received;

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
        subscription ??= bus.Subscribe(id, DispatchAsync);
        return true;
    }

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    private async Task DispatchAsync(MessagingEvent messagingEvent)
    {
        if (Received is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Func<MessagingEvent, Task>>())
        {
            await handler(messagingEvent);
        }
    }

    public void Dispose()
    {
        subscription?.Dispose();
        Received = null;
        TimeZoneChanged = null;
    }
}
