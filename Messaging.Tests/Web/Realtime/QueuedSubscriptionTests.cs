using System.Collections.Concurrent;
using System.Security.Claims;
using Messaging.Core.Realtime;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Features.Conversations;
using Messaging.Web.Features.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Messaging.Tests.Web.Realtime;

/// <summary>The one queued subscription type of hub connections and circuits, on the real in-process bus.</summary>
public sealed class QueuedSubscriptionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly InProcessEventBus bus = new(NullLogger<InProcessEventBus>.Instance);

    [Fact]
    public async Task Publish_SlowCircuitSubscriber_ReturnsWhenQueuedNotWhenHandled()
    {
        var user = Guid.CreateVersion7();
        using var session = Session(user, capacity: 10);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentQueue<MessagingEvent>();
        session.Received += async e =>
        {
            await gate.Task;
            handled.Enqueue(e);
        };
        await session.StartAsync();

        await bus.PublishAsync(Changed(user)).WaitAsync(Patience);
        await bus.PublishAsync(Changed(user)).WaitAsync(Patience);

        Assert.Empty(handled);
        gate.SetResult();
        await Eventually.UntilAsync("both events handled", () => handled.Count == 2, Patience);
        Assert.Equal(0, session.Reloads);
    }

    [Fact]
    public async Task Publish_CircuitPastItsBound_ReloadsOnceThenReceivesAgain()
    {
        var user = Guid.CreateVersion7();
        using var session = Session(user, capacity: 2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentQueue<MessagingEvent>();
        var reloads = 0;
        session.Received += async e =>
        {
            await gate.Task;
            handled.Enqueue(e);
        };
        session.ReloadRequested += () =>
        {
            Interlocked.Increment(ref reloads);
            return Task.CompletedTask;
        };
        await session.StartAsync();
        var first = session.Subscription;

        // One event held by the slow handler, two queued, the fourth overflows.
        for (var i = 0; i < 4; i++)
        {
            await bus.PublishAsync(Changed(user)).WaitAsync(Patience);
        }

        await Eventually.UntilAsync("one reload", () => Volatile.Read(ref reloads) == 1, Patience);
        Assert.Equal(SubscriptionEndReason.Overflow, first!.EndReason);
        Assert.NotSame(first, session.Subscription);
        Assert.Null(session.Subscription!.EndReason);

        gate.SetResult();
        var last = Changed(user);
        await bus.PublishAsync(last);
        await Eventually.UntilAsync("the last event handled", () => handled.Contains(last), Patience);
        Assert.Equal(1, session.Reloads);
    }

    [Fact]
    public async Task Publish_HubSubscriberPastItsBound_EndsWithOverflowAndIsForgotten()
    {
        var user = Guid.CreateVersion7();
        var subscriptions = Subscriptions(capacity: 2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new ConcurrentQueue<SubscriptionEndReason>();
        using var subscription = subscriptions.Open(user, "hub", (_, ct) => gate.Task.WaitAsync(ct), ended.Enqueue);

        for (var i = 0; i < 4; i++)
        {
            await bus.PublishAsync(Changed(user)).WaitAsync(Patience);
        }

        Assert.Equal([SubscriptionEndReason.Overflow], ended);
        Assert.Equal(SubscriptionEndReason.Overflow, subscription.EndReason);
        Assert.Equal(0, subscriptions.Count);
        await subscription.Completion.WaitAsync(Patience);
    }

    [Fact]
    public async Task Open_StartedCallback_RunsBeforeAnyEventIsHandedOver()
    {
        var user = Guid.CreateVersion7();
        var subscriptions = Subscriptions(capacity: 10);
        var order = new ConcurrentQueue<string>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = subscriptions.Open(
            user,
            "hub",
            (_, _) =>
            {
                order.Enqueue("event");
                return Task.CompletedTask;
            },
            _ => { },
            async ct =>
            {
                await release.Task.WaitAsync(ct);
                order.Enqueue("ready");
            });

        // Already subscribed while `started` still runs: this event is queued, not lost, and comes after it.
        await bus.PublishAsync(Changed(user));
        release.SetResult();

        await Eventually.UntilAsync("both events in order", () => order.Count == 2, Patience);
        Assert.Equal(["ready", "event"], order);
    }

    [Fact]
    public async Task Open_StartedCallbackFails_SubscriptionEndsAndLaterEventsAreNotQueued()
    {
        var user = Guid.CreateVersion7();
        var subscriptions = Subscriptions(capacity: 2);
        var ended = new ConcurrentQueue<SubscriptionEndReason>();
        using var subscription = subscriptions.Open(
            user, "circuit", (_, _) => Task.CompletedTask, ended.Enqueue, _ => throw new InvalidOperationException("the connection is closing"));
        await subscription.Completion.WaitAsync(Patience);

        // More than its bound: a subscription left on the bus would overflow now.
        for (var i = 0; i < 4; i++)
        {
            await bus.PublishAsync(Changed(user)).WaitAsync(Patience);
        }

        Assert.Equal(SubscriptionEndReason.Disposed, subscription.EndReason);
        Assert.Empty(ended);
        Assert.Equal(0, subscription.Pending);
        Assert.Equal(0, subscriptions.Count);
    }

    private static ConversationChangedEvent Changed(Guid user) => new([user], Guid.CreateVersion7());

    private QueuedSubscriptions Subscriptions(int capacity) =>
        new(bus, Options.Create(new SubscriberOptions { QueueCapacity = capacity }), NullLogger<QueuedSubscription>.Instance);

    private ChatSession Session(Guid user, int capacity) => new(new SignedIn(user), Subscriptions(capacity));

    private sealed class SignedIn(Guid userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "test"))));
    }
}
