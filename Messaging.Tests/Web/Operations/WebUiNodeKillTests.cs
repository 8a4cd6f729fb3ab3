using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;
using ConnectionText = Messaging.Web.Resources.Connection;

namespace Messaging.Tests.Web.Operations;

/// <summary>
/// A node dies without warning (SIGKILL) under an open chat and comes back on the same address, with no load balancer
/// to reach another node. The tab's circuit died with the node, so Blazor's rejoin is refused; the tab must come back
/// by itself (ADR 0047): a localized "reconnecting" notice while the node is down, then a reload of the same
/// conversation once the node is ready, never a dead error page. A real node process on SQLite and real Chromium.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebUiNodeKillTests(BrowserFixture browser)
{
    // Patience, not a timing: a node restarted on a loaded 2-core machine renders its first chat in tens of seconds.
    private const float Patience = 90_000;

    [Fact]
    public async Task NodeKilledUnderAnOpenChat_TabShowsReconnecting_AndComesBackByItself_WithNothingLostOrRepeated()
    {
        var root = Directory.CreateTempSubdirectory("messaging-web-kill-").FullName;
        try
        {
            var environment = NodeProcess.SqliteEnvironment(root);
            await using var node = await NodeProcess.StartAsync(environment);
            var address = node.Address;
            using var api = new ApiClient(address);
            var sara = await api.CreateVerifiedUserAsync("Sara Kill");
            var omar = await api.CreateVerifiedUserAsync("Omar Kill");
            var conversation = await api.CreateDirectAsync(omar, sara);
            await api.AcceptAsync(sara, conversation);

            await using var person = await browser.NewSessionAsync(address, "ar");
            person.Page.Context.SetDefaultTimeout(Patience);
            await person.SignInAsync(sara.Email, sara.Password, "ar");
            await person.Page.GotoAsync($"/conversations/{conversation}");
            await ChatReadyAsync(person.Page);
            Assert.Equal("ar", await person.HtmlAttributeAsync("lang"));
            await SendAsync(person.Page, "Before the kill");
            // A mark only this page load carries, and a record of what Blazor's reconnection reports.
            await person.Page.EvaluateAsync("""
                () => {
                  window.messagingBeforeKill = true;
                  window.messagingReconnectStates = [];
                  document.addEventListener('components-reconnect-state-changed', e => window.messagingReconnectStates.push(e.detail), true);
                }
                """);

            await node.KillAsync(); // SIGKILL: no reconnect hint, no graceful close.

            // While the node is down the tab says so in the person's language, and keeps trying (well past the
            // attempts that run at once) instead of giving up or reloading onto an error page.
            var notice = person.Page.GetByTestId("reconnect-notice");
            await Assertions.Expect(notice).ToBeVisibleAsync(new() { Timeout = Patience });
            await Assertions.Expect(notice).ToContainTextAsync(BrowserSession.Text<ConnectionText>("Reconnecting", "ar"), new() { Timeout = Patience });
            await person.Page.WaitForFunctionAsync(
                "() => window.messagingReconnectStates.some(s => s.state === 'retrying' && s.currentAttempt >= 6)",
                null, new PageWaitForFunctionOptions { Timeout = Patience });
            Assert.True(await person.Page.EvaluateAsync<bool>("() => window.messagingBeforeKill === true"), "the tab reloaded while the node was down");

            // The node comes back on the same address and data; Omar writes before the tab is back.
            await using var restarted = await NodeProcess.StartAsync(environment, new NodeProcess.Launching(Port: address.Port));
            using var again = new ApiClient(address);
            await again.SendMessageAsync(omar, conversation, "While the tab was away");

            // No manual reload: the tab reloads the same conversation by itself.
            await person.Page.WaitForFunctionAsync("() => window.messagingBeforeKill === undefined", null, new PageWaitForFunctionOptions { Timeout = 2 * Patience });
            Assert.EndsWith($"/conversations/{conversation}", new Uri(person.Page.Url).AbsolutePath, StringComparison.Ordinal);
            await ChatReadyAsync(person.Page);
            await Assertions.Expect(notice).ToBeHiddenAsync(new() { Timeout = Patience });
            var texts = person.Page.GetByTestId("message-text");
            await Assertions.Expect(texts.Filter(new() { HasText = "Before the kill" })).ToHaveCountAsync(1, new() { Timeout = Patience });
            await Assertions.Expect(texts.Filter(new() { HasText = "While the tab was away" })).ToHaveCountAsync(1, new() { Timeout = Patience });

            // And it works again both ways: what Sara sends is stored once, what Omar sends arrives live, once.
            await SendAsync(person.Page, "From the recovered tab");
            await again.SendMessageAsync(omar, conversation, "Live after the restart");
            await Assertions.Expect(texts.Filter(new() { HasText = "Live after the restart" })).ToHaveCountAsync(1, new() { Timeout = Patience });
            await Assertions.Expect(texts.Filter(new() { HasText = "From the recovered tab" })).ToHaveCountAsync(1, new() { Timeout = Patience });

            var stored = (await again.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages?after_sequence=0", omar))!.AsArray();
            Assert.Equal(
                ["Before the kill", "While the tab was away", "From the recovered tab", "Live after the restart"],
                stored.Select(m => m!["content"]!.GetValue<string>()).ToArray());
            Assert.Equal(Enumerable.Range(1, 4).Select(i => (long)i), stored.Select(m => m!["sequence"]!.GetValue<long>()));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Task ChatReadyAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("message-log")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = Patience });

    private static async Task SendAsync(IPage page, string text)
    {
        var composer = page.GetByTestId("chat-pane").Locator(".chat-timeline").GetByTestId("composer-input");
        await composer.FillAsync(text);
        await composer.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("message-text").Filter(new() { HasText = text })).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(composer).ToHaveValueAsync("", new() { Timeout = Patience });
    }
}
