using System.Text.RegularExpressions;
using Messaging.Core.Notifications.Email;
using Messaging.Core.Persistence;
using Messaging.Core.Resources;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Tests.Web.Notifications;

/// <summary>The bell in a real browser: the badge and the tab title follow unread notifications live; the list opens.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NotificationJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("en", "Alice Haddad", "Bob Stone", "Yes, I will send comments tonight")]
    [InlineData("ar", "علياء حداد", "بشير الحسن", "نعم، سأرسل ملاحظاتي الليلة")]
    public async Task Bell_ReplyArrives_BadgeAndTitleCountUntilMarkedRead(string language, string aliceName, string bobName, string reply)
    {
        using var api = app.Host.CreateApi();
        var (alice, bob) = (await VerifiedAsync(api, aliceName), await VerifiedAsync(api, bobName));
        var conversation = await api.CreateDirectAsync(bob, alice);
        var question = await api.SendMessageAsync(bob, conversation, "Could you check the contract draft?");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress, language);
        await user.SignInAsync(bob.Email, bob.Password, language);
        await user.GotoAsync("/settings");
        await Expect(user.Page.Locator("[data-testid=notification-bell][data-ready=true]")).ToBeVisibleAsync();
        await Expect(user.Page).Not.ToHaveTitleAsync(CountPrefix());

        await api.SendMessageAsync(alice, conversation, reply, new { reply_to_message_id = question["id"]!.GetValue<string>() });

        await Expect(user.Page.Locator("[data-testid=notification-badge] .mud-badge")).ToHaveTextAsync("1");
        await Expect(user.Page).ToHaveTitleAsync(new Regex(@"^\(1\) "));
        await user.Page.ClickAsync("[data-testid=notification-bell-button]");
        await Expect(user.Page.Locator("[data-testid=activity-list]")).ToBeVisibleAsync();
        var item = user.Page.Locator("[data-testid=activity-item]");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToContainTextAsync(BrowserSession.Text<Activity>("TypeReply", language).Replace("{0}", aliceName, StringComparison.Ordinal));
        await Expect(item).ToContainTextAsync(reply);
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await user.HtmlAttributeAsync("dir"));
        await Screenshot(user.Page, $"notifications-activity-{language}.png");

        await user.Page.ClickAsync("[data-testid=mark-all-read]");

        await Expect(user.Page.Locator("[data-testid=notification-badge] .mud-badge")).ToBeHiddenAsync();
        await Expect(user.Page).Not.ToHaveTitleAsync(CountPrefix());
    }

    [Fact]
    public async Task Sound_PlaysForMessagesElsewhereOnlyWhileTheSwitchIsOn()
    {
        using var api = app.Host.CreateApi();
        var (alice, bob, carol) = (await api.CreateVerifiedUserAsync("Alice Sound"), await api.CreateVerifiedUserAsync("Bob Sound"), await api.CreateVerifiedUserAsync("Carol Sound"));
        var first = await api.CreateDirectAsync(alice, bob);
        var group = await api.CreateGroupAsync(alice, "Quiet hour", bob, carol);
        var third = await api.CreateGroupAsync(alice, "Loud hour", bob);
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        // Counts the oscillators the bell starts: the sound itself cannot be heard in headless Chromium.
        await user.Page.AddInitScriptAsync("""
            window.__sounds = 0;
            const Original = window.AudioContext;
            window.AudioContext = class extends Original {
              createOscillator() {
                const oscillator = super.createOscillator();
                const start = oscillator.start.bind(oscillator);
                oscillator.start = (...args) => { window.__sounds++; return start(...args); };
                return oscillator;
              }
            };
            """);
        await user.SignInAsync(bob.Email, bob.Password);
        await user.GotoAsync("/settings");
        await Expect(user.Page.Locator("[data-testid=notification-bell][data-ready=true]")).ToBeVisibleAsync();
        var snackbar = user.Page.Locator(".mud-snackbar");

        await api.SendMessageAsync(alice, first, "Sound on");
        await user.Page.WaitForFunctionAsync("() => window.__sounds === 1");

        await user.Page.ClickAsync("[data-testid=switch-sound]");
        await Expect(user.Page.Locator("[data-testid=switch-sound]")).Not.ToBeCheckedAsync();
        await api.SendMessageAsync(carol, group, "Sound off");
        // The bell reads the switch before it shows the snackbar: once it shows, the decision is made.
        await Expect(snackbar.Filter(new() { HasText = "Carol Sound" })).Not.ToHaveCountAsync(0);
        await user.Page.ClickAsync("[data-testid=switch-sound]");
        await Expect(user.Page.Locator("[data-testid=switch-sound]")).ToBeCheckedAsync();
        await api.SendMessageAsync(alice, third, "Sound on again");

        // Calls reach the page in order: had the second message played, the count would pass 2 before the third's.
        await user.Page.WaitForFunctionAsync("() => window.__sounds >= 2");
        Assert.Equal(2, await user.Page.EvaluateAsync<int>("() => window.__sounds"));
    }

    [Fact]
    public async Task PushSwitch_AsksPermissionOnlyWhenTurnedOn_SubscribesAndUnsubscribesThisBrowser()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Pia Push");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        // Headless Chromium has no push service: the permission prompt and the PushManager are stood in for; the page's
        // own code, the real service worker registration and the server's subscription handling run as they are.
        await user.Page.AddInitScriptAsync("""
            window.__permissionRequests = 0;
            Notification.requestPermission = async () => { window.__permissionRequests++; return 'granted'; };
            let current = null;
            PushManager.prototype.getSubscription = async () => current;
            PushManager.prototype.subscribe = async options => {
              window.__applicationServerKey = options.applicationServerKey.length;
              current = {
                endpoint: 'https://push.example.test/send/pia',
                toJSON: () => ({ endpoint: 'https://push.example.test/send/pia', keys: {
                  p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
                  auth: 'BTBZMqHH6r4Tts7J_aSIgg' } }),
                unsubscribe: async () => { current = null; return true; },
              };
              return current;
            };
            """);
        await user.SignInAsync(person.Email, person.Password);
        await user.GotoAsync("/settings");
        var pushSwitch = user.Page.Locator("[data-testid=switch-push][data-ready=true]");
        await Expect(pushSwitch).ToBeVisibleAsync();

        // The setting is on by default, but this browser is not subscribed: the switch says so, and nothing was asked.
        await Expect(pushSwitch).Not.ToBeCheckedAsync();
        Assert.Equal(0, await user.Page.EvaluateAsync<int>("() => window.__permissionRequests"));

        await pushSwitch.ClickAsync();

        await Eventually.UntilAsync("one push subscription", async () => await SubscriptionCountAsync(person.Id) == 1, TimeSpan.FromSeconds(15));
        await Expect(pushSwitch).ToBeCheckedAsync();
        Assert.Equal(1, await user.Page.EvaluateAsync<int>("() => window.__permissionRequests"));
        Assert.Equal(65, await user.Page.EvaluateAsync<int>("() => window.__applicationServerKey"));

        await pushSwitch.ClickAsync();

        await Expect(pushSwitch).Not.ToBeCheckedAsync();
        await Eventually.UntilAsync("no push subscription", async () => await SubscriptionCountAsync(person.Id) == 0, TimeSpan.FromSeconds(15));
        await Eventually.UntilAsync("push notifications off in the settings", async () => !(await api.GetAsync("/api/v1/messaging/settings", person))!["push_notifications"]!.GetValue<bool>(), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task EmailSwitch_Off_SavedAndNoDigestItemsArePlanned()
    {
        using var api = app.Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice Mail"), await api.CreateVerifiedUserAsync("Bob Mail"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(bob.Email, bob.Password);
        await user.GotoAsync("/settings");
        await user.Page.ClickAsync("[data-testid=switch-email]");
        await Expect(user.Page.Locator("[data-testid=switch-email]")).Not.ToBeCheckedAsync();
        await Eventually.UntilAsync("email notifications off in the settings", async () => !(await api.GetAsync("/api/v1/messaging/settings", bob))!["email_notifications"]!.GetValue<bool>(), TimeSpan.FromSeconds(15));

        await api.SendMessageAsync(alice, conversation, "Nothing by email, please");
        await app.Host.Services.GetRequiredService<Messaging.Core.Notifications.NotificationDispatcher>().ProcessPendingAsync();

        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Set<Messaging.Core.Notifications.EmailDigestItem>().AnyAsync(i => i.UserId == bob.Id));
        // A positive control: Alice, whose switch is on, would hear about Bob's reply.
        await api.SendMessageAsync(bob, conversation, "But Alice does");
        await app.Host.Services.GetRequiredService<Messaging.Core.Notifications.NotificationDispatcher>().ProcessPendingAsync();
        Assert.True(await db.Set<Messaging.Core.Notifications.EmailDigestItem>().AnyAsync(i => i.UserId == alice.Id));
    }

    /// <summary>A verified user whose name may be Arabic (the e-mail address is made up without it).</summary>
    private static async Task<TestUser> VerifiedAsync(ApiClient api, string name)
    {
        var user = await api.RegisterAsync(name, $"user.{Guid.NewGuid():N}@tests.local");
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{user.Id}/verify", await api.LoginAdminAsync());
        return user;
    }

    private async Task<int> SubscriptionCountAsync(Guid userId)
    {
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        return await db.Set<Messaging.Core.Notifications.PushSubscription>().CountAsync(s => s.UserId == userId);
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
        var folder = ScreenshotAlbum.Folder;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), Animations = ScreenshotAnimations.Disabled });
    }

    [GeneratedRegex(@"^\(\d+\) ")]
    private static partial Regex CountPrefix();
}
