using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Acknowledgements;

/// <summary>Acknowledgement requests in a real browser: request from the composer, acknowledge, the sender sees who.</summary>
public sealed class AckJourneyTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Ack_RequestedFromTheComposer_RecipientAcknowledges_SenderSeesOneOfOneAndWho()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Journey");
        var omar = await api.CreateVerifiedUserAsync("Omar Journey");
        var id = await api.CreateDirectAsync(sara, omar);

        var saraPage = await browser.OpenAsync(app.Host, sara.Id);
        var omarPage = await browser.OpenAsync(app.Host, omar.Id);
        foreach (var page in new[] { saraPage, omarPage })
        {
            await ChatPages.OpenListAsync(page, $"/conversations/{id}");
            await ChatPages.WaitForChatAsync(page);
        }

        // Sara switches the request on and sends; the switch is off again for her next message.
        var toggle = saraPage.GetByTestId("composer-ack");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("title", "Request acknowledgement");
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await ChatPages.SendAsync(saraPage, "Please confirm you read the new rota");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        var saraStatus = saraPage.GetByTestId("ack-status");
        await Assertions.Expect(saraStatus).ToContainTextAsync("0 of 1 acknowledged");
        await Assertions.Expect(saraPage.GetByTestId("ack-button")).ToHaveCountAsync(0);

        // Omar gets one clear button; pressing it replaces it with his confirmation.
        var omarMessage = omarPage.GetByTestId("message").Filter(new() { HasText = "new rota" });
        await omarMessage.GetByTestId("ack-button").ClickAsync();
        await Assertions.Expect(omarMessage.GetByTestId("ack-mine")).ToContainTextAsync("You acknowledged");
        await Assertions.Expect(omarMessage.GetByTestId("ack-button")).ToHaveCountAsync(0);

        // Sara sees it live, and who acknowledged and when.
        await Assertions.Expect(saraStatus).ToContainTextAsync("1 of 1 acknowledged");
        await saraStatus.ClickAsync();
        var dialog = saraPage.GetByTestId("ack-list");
        await Assertions.Expect(dialog.GetByTestId("ack-done-person")).ToContainTextAsync("Omar Journey");
        await Assertions.Expect(dialog.GetByTestId("ack-done-person").Locator("time")).ToContainTextAsync("Acknowledged");
        await Assertions.Expect(dialog.GetByTestId("ack-pending-person")).ToHaveCountAsync(0);
        await Assertions.Expect(dialog).ToContainTextAsync("Everyone has acknowledged.");
    }
}
