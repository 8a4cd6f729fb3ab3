using Bunit;
using Messaging.Core.Messages;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Features.Conversations;
using Messaging.Web.Features.RateLimiting;
using Microsoft.Extensions.Options;

namespace Messaging.Tests.Web.RateLimiting;

/// <summary>The Blazor circuit sends through Core, not HTTP: the same "Send" budget applies there.</summary>
public sealed class CircuitSendLimitTests
{
    [Theory]
    [InlineData("en", "Too many attempts in a short time")]
    [InlineData("ar", "محاولات كثيرة في وقت قصير")]
    public async Task ChatPane_SendPastTheBudget_ShowsLocalizedMessageAndKeepsDraft(string culture, string expected)
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync(culture);
        h.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Send.PermitLimit = 1;
        var sara = await h.CreateUserAsync("Sara Haddad");
        var omar = await h.CreateUserAsync("Omar Khalil");
        var created = await h.Get<Messaging.Core.Conversations.CreateConversationHandler>()
            .HandleAsync(sara, new Messaging.Core.Conversations.CreateConversation(Messaging.Core.Conversations.ConversationType.Direct, [omar]));
        var id = created.Conversation.Id;
        h.SignIn(sara, "Sara Haddad");
        var pane = h.Bunit.Render<ChatPane>(p => p.Add(c => c.ConversationId, id));
        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=composer-input]")));

        pane.Find("[data-testid=composer-input]").Input("first");
        pane.Find("[data-testid=composer-send]").Click();
        pane.WaitForAssertion(() => Assert.Equal(1, h.Bunit.JSInterop.Invocations.Count(i => i.Identifier == "messagingChat.setText")));
        pane.Find("[data-testid=composer-input]").Input("second");
        pane.Find("[data-testid=composer-send]").Click();

        pane.WaitForAssertion(() => Assert.Contains(expected, pane.Find("[data-testid=composer-error]").TextContent, StringComparison.Ordinal));
        // The draft stays: nothing asked the browser to clear the box again, and nothing was stored.
        Assert.Equal(1, h.Bunit.JSInterop.Invocations.Count(i => i.Identifier == "messagingChat.setText"));
        var history = await h.Get<GetMessagesHandler>().HandleAsync(sara, new GetMessages(id));
        Assert.DoesNotContain(history, m => m.Content == "second");
    }
}
