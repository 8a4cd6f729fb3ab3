using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Forwarding;

/// <summary>Forwarding in a real browser, in Arabic at phone width.</summary>
public sealed class ForwardJourneyTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Forward_InArabicAtPhoneWidth_PickedBySearch_ShowsForwardedFrom_AndIsAbsentInEncryptedChats()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("سارة المنصور");
        var omar = await api.CreateVerifiedUserAsync("عمر الفاسي");
        var lina = await api.CreateVerifiedUserAsync("لينا يوسف");
        var source = await api.CreateDirectAsync(omar, sara);
        var team = await api.CreateGroupAsync(sara, "فريق التسويق", lina);
        await api.CreateGroupAsync(sara, "فريق المبيعات", lina);
        var sealedId = await api.CreateDirectAsync(lina, sara, encrypted: true);
        await api.SendMessageAsync(omar, source, "تأجّل الاجتماع إلى الخميس");
        await api.SendMessageAsync(lina, sealedId, "رمز الباب ٤٤٧١");

        var saraPage = await browser.OpenAsync(app.Host, sara.Id, culture: "ar", width: 390, height: 844);
        var linaPage = await browser.OpenAsync(app.Host, lina.Id, culture: "ar", width: 390, height: 844);
        await api.AcceptAsync(lina, team);
        await api.AcceptAsync(sara, source);
        await api.AcceptAsync(sara, sealedId);
        await ChatPages.OpenListAsync(linaPage, $"/conversations/{team}");
        await ChatPages.WaitForChatAsync(linaPage);
        await ChatPages.OpenListAsync(saraPage, $"/conversations/{source}");
        await ChatPages.WaitForChatAsync(saraPage);

        await ChatPages.MessageActionAsync(saraPage, "تأجّل الاجتماع", "إعادة توجيه");
        var dialog = saraPage.GetByTestId("forward-dialog");
        await ChatPages.Field(saraPage, "forward-search").FillAsync("التسويق");
        var targets = dialog.GetByTestId("forward-target");
        await Assertions.Expect(targets).ToHaveCountAsync(1);
        await Assertions.Expect(targets).ToContainTextAsync("فريق التسويق");
        await targets.Locator("input[type=checkbox]").CheckAsync();
        await Assertions.Expect(saraPage.GetByTestId("forward-count")).ToHaveTextAsync("المحدّد: 1");
        var box = await dialog.BoundingBoxAsync();
        Assert.True(box!.Width <= 390, $"the forward dialog fits a phone screen ({box.Width}px)");
        await saraPage.GetByTestId("forward-confirm").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        // Lina sees the copy live, labelled with the original sender only.
        var copy = linaPage.GetByTestId("message").Filter(new() { HasText = "تأجّل الاجتماع إلى الخميس" });
        await Assertions.Expect(copy.GetByTestId("message-forwarded")).ToContainTextAsync("مُعاد توجيهها من");
        await Assertions.Expect(copy.GetByTestId("message-forwarded")).ToContainTextAsync("عمر الفاسي");

        // In the encrypted conversation the menu has no Forward at all.
        await ChatPages.OpenListAsync(saraPage, $"/conversations/{sealedId}");
        await ChatPages.WaitForChatAsync(saraPage);
        var secret = saraPage.GetByTestId("message").Filter(new() { HasText = "رمز الباب" });
        await secret.HoverAsync();
        await ChatPages.Menu(secret, "message-menu").ClickAsync();
        await Assertions.Expect(saraPage.GetByTestId("action-reply")).ToBeVisibleAsync();
        await Assertions.Expect(saraPage.GetByTestId("action-forward")).ToHaveCountAsync(0);
    }
}
