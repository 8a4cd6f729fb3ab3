using System.Text.RegularExpressions;
using Messaging.Core.Messages;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Search;

/// <summary>The search dialog in a real browser: find a message far back, open the conversation at it, in English and Arabic.</summary>
public sealed class SearchScreenTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    // Far more than one page (50) and than the widest read (100): the message is several reads back.
    private const int Later = 450;

    [Fact]
    public async Task English_CtrlK_FindsFarBackMessage_EnterOpensItHighlighted_InConversationSearchIsFiltered()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Seeker");
        var omar = await api.CreateVerifiedUserAsync("Omar Keeper");
        var direct = Guid.Parse(await api.CreateDirectAsync(sara, omar));
        var group = Guid.Parse(await api.CreateGroupAsync(sara, "Coast trip", omar));
        var sender = app.Host.Services.GetRequiredService<SendMessageHandler>();

        var target = (await sender.HandleAsync(omar.Id, new SendMessage(direct, "Tom wrote <b>bold</b> about the lighthouse keepers"))).Message;
        for (var i = 1; i <= Later; i++)
        {
            await sender.HandleAsync(i % 2 == 0 ? sara.Id : omar.Id, new SendMessage(direct, $"Filler {i}"));
        }

        await sender.HandleAsync(sara.Id, new SendMessage(group, "Meet at the lighthouse at noon"));

        var page = await browser.OpenAsync(app.Host, sara.Id);
        await ChatPages.OpenListAsync(page);

        // Ctrl+K opens the dialog; results come grouped by conversation, the matched word marked.
        await page.Keyboard.PressAsync("Control+K");
        var dialog = page.GetByTestId("search-dialog");
        await Assertions.Expect(ChatPages.Field(page, "search-query")).ToBeVisibleAsync();
        await ChatPages.Field(page, "search-query").FillAsync("lighthouse");
        var results = dialog.GetByTestId("search-result");
        await Assertions.Expect(results).ToHaveCountAsync(2);
        await Assertions.Expect(dialog.GetByTestId("search-group")).ToHaveCountAsync(2);
        var hit = results.Filter(new() { HasText = "keepers" });
        await Assertions.Expect(hit.Locator("mark")).ToHaveCountAsync(1);
        await Assertions.Expect(hit.Locator("mark")).ToHaveTextAsync("lighthouse");
        await Assertions.Expect(hit).ToContainTextAsync("Omar Keeper");

        // The user's text is text: the angle brackets show, no element is made of them.
        await Assertions.Expect(hit.GetByTestId("search-result-text")).ToContainTextAsync("<b>bold</b>");
        await Assertions.Expect(hit.Locator("b")).ToHaveCountAsync(0);

        // Arrow keys move the selection to the far-back message; Enter opens it.
        var targetIndex = await results.EvaluateAllAsync<int>(
            $"(rows) => rows.findIndex(r => r.dataset.messageId === '{target.Id}')");
        var input = ChatPages.Field(page, "search-query");
        for (var i = 0; i < targetIndex; i++)
        {
            await input.PressAsync("ArrowDown");
        }

        await Assertions.Expect(results.Nth(targetIndex)).ToHaveAttributeAsync("aria-selected", "true");
        await input.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/conversations/{direct}\\?message={target.Id}"));
        await ChatPages.WaitForChatAsync(page);
        await AssertOpenedAtAsync(page, target.Id);

        // The newest messages are still part of the log below it.
        var log = page.GetByTestId("message-log");
        Assert.True(int.Parse(await log.GetAttributeAsync("data-loaded") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > Later);

        // Inside the conversation, search covers this conversation only.
        await page.GetByTestId("search-conversation").ClickAsync();
        await ChatPages.Field(page, "search-query").FillAsync("lighthouse");
        await Assertions.Expect(page.GetByTestId("search-dialog").GetByTestId("search-result")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("search-dialog").GetByTestId("search-result")).ToHaveAttributeAsync("data-message-id", target.Id.ToString());
    }

    [Fact]
    public async Task Arabic_ButtonSearch_FoldedSpellingFindsFarBackMessage_ClickOpensItHighlighted()
    {
        using var api = app.Host.CreateApi();
        var lina = await api.CreateVerifiedUserAsync("Lina Reader");
        var karim = await api.CreateVerifiedUserAsync("Karim Writer");
        var direct = Guid.Parse(await api.CreateDirectAsync(lina, karim));
        var sender = app.Host.Services.GetRequiredService<SendMessageHandler>();

        var target = (await sender.HandleAsync(karim.Id, new SendMessage(direct, "زرنا المكتبة القديمة في المدينة أمس"))).Message;
        for (var i = 1; i <= Later; i++)
        {
            await sender.HandleAsync(i % 2 == 0 ? lina.Id : karim.Id, new SendMessage(direct, $"رسالة رقم {i}"));
        }

        var page = await browser.OpenAsync(app.Host, lina.Id, culture: "ar");
        await ChatPages.OpenListAsync(page);

        var button = page.GetByTestId("open-search");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-label", "البحث في الرسائل");
        await button.ClickAsync();
        var dialog = page.GetByTestId("search-dialog");
        await Assertions.Expect(ChatPages.Field(page, "search-query")).ToHaveAttributeAsync("placeholder", "ابحث في كل محادثاتك");

        // Written with a taa marbuta spelled as haa, as people often type it: the folded index still finds it.
        await ChatPages.Field(page, "search-query").FillAsync("مكتبه");
        var hit = dialog.GetByTestId("search-result");
        await Assertions.Expect(hit).ToHaveCountAsync(1);
        await Assertions.Expect(hit.Locator("mark")).ToHaveCountAsync(1);
        await Assertions.Expect(hit.Locator("mark")).ToHaveTextAsync("المكتبة");
        await Assertions.Expect(hit).ToContainTextAsync("Karim Writer");
        await Assertions.Expect(dialog).ToContainTextAsync("↑ ↓ للتنقل");

        await hit.ClickAsync();
        // Blazor moves within the document (history.pushState): poll the address, as a navigation event may never come.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/conversations/{direct}\\?message={target.Id}"));
        await ChatPages.WaitForChatAsync(page);
        await AssertOpenedAtAsync(page, target.Id);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");

        // Nothing found says so, in Arabic.
        await page.GetByTestId("search-conversation").ClickAsync();
        await ChatPages.Field(page, "search-query").FillAsync("حديقة");
        await Assertions.Expect(page.GetByTestId("search-empty")).ToHaveTextAsync("لا توجد رسائل مطابقة.");
    }

    [Fact]
    public async Task QuotedOriginalFarBack_ClickOnQuote_LoadsItAndOpensItHighlighted()
    {
        using var api = app.Host.CreateApi();
        var nora = await api.CreateVerifiedUserAsync("Nora Quoter");
        var adam = await api.CreateVerifiedUserAsync("Adam Original");
        var direct = Guid.Parse(await api.CreateDirectAsync(nora, adam));
        var sender = app.Host.Services.GetRequiredService<SendMessageHandler>();

        var original = (await sender.HandleAsync(adam.Id, new SendMessage(direct, "The ferry leaves at seven"))).Message;
        for (var i = 1; i <= Later; i++)
        {
            await sender.HandleAsync(i % 2 == 0 ? nora.Id : adam.Id, new SendMessage(direct, $"Filler {i}"));
        }

        await sender.HandleAsync(nora.Id, new SendMessage(direct, "Still true?", ReplyToMessageId: original.Id));

        var page = await browser.OpenAsync(app.Host, nora.Id);
        await ChatPages.OpenListAsync(page, $"/conversations/{direct}");
        await ChatPages.WaitForChatAsync(page);

        // The original is hundreds of messages back: not in the log until the quote is followed.
        await Assertions.Expect(page.Locator($"#m-{original.Id}")).ToHaveCountAsync(0);
        var quote = page.GetByTestId("message").Filter(new() { HasText = "Still true?" }).GetByTestId("message-quote");
        await quote.ClickAsync();

        await AssertOpenedAtAsync(page, original.Id);

        // The mark is brief: it goes away by itself.
        await Assertions.Expect(page.Locator($"#m-{original.Id}")).Not.ToHaveClassAsync(new Regex("\\bhighlight\\b"), new() { Timeout = 10_000 });
    }

    /// <summary>The log scrolled to the message (in view) and marked it for a moment.</summary>
    private static async Task AssertOpenedAtAsync(IPage page, Guid messageId)
    {
        var row = page.Locator($"#m-{messageId}");
        await Assertions.Expect(page.GetByTestId("message-log")).ToHaveAttributeAsync("data-jumped-to", messageId.ToString());
        await Assertions.Expect(row).ToHaveClassAsync(new Regex("\\bhighlight\\b"));
        await Assertions.Expect(row).ToBeInViewportAsync();
        await Assertions.Expect(row.GetByTestId("message-text")).ToBeVisibleAsync();
    }
}
