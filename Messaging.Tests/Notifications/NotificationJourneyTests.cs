using System.Text.RegularExpressions;
using Messaging.Core.Notifications.Email;
using Messaging.Core.Resources;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Resources;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Tests.Notifications;

/// <summary>The bell in a real browser: the badge and the tab title follow unread notifications live; the list opens.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NotificationJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    private static readonly string Folder = Environment.GetEnvironmentVariable("MESSAGING_SCREENSHOTS_DIR") is { Length: > 0 } dir
        ? dir
        : Directory.CreateTempSubdirectory("messaging-screenshots-").FullName;

    [Fact]
    public async Task Bell_ReplyArrives_BadgeAndTitleCountUntilMarkedRead()
    {
        using var api = app.Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice Haddad"), await api.CreateVerifiedUserAsync("Bob Stone"));
        var conversation = await api.CreateDirectAsync(bob, alice);
        var question = await api.SendMessageAsync(bob, conversation, "Could you check the contract draft?");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(bob.Email, bob.Password);
        await user.GotoAsync("/settings");
        await Expect(user.Page.Locator("[data-testid=notification-bell][data-ready=true]")).ToBeVisibleAsync();
        await Expect(user.Page).Not.ToHaveTitleAsync(CountPrefix());

        await api.SendMessageAsync(alice, conversation, "Yes, I will send comments tonight", new { reply_to_message_id = question["id"]!.GetValue<string>() });

        await Expect(user.Page.Locator("[data-testid=notification-badge] .mud-badge")).ToHaveTextAsync("1");
        await Expect(user.Page).ToHaveTitleAsync(new Regex(@"^\(1\) "));
        await user.Page.ClickAsync("[data-testid=notification-bell-button]");
        await Expect(user.Page.Locator("[data-testid=activity-list]")).ToBeVisibleAsync();
        var item = user.Page.Locator("[data-testid=activity-item]");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToContainTextAsync(BrowserSession.Text<Activity>("TypeReply", "en").Replace("{0}", "Alice Haddad", StringComparison.Ordinal));
        await Expect(item).ToContainTextAsync("Yes, I will send comments tonight");
        await Screenshot(user.Page, "notifications-activity-en.png");

        await user.Page.ClickAsync("[data-testid=mark-all-read]");

        await Expect(user.Page.Locator("[data-testid=notification-badge] .mud-badge")).ToBeHiddenAsync();
        await Expect(user.Page).Not.ToHaveTitleAsync(CountPrefix());
    }

    [Fact]
    public async Task NewMessage_InAnotherConversation_SnackbarOffersToOpenIt()
    {
        using var api = app.Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice Snack"), await api.CreateVerifiedUserAsync("Bob Snack"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(bob.Email, bob.Password);
        await user.GotoAsync("/settings");
        await Expect(user.Page.Locator("[data-testid=notification-bell][data-ready=true]")).ToBeVisibleAsync();

        await api.SendMessageAsync(alice, conversation, "Are you free at three?");

        var snackbar = user.Page.Locator(".mud-snackbar");
        await Expect(snackbar).ToContainTextAsync(BrowserSession.Text<Activity>("NewMessageSnackbar", "en").Replace("{0}", "Alice Snack", StringComparison.Ordinal));
        await snackbar.GetByRole(AriaRole.Button, new() { Name = BrowserSession.Text<Activity>("Open", "en") }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex($"/conversations/{conversation}$"));
    }

    [Fact]
    [Trait("Category", "Screenshots")]
    public async Task DigestEmail_Arabic_RendersRightToLeftInChromium()
    {
        var culture = NotificationsText.CultureOf("ar");
        var email = DigestComposer.Compose(
            "salma@example.com", "سلمى العتيبي", culture,
            [
                new DigestSection(Guid.CreateVersion7(), "فريق المشروع", 3, ["خالد المصري", "Sarah Hassan"], "هل راجعتم المسودة الأخيرة قبل اجتماع الغد؟", false),
                new DigestSection(Guid.CreateVersion7(), NotificationsText.Format("DigestDirectTitle", culture, "د. نورة"), 1, ["د. نورة"], null, true),
            ],
            "https://messaging.example.com", "token");
        await using var session = await browser.NewSessionAsync(app.Host.BaseAddress, "ar", 800, 900);

        await session.Page.SetContentAsync(email.Html);

        Assert.Equal("rtl", await session.Page.Locator("html").GetAttributeAsync("dir"));
        await Expect(session.Page.Locator("body")).ToContainTextAsync("افتح المحادثة");
        await Expect(session.Page.Locator("body")).ToContainTextAsync(NotificationsText.Get("DigestEncrypted", culture));
        await Screenshot(session.Page, "digest-email-ar.png");
    }

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name), Animations = ScreenshotAnimations.Disabled });
    }

    [GeneratedRegex(@"^\(\d+\) ")]
    private static partial Regex CountPrefix();
}
