using Messaging.Core.Accounts;
using Messaging.Core.Contacts;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;
using SkiaSharp;
using ProfilesText = Messaging.Web.Resources.Profiles;

namespace Messaging.Tests.Web.Profiles;

/// <summary>Profiles in a real browser: editing one's name and picture, and the profile card (block, report) in both languages and at phone width.</summary>
public sealed class ProfileJourneyTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Settings_EditNameAndAvatar_InEnglish_OtherPersonSeesThePicture()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Before");
        var omar = await api.CreateVerifiedUserAsync("Omar Viewer");
        var id = await api.CreateDirectAsync(sara, omar);
        await api.AcceptAsync(omar, id);

        var page = await browser.OpenAsync(app.Host, sara.Id, culture: "en");
        await page.GotoAsync("/settings");
        await Assertions.Expect(page.Locator("[data-testid=shell][data-interactive=true]")).ToHaveCountAsync(1);
        var name = ChatPages.Field(page, "profile-name");
        await name.FillAsync("Sara After");
        await page.GetByTestId("profile-name-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(BrowserSession.Text<ProfilesText>("NameSaved", "en"));

        await page.GetByTestId("avatar-input").SetInputFilesAsync(new FilePayload
        {
            Name = "me.png",
            MimeType = "image/png",
            Buffer = TestFiles.Image(200, 200, SKEncodedImageFormat.Png),
        });
        var picture = page.Locator(".profile-editor [data-testid=avatar-image]");
        await Assertions.Expect(picture).ToBeVisibleAsync();
        await Assertions.Expect(picture).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"^/avatars/{sara.Id}\\?v="));
        await WaitUntilLoadedAsync(picture);

        var profile = await app.Host.Services.GetRequiredService<ProfileHandler>().GetAsync(sara.Id);
        Assert.Equal("Sara After", profile.Name);
        Assert.NotNull(profile.AvatarUrl);

        // Omar sees the new name and the picture in the chat header, through his own cookie.
        var omarPage = await browser.OpenAsync(app.Host, omar.Id, culture: "en");
        await ChatPages.OpenListAsync(omarPage, $"/conversations/{id}");
        await Assertions.Expect(omarPage.GetByTestId("chat-title")).ToHaveTextAsync("Sara After");
        await WaitUntilLoadedAsync(omarPage.Locator(".chat-header [data-testid=avatar-image]"));

        // Removing it brings the initials back.
        await page.GetByTestId("avatar-remove").ClickAsync();
        await Assertions.Expect(picture).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".profile-editor .avatar-initials")).ToHaveTextAsync("SA");
        Assert.Null((await app.Host.Services.GetRequiredService<ProfileHandler>().GetAsync(sara.Id)).AvatarUrl);
    }

    [Fact]
    public async Task ProfileCard_InArabic_ByKeyboard_BlockThenUnblock()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("سارة البطاقة");
        var omar = await api.CreateVerifiedUserAsync("عمر البطاقة");
        var layla = await api.CreateVerifiedUserAsync("ليلى البطاقة");
        var group = await api.CreateGroupAsync(sara, "فريق البطاقات", omar, layla);
        await api.AcceptAsync(omar, group);
        await api.SendMessageAsync(omar, group, "مرحبًا بالجميع");

        var page = await browser.OpenAsync(app.Host, sara.Id, culture: "ar");
        await ChatPages.OpenListAsync(page, $"/conversations/{group}");
        await ChatPages.WaitForChatAsync(page);
        var nameButton = page.GetByTestId("message").Filter(new() { HasText = "مرحبًا بالجميع" }).GetByTestId("person-name");
        await Assertions.Expect(nameButton).ToHaveTextAsync("عمر البطاقة");
        await Assertions.Expect(nameButton).ToHaveAttributeAsync("aria-label", BrowserSession.Text<ProfilesText>("OpenProfile", "ar").Replace("{0}", "عمر البطاقة", StringComparison.Ordinal));

        // Keyboard: focus the name and press Enter.
        await nameButton.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var card = page.GetByTestId("profile-card");
        await Assertions.Expect(card.GetByTestId("profile-card-name")).ToHaveTextAsync("عمر البطاقة");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        var block = card.GetByTestId("profile-card-block");
        await Assertions.Expect(block).ToHaveTextAsync(BrowserSession.Text<ProfilesText>("Block", "ar"));

        await block.ClickAsync();
        await Assertions.Expect(card.GetByTestId("profile-card-blocked")).ToHaveTextAsync(BrowserSession.Text<ProfilesText>("BlockedChip", "ar"));
        await Assertions.Expect(block).ToHaveTextAsync(BrowserSession.Text<ProfilesText>("Unblock", "ar"));
        var contacts = app.Host.Services.GetRequiredService<ContactsHandler>();
        Assert.Contains(await contacts.ListBlockedAsync(sara.Id), b => b.UserId == omar.Id);

        await block.ClickAsync();
        await Assertions.Expect(card.GetByTestId("profile-card-blocked")).ToHaveCountAsync(0);
        await Assertions.Expect(block).ToHaveTextAsync(BrowserSession.Text<ProfilesText>("Block", "ar"));
        Assert.Empty(await contacts.ListBlockedAsync(sara.Id));

        // Add to contacts from the card too, then Escape closes it.
        await card.GetByTestId("profile-card-contact-toggle").ClickAsync();
        await Assertions.Expect(card.GetByTestId("profile-card-contact")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(card).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ProfileCard_AtPhoneWidth_ReportsThePerson()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Phone");
        var omar = await api.CreateVerifiedUserAsync("Omar Reported");
        var group = await api.CreateGroupAsync(sara, "Phone group", omar);
        await api.AcceptAsync(omar, group);
        await api.SendMessageAsync(omar, group, "buy cheap watches now");

        var page = await browser.OpenAsync(app.Host, sara.Id, culture: "en", width: 390, height: 844);
        await ChatPages.OpenListAsync(page, $"/conversations/{group}");
        await ChatPages.WaitForChatAsync(page);
        await page.GetByTestId("message").Filter(new() { HasText = "buy cheap watches now" }).GetByTestId("person-name").ClickAsync();

        var card = page.GetByTestId("profile-card");
        await Assertions.Expect(card.GetByTestId("profile-card-name")).ToHaveTextAsync("Omar Reported");
        // Every action fits the phone's width.
        foreach (var action in new[] { "profile-card-message", "profile-card-contact-toggle", "profile-card-block", "profile-card-report" })
        {
            var box = await card.GetByTestId(action).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{action} at {box.X}+{box.Width}");
        }

        await card.GetByTestId("profile-card-report").ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-consent")).ToHaveTextAsync(BrowserSession.Text<ProfilesText>("ReportPersonNote", "en"));
        await page.Locator("[data-testid=report-reason][data-reason=spam]").ClickAsync();
        await page.GetByTestId("report-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-send")).ToHaveCountAsync(0);

        var admin = await api.LoginAdminAsync();
        var open = (await api.GetAsync("/api/v1/admin/reports?status=open&limit=100", admin))!["items"]!.AsArray();
        var report = Assert.Single(open, r => r!["user_id"]?.GetValue<Guid>() == omar.Id && r["reporter_id"]!.GetValue<Guid>() == sara.Id);
        Assert.Null(report!["message_id"]);
        Assert.Equal("spam", report["reason"]!.GetValue<string>());
    }

    // An <img> that shows initials on error would pass a visibility check while broken: wait for real pixels.
    // The stored avatar keeps a 200-pixel picture's size (it is only scaled down past the thumbnail edge).
    private static Task WaitUntilLoadedAsync(ILocator image) =>
        Assertions.Expect(image).ToHaveJSPropertyAsync("naturalWidth", 200);
}
