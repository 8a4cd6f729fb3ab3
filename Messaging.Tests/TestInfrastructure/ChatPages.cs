using Microsoft.Playwright;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>What a person does on the chat screens, in words the journeys read well with.</summary>
internal static class ChatPages
{
    /// <summary>Opens the list and waits until the circuit is live (before that, clicks go nowhere).</summary>
    public static async Task OpenListAsync(IPage page, string path = "/")
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.GetByTestId("chat-shell")).ToHaveAttributeAsync("data-interactive", "true");
    }

    public static Task WaitForChatAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("message-log")).ToHaveAttributeAsync("data-ready", "true");

    public static async Task SendAsync(IPage page, string text)
    {
        var composer = page.GetByTestId("chat-pane").Locator(".chat-timeline").GetByTestId("composer-input");
        await composer.FillAsync(text);
        await composer.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("message-text").Filter(new() { HasText = text })).ToBeVisibleAsync();
        await Assertions.Expect(composer).ToHaveValueAsync("");
    }

    /// <summary>A MudBlazor text field's input, whichever element the test id landed on.</summary>
    public static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    /// <summary>The button that opens one of a message's menus (<c>message-menu</c>, <c>reaction-menu</c>).</summary>
    public static ILocator Menu(ILocator message, string testId) =>
        message.Locator($".message-actions [data-testid={testId}] button, .message-actions button[data-testid={testId}]").First;

    /// <summary>Puts a quick-set reaction on a message through its reaction menu.</summary>
    public static async Task ReactAsync(IPage page, string messageText, string emoji)
    {
        var message = page.GetByTestId("chat-pane").Locator(".chat-timeline").GetByTestId("message").Filter(new() { HasText = messageText });
        await message.HoverAsync();
        await Menu(message, "reaction-menu").ClickAsync();
        await page.Locator($"[data-testid=quick-reaction][data-emoji='{emoji}']").ClickAsync();
    }

    /// <summary>Opens a message's menu and picks an action by its visible name.</summary>
    public static async Task MessageActionAsync(IPage page, string messageText, string action)
    {
        var message = page.GetByTestId("chat-pane").Locator(".chat-timeline").GetByTestId("message").Filter(new() { HasText = messageText });
        await message.HoverAsync();
        await Menu(message, "message-menu").ClickAsync();
        try
        {
            // The menu must open where it can be seen (it once drifted off-screen while the log was still being
            // pinned to the bottom), not merely exist.
            var item = page.GetByRole(AriaRole.Menuitem, new() { Name = action, Exact = true });
            await Assertions.Expect(item).ToBeInViewportAsync();
            await item.ClickAsync();
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "chat-menu-failure.png") });
            throw;
        }
    }
}
