using System.Text.Json.Nodes;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Conversations;

/// <summary>Drafts in a real browser: typed, kept on the server, back after a reload and on another device, gone once sent.</summary>
public sealed class DraftJourneyTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Draft_Typed_ComesBackAfterReloadAndOnAnotherDevice_AndSendingClearsIt()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Draft");
        var omar = await api.CreateVerifiedUserAsync("Omar Draft");
        var id = await api.CreateDirectAsync(sara, omar);

        var laptop = await browser.OpenAsync(app.Host, sara.Id);
        await ChatPages.OpenListAsync(laptop, $"/conversations/{id}");
        await ChatPages.WaitForChatAsync(laptop);
        var composer = laptop.GetByTestId("chat-pane").Locator(".chat-timeline").GetByTestId("composer-input");
        await composer.PressSequentiallyAsync("Half-written plan for Monday");

        // Saved about a second after typing stops.
        await WaitForDraftAsync(api, sara, id, "Half-written plan for Monday");

        await laptop.ReloadAsync();
        await Assertions.Expect(laptop.GetByTestId("chat-shell")).ToHaveAttributeAsync("data-interactive", "true");
        await ChatPages.WaitForChatAsync(laptop);
        await Assertions.Expect(composer).ToHaveValueAsync("Half-written plan for Monday");
        await Assertions.Expect(laptop.GetByTestId("composer-send")).ToBeEnabledAsync();

        var phone = await browser.OpenAsync(app.Host, sara.Id, width: 390, height: 844);
        await ChatPages.OpenListAsync(phone, $"/conversations/{id}");
        await ChatPages.WaitForChatAsync(phone);
        await Assertions.Expect(phone.GetByTestId("chat-pane").Locator(".chat-timeline").GetByTestId("composer-input"))
            .ToHaveValueAsync("Half-written plan for Monday");

        // Omar never sees it.
        Assert.Null((await api.GetAsync($"/api/v1/messaging/conversations/{id}", omar))!["draft"]);

        await composer.PressAsync("Enter");
        await Assertions.Expect(laptop.GetByTestId("message-text").Filter(new() { HasText = "Half-written plan for Monday" })).ToBeVisibleAsync();
        await WaitForDraftAsync(api, sara, id, null);
        await laptop.ReloadAsync();
        await ChatPages.WaitForChatAsync(laptop);
        await Assertions.Expect(composer).ToHaveValueAsync("");
    }

    /// <summary>Polls the API until the user's draft is <paramref name="expected"/>, failing after <see cref="Patience"/>.</summary>
    private static Task<string?> WaitForDraftAsync(ApiClient api, TestUser user, string conversationId, string? expected) =>
        Eventually.ValueAsync($"the draft to be \"{expected}\"", async () =>
        {
            var conversation = await api.GetAsync($"/api/v1/messaging/conversations/{conversationId}", user);
            return (conversation!["draft"] as JsonValue)?.GetValue<string>();
        }, draft => draft == expected, Patience, TimeSpan.FromMilliseconds(100));
}
