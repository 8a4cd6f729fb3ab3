using System.Collections.Concurrent;
using Messaging.Core.Realtime;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime;

/// <summary>The per-user subscription that Blazor circuits use, exercised without a UI.</summary>
public sealed class EventBusSubscriptionTests(RealtimeFixture app) : IClassFixture<RealtimeFixture>
{
    [Fact]
    public async Task Subscribe_UntilDisposed_ReceivesEventsOfTheUsersConversationsOnly()
    {
        var alice = await app.Api.CreateVerifiedUserAsync("Alice Circuit");
        var bob = await app.Api.CreateVerifiedUserAsync("Bob Circuit");
        var conversation = await app.Api.CreateDirectAsync(alice, bob);
        var bus = app.Host.Services.GetRequiredService<IEventBus>();
        var received = new ConcurrentQueue<MessagingEvent>();

        var subscription = bus.Subscribe(bob.Id, e =>
        {
            received.Enqueue(e);
            return Task.CompletedTask;
        });
        var first = (await app.Api.SendMessageAsync(alice, conversation, "while subscribed"))["id"]!.GetValue<string>();
        subscription.Dispose();
        await app.Api.SendMessageAsync(alice, conversation, "after dispose");

        // Publishing happens before the HTTP response, so everything addressed to bob has been handed over by now.
        var messages = received.OfType<MessageEvent>().ToList();
        var single = Assert.Single(messages);
        Assert.Equal(first, single.Message.Id.ToString());
        Assert.Equal(MessageEventKind.New, single.Kind);
        Assert.Contains(bob.Id, single.Recipients);
    }
}
