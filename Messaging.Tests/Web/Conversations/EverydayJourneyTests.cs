using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Conversations;

/// <summary>Reactions and edit history in a real browser, in Arabic, on a desktop and at phone width.</summary>
public sealed class EverydayJourneyTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Reactions_InArabic_QuickSetPickerWhoReactedAndTakingBack_AreLiveOnBothSides()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("سارة حداد");
        var omar = await api.CreateVerifiedUserAsync("عمر خليل");
        var id = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, id, "هل نلتقي غدًا؟");

        var saraPage = await browser.OpenAsync(app.Host, sara.Id, culture: "ar");
        var omarPage = await browser.OpenAsync(app.Host, omar.Id, culture: "ar");
        foreach (var page in new[] { saraPage, omarPage })
        {
            await ChatPages.OpenListAsync(page, $"/conversations/{id}");
            await ChatPages.WaitForChatAsync(page);
        }

        // Omar answers with a quick 👍; Sara sees it at once, with his name on hover.
        await ChatPages.ReactAsync(omarPage, "هل نلتقي غدًا؟", "👍");
        var saraThumb = saraPage.GetByTestId("reaction").And(saraPage.Locator("[data-emoji='👍']"));
        await Assertions.Expect(saraThumb.GetByTestId("reaction-count")).ToHaveTextAsync("1");
        await Assertions.Expect(saraThumb).ToHaveAttributeAsync("title", "عمر خليل");
        await Assertions.Expect(saraThumb).ToHaveAttributeAsync("aria-pressed", "false");

        // A long press (the context menu gesture) lists who reacted, for screens without hover.
        await saraThumb.ClickAsync(new() { Button = MouseButton.Right });
        await Assertions.Expect(saraPage.GetByTestId("reaction-who")).ToContainTextAsync("عمر خليل");

        // Sara adds hers by pressing the chip: Omar sees two, and both names.
        await saraThumb.ClickAsync();
        var omarThumb = omarPage.GetByTestId("reaction").And(omarPage.Locator("[data-emoji='👍']"));
        await Assertions.Expect(omarThumb.GetByTestId("reaction-count")).ToHaveTextAsync("2");
        await Assertions.Expect(omarThumb).ToHaveAttributeAsync("title", "أنت، سارة حداد");

        // The full picker, by keyboard: Omar picks 🎉 from its grid.
        var message = omarPage.GetByTestId("message").Filter(new() { HasText = "هل نلتقي غدًا؟" });
        await message.HoverAsync();
        await ChatPages.Menu(message, "reaction-menu").ClickAsync();
        await omarPage.GetByTestId("more-reactions").ClickAsync();
        var party = omarPage.GetByTestId("reaction-picker").Locator("[data-testid=picker-emoji][data-emoji='🎉']");
        await party.FocusAsync();
        await party.PressAsync("Enter");
        await Assertions.Expect(saraPage.Locator("[data-testid=reaction][data-emoji='🎉']")).ToBeVisibleAsync();

        // Omar takes his 👍 back: Sara's count drops to her own.
        await omarThumb.ClickAsync();
        await Assertions.Expect(saraThumb.GetByTestId("reaction-count")).ToHaveTextAsync("1");
        await Assertions.Expect(saraThumb).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task EditHistory_InArabicAtPhoneWidth_EditedMarkerOpensEarlierVersions()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("سارة الهاتف");
        var omar = await api.CreateVerifiedUserAsync("عمر الهاتف");
        var id = await api.CreateDirectAsync(sara, omar);

        var saraPage = await browser.OpenAsync(app.Host, sara.Id, culture: "ar", width: 390, height: 844);
        var omarPage = await browser.OpenAsync(app.Host, omar.Id, culture: "ar", width: 390, height: 844);
        foreach (var page in new[] { saraPage, omarPage })
        {
            await ChatPages.OpenListAsync(page, $"/conversations/{id}");
            await ChatPages.WaitForChatAsync(page);
        }

        await ChatPages.SendAsync(saraPage, "الاجتماع الساعة العاشرة");
        var composer = saraPage.GetByTestId("composer-input");
        await composer.PressAsync("ArrowUp");
        await Assertions.Expect(composer).ToHaveValueAsync("الاجتماع الساعة العاشرة");
        await composer.FillAsync("الاجتماع الساعة الحادية عشرة");
        await composer.PressAsync("Enter");

        var edited = omarPage.GetByTestId("message").Filter(new() { HasText = "الحادية عشرة" });
        await Assertions.Expect(edited.GetByTestId("message-edited")).ToHaveTextAsync("معدّلة");
        await edited.GetByTestId("message-edited").ClickAsync();
        var dialog = omarPage.GetByTestId("edit-history");
        await Assertions.Expect(dialog.GetByTestId("edit-version")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("الاجتماع الساعة العاشرة"));
        await Assertions.Expect(dialog.GetByTestId("edit-version-current")).ToContainTextAsync("الحادية عشرة");
        var box = await dialog.BoundingBoxAsync();
        Assert.True(box!.Width <= 390, $"the history dialog fits a phone screen ({box.Width}px)");
        await omarPage.GetByTestId("edit-history-close").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Links_OpenSafelyInANewTab_AndHtmlFromUsersIsShownAsText()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Links");
        var omar = await api.CreateVerifiedUserAsync("Omar Links");
        var id = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, id, "Guide: https://example.com/guide?x=1. <img src=x onerror=alert(1)> Mail sara@example.com or call +966 50 123 4567");

        var page = await browser.OpenAsync(app.Host, omar.Id);
        await ChatPages.OpenListAsync(page, $"/conversations/{id}");
        await ChatPages.WaitForChatAsync(page);

        var text = page.GetByTestId("message-text").First;
        var links = text.GetByTestId("message-link");
        await Assertions.Expect(links).ToHaveCountAsync(3);
        await Assertions.Expect(links.Nth(0)).ToHaveAttributeAsync("href", "https://example.com/guide?x=1");
        await Assertions.Expect(links.Nth(0)).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Assertions.Expect(links.Nth(0)).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(links.Nth(1)).ToHaveAttributeAsync("href", "mailto:sara@example.com");
        await Assertions.Expect(links.Nth(2)).ToHaveAttributeAsync("href", "tel:+966501234567");
        await Assertions.Expect(text).ToContainTextAsync("<img src=x onerror=alert(1)>");
        await Assertions.Expect(text.Locator("img")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task MarkUnread_FromTheMessageMenu_ShowsUnreadOnEveryDevice()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Devices");
        var omar = await api.CreateVerifiedUserAsync("Omar Devices");
        var id = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, id, "First point");
        await api.SendMessageAsync(sara, id, "Second point");

        var laptop = await browser.OpenAsync(app.Host, omar.Id);
        var phone = await browser.OpenAsync(app.Host, omar.Id, width: 390, height: 844);
        await ChatPages.OpenListAsync(phone);
        await ChatPages.OpenListAsync(laptop, $"/conversations/{id}");
        await ChatPages.WaitForChatAsync(laptop);
        var phoneItem = phone.GetByTestId("conversation-item").Filter(new() { HasText = "Sara Devices" });
        await Assertions.Expect(phoneItem.GetByTestId("unread-badge")).ToHaveCountAsync(0);

        await ChatPages.MessageActionAsync(laptop, "First point", "Mark unread");

        await Assertions.Expect(phoneItem.GetByTestId("unread-badge")).ToHaveTextAsync("2");
        var laptopItem = laptop.GetByTestId("conversation-item").Filter(new() { HasText = "Sara Devices" });
        await Assertions.Expect(laptopItem.GetByTestId("unread-badge")).ToHaveTextAsync("2");
    }
}
