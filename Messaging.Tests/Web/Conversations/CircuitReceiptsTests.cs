using System.Collections.Concurrent;
using Bunit;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Realtime;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Features.Conversations;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.Tests.Web.Conversations;

/// <summary>Receipts from a circuit are coalesced, visible-only, and the list applies events in memory (real Core, real SQLite).</summary>
public sealed class CircuitReceiptsTests
{
    [Fact]
    public async Task Read_ThreeWithinASecond_WritesFirstAtOnceAndTheLatestOnceAfterTheSecond()
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync();
        var (sara, omar, id) = await DirectAsync(h);
        var sent = new List<MessageView>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add((await h.Get<SendMessageHandler>().HandleAsync(omar, new SendMessage(id, $"m{i}"))).Message);
        }

        var heard = Listen(h, omar);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var session = await SessionAsync(h, sara);
        using var receipts = new CircuitReceipts(session, h.Get<MarkReceiptHandler>(), time, NullLogger<CircuitReceipts>.Instance);

        receipts.Read(id, sent[0].Id, sent[0].Sequence);
        await receipts.WhenIdleAsync();
        receipts.Read(id, sent[1].Id, sent[1].Sequence);
        receipts.Read(id, sent[2].Id, sent[2].Sequence);
        receipts.Read(id, sent[1].Id, sent[1].Sequence);

        Assert.Equal(1, receipts.Writes);
        time.Advance(CircuitReceipts.Interval);
        await receipts.WhenIdleAsync();
        Assert.Equal(2, receipts.Writes);
        var reads = heard.OfType<ReceiptEvent>().Where(r => r.Kind == ReceiptKind.Read).Select(r => r.Sequence).ToList();
        Assert.Equal([sent[0].Sequence, sent[2].Sequence], reads);
    }

    [Fact]
    public async Task Read_TabHidden_WritesNothingUntilVisible()
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync();
        var (sara, omar, id) = await DirectAsync(h);
        var message = (await h.Get<SendMessageHandler>().HandleAsync(omar, new SendMessage(id, "hello"))).Message;
        var session = await SessionAsync(h, sara);
        using var receipts = new CircuitReceipts(session, h.Get<MarkReceiptHandler>(), TimeProvider.System, NullLogger<CircuitReceipts>.Instance);

        session.SetTabVisible(false);
        var hidden = receipts.Read(id, message.Id, message.Sequence);
        await receipts.WhenIdleAsync();
        Assert.False(hidden);
        Assert.Equal(0, receipts.Writes);

        session.SetTabVisible(true);
        Assert.True(receipts.Read(id, message.Id, message.Sequence));
        await receipts.WhenIdleAsync();
        Assert.Equal(1, receipts.Writes);
    }

    [Fact]
    public async Task ConversationList_MessagesArrive_AppliedInMemoryAndDeliveredCoalesced()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await ComponentTestContext.CreateInteractiveAsync(time: time);
        var (sara, omar, withOmar) = await DirectAsync(h);
        var lina = await h.CreateUserAsync("Lina Mansour");
        var withLina = (await h.Get<CreateConversationHandler>().HandleAsync(sara, new CreateConversation(ConversationType.Direct, [lina]))).Conversation.Id;
        var sender = h.Get<SendMessageHandler>();
        await sender.HandleAsync(omar, new SendMessage(withOmar, "first from Omar"));
        await sender.HandleAsync(lina, new SendMessage(withLina, "first from Lina"));
        h.SignIn(sara, "Sara Haddad");
        var receipts = h.Get<CircuitReceipts>();

        var list = h.Bunit.Render<ConversationList>();
        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid=conversation-item]").Count));
        await receipts.WhenIdleAsync();
        Assert.Equal(2, receipts.Writes);

        for (var i = 0; i < 3; i++)
        {
            await sender.HandleAsync(omar, new SendMessage(withOmar, $"more {i}"));
        }

        list.WaitForAssertion(() =>
        {
            var first = list.FindAll("[data-testid=conversation-item]").Single(i => i.TextContent.Contains("Omar Khalil", StringComparison.Ordinal));
            Assert.Contains("more 2", first.TextContent, StringComparison.Ordinal);
            Assert.Equal("4", first.QuerySelector("[data-testid=unread-badge]")?.TextContent.Trim());
        });

        // The three deliveries wait for the end of the second, and then are one write of the newest.
        Assert.Equal(2, receipts.Writes);
        time.Advance(CircuitReceipts.Interval);
        await receipts.WhenIdleAsync();
        Assert.Equal(3, receipts.Writes);
    }

    [Fact]
    public async Task ConversationList_Prerendering_LoadsNothingAndSubscribesNothing()
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync();
        var (sara, omar, id) = await DirectAsync(h);
        await h.Get<SendMessageHandler>().HandleAsync(omar, new SendMessage(id, "hello"));
        h.SignIn(sara, "Sara Haddad");
        h.Bunit.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var list = h.Bunit.Render<ConversationList>();

        Assert.NotNull(list.Find("[data-testid=list-loading]"));
        Assert.Null(h.Get<ChatSession>().Subscription);
        Assert.Equal(0, h.Get<CircuitReceipts>().Writes);
    }

    private static ConcurrentQueue<MessagingEvent> Listen(ComponentTestContext h, Guid userId)
    {
        var heard = new ConcurrentQueue<MessagingEvent>();
        h.Get<IEventBus>().Subscribe(userId, e =>
        {
            heard.Enqueue(e);
            return Task.CompletedTask;
        });
        return heard;
    }

    private static async Task<ChatSession> SessionAsync(ComponentTestContext h, Guid userId)
    {
        h.SignIn(userId, "Sara Haddad");
        var session = h.Get<ChatSession>();
        await session.StartAsync();
        return session;
    }

    private static async Task<(Guid Sara, Guid Omar, Guid ConversationId)> DirectAsync(ComponentTestContext h)
    {
        var sara = await h.CreateUserAsync("Sara Haddad");
        var omar = await h.CreateUserAsync("Omar Khalil");
        var created = await h.Get<CreateConversationHandler>().HandleAsync(sara, new CreateConversation(ConversationType.Direct, [omar]));
        return (sara, omar, created.Conversation.Id);
    }
}
