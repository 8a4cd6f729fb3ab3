using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Pins;

/// <summary>Pinning in a real browser: the menu action, the pinned bar seen live by the other person, jumping, the list.</summary>
public sealed class PinJourneyTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Pin_InArabic_OtherPersonSeesThePinnedBarLive_AndItJumpsToTheMessage()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("سارة المثبّتة");
        var omar = await api.CreateVerifiedUserAsync("عمر المثبّت");
        var id = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, id, "العنوان: شارع النيل ١٢");
        for (var i = 1; i <= 15; i++)
        {
            await api.SendMessageAsync(i % 2 == 0 ? sara : omar, id, $"رسالة عادية رقم {i}");
        }

        var saraPage = await browser.OpenAsync(app.Host, sara.Id, culture: "ar");
        var omarPage = await browser.OpenAsync(app.Host, omar.Id, culture: "ar");
        foreach (var page in new[] { saraPage, omarPage })
        {
            await ChatPages.OpenListAsync(page, $"/conversations/{id}");
            await ChatPages.WaitForChatAsync(page);
        }

        await Assertions.Expect(saraPage.GetByTestId("pinned-bar")).ToHaveCountAsync(0);
        await ChatPages.MessageActionAsync(omarPage, "العنوان: شارع النيل ١٢", "تثبيت");

        // Sara sees the bar at once, without reloading, and the pin marker on the message.
        var bar = saraPage.GetByTestId("pinned-bar");
        await Assertions.Expect(bar.GetByTestId("pinned-bar-label")).ToHaveTextAsync("رسالة مثبّتة");
        await Assertions.Expect(bar.GetByTestId("pinned-bar-text")).ToHaveTextAsync("العنوان: شارع النيل ١٢");
        var pinned = saraPage.GetByTestId("message").Filter(new() { HasText = "العنوان: شارع النيل ١٢" });
        await Assertions.Expect(pinned.GetByTestId("message-pinned")).ToBeVisibleAsync();

        // The pinned message is far above the bottom of the log; the bar brings it into view.
        await Assertions.Expect(pinned).Not.ToBeInViewportAsync();
        await bar.GetByTestId("pinned-bar-jump").ClickAsync();
        await Assertions.Expect(pinned).ToBeInViewportAsync();

        // Unpinning is offered in the same menu, and the bar goes away for both.
        await ChatPages.MessageActionAsync(omarPage, "العنوان: شارع النيل ١٢", "إلغاء التثبيت");
        await Assertions.Expect(bar).ToHaveCountAsync(0);
        await Assertions.Expect(omarPage.GetByTestId("pinned-bar")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Pins_InAGroup_MembersSeeNoPinAction_AndTheListInSettingsJumpsToTheMessage()
    {
        using var api = app.Host.CreateApi();
        var admin = await api.CreateVerifiedUserAsync("Admin Pins");
        var member = await api.CreateVerifiedUserAsync("Member Pins");
        var group = await api.CreateGroupAsync(admin, "Pinned plans", member);
        var first = (await api.SendMessageAsync(admin, group, "Rule one: be kind"))["id"]!.GetValue<string>();
        var second = (await api.SendMessageAsync(member, group, "Rule two: be brief"))["id"]!.GetValue<string>();
        for (var i = 1; i <= 15; i++)
        {
            await api.SendMessageAsync(i % 2 == 0 ? admin : member, group, $"Chatter {i}");
        }

        await api.ExpectAsync(System.Net.HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{group}/messages/{first}/pin", admin);
        await api.ExpectAsync(System.Net.HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{group}/messages/{second}/pin", admin);

        var page = await browser.OpenAsync(app.Host, member.Id);
        await ChatPages.OpenListAsync(page, $"/conversations/{group}");
        await ChatPages.WaitForChatAsync(page);

        // Newest pin first, with its place among the pins.
        var bar = page.GetByTestId("pinned-bar");
        await Assertions.Expect(bar.GetByTestId("pinned-bar-label")).ToHaveTextAsync("Pinned message 1 of 2");
        await Assertions.Expect(bar.GetByTestId("pinned-bar-text")).ToHaveTextAsync("Rule two: be brief");

        // A member of a group may not pin: the action is not offered.
        var message = page.GetByTestId("message").Filter(new() { HasText = "Chatter 15" });
        await message.HoverAsync();
        await ChatPages.Menu(message, "message-menu").ClickAsync();
        await Assertions.Expect(page.GetByTestId("action-reply")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("action-pin")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");

        // The list of pins, from the bar, opens in the settings; choosing one goes to it.
        await bar.GetByTestId("pinned-bar-all").ClickAsync();
        var items = page.GetByTestId("pin-item");
        await Assertions.Expect(items).ToHaveCountAsync(2);
        await Assertions.Expect(items.Nth(1)).ToContainTextAsync("Rule one: be kind");
        await Assertions.Expect(page.GetByTestId("pin-unpin")).ToHaveCountAsync(0);
        await items.Nth(1).GetByTestId("pin-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = "Rule one: be kind" })).ToBeInViewportAsync();
    }
}
