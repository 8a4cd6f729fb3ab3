using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Messaging.Core.Notifications.Push;
using Messaging.Core.Resources;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Tests.Web.Notifications;

/// <summary>
/// The product's service worker (wwwroot/sw.js) in real headless Chromium. A message sent on the real app becomes a push
/// that the product encrypts to a subscription and posts to a push service on loopback (there is no FCM offline). The
/// test decrypts it as the browser would and hands the exact bytes the product sent to the worker through the DevTools
/// protocol (<c>ServiceWorker.deliverPushMessage</c> fires a real, trusted <c>push</c> event), then reads what the worker
/// showed with <c>getNotifications()</c>.
/// </summary>
/// <remarks>
/// Chromium's DevTools protocol has no command to click a notification (its ServiceWorker domain offers push, sync and
/// periodic sync only). The click is a <c>NotificationEvent</c> made in the worker with the notification it really
/// showed, dispatched to the worker's own listener; such an event carries no user activation, so the browser refuses
/// <c>focus()</c> and <c>openWindow()</c> there, and the test proves the part it can: the listener closes the notification
/// and brings an open window of the app to the conversation.
/// </remarks>
[Collection(BrowserCollection.Name)]
public sealed partial class ServiceWorkerPushTests(BrowserFixture browser, SqliteNotificationFixture fixture) : IClassFixture<SqliteNotificationFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("en", "Alice Haddad", "Bob Stone", "Lunch at noon on Thursday?")]
    [InlineData("ar", "علياء حداد", "بشير الحسن", "هل نتغدى ظهر الخميس؟")]
    public async Task Push_ServiceWorkerShowsItInTheRecipientsLanguage_ClickOpensTheConversation(string language, string aliceName, string bobName, string text)
    {
        using var api = fixture.Host.CreateApi();
        var (alice, bob) = (await VerifiedAsync(api, aliceName), await VerifiedAsync(api, bobName));
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", bob, new { language });
        var conversation = await api.CreateDirectAsync(alice, bob);
        using var subscription = await SubscribeAsync(api, bob);
        await using var person = await browser.NewSessionAsync(fixture.Host.BaseAddress, language);
        var worker = await WorkerAsync(person);

        // Bob's browser is not signed in: he has no live connection, so the planner sends him a push.
        await api.SendMessageAsync(alice, conversation, text);
        var payload = await PushedPayloadAsync(subscription);
        await worker.DeliverAsync(payload);

        var shown = await ShownAsync(person.Page, conversation);
        var culture = NotificationsText.CultureOf(language);
        Assert.Equal(NotificationsText.Format("PushNewMessageTitle", culture, aliceName), shown.GetProperty("title").GetString());
        Assert.Equal(text, shown.GetProperty("body").GetString());
        Assert.Equal($"/conversations/{conversation}", shown.GetProperty("data").GetProperty("url").GetString());

        await person.SignInAsync(bob.Email, bob.Password);
        await person.GotoAsync("/settings");
        Assert.Equal(0, await ClickAsync(person, worker, conversation));

        await Expect(person.Page).ToHaveURLAsync(new Regex($"/conversations/{conversation}$"));
        await Expect(person.Page.Locator("[data-testid=message-text]").Filter(new() { HasText = text })).ToBeVisibleAsync();
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await person.HtmlAttributeAsync("dir"));
        Assert.Single(person.Context.Pages);
    }

    [Fact]
    public async Task Push_ClickWhileTheConversationIsOpen_StaysThereInTheSameWindow()
    {
        using var api = fixture.Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice Open"), await api.CreateVerifiedUserAsync("Bob Open"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        using var subscription = await SubscribeAsync(api, bob);
        await using var person = await browser.NewSessionAsync(fixture.Host.BaseAddress);
        var worker = await WorkerAsync(person);
        await api.SendMessageAsync(alice, conversation, "Still there?");
        await worker.DeliverAsync(await PushedPayloadAsync(subscription));
        await ShownAsync(person.Page, conversation);
        await person.SignInAsync(bob.Email, bob.Password);
        await person.GotoAsync($"/conversations/{conversation}");
        await Expect(person.Page.Locator("[data-testid=message-text]").Filter(new() { HasText = "Still there?" })).ToBeVisibleAsync();
        // A page load would wipe this mark.
        await person.Page.EvaluateAsync("() => window.__stayed = true");

        Assert.Equal(0, await ClickAsync(person, worker, conversation));

        Assert.True(await person.Page.EvaluateAsync<bool>("() => window.__stayed === true"));
        Assert.Single(person.Context.Pages);
        await Expect(person.Page).ToHaveURLAsync(new Regex($"/conversations/{conversation}$"));
    }

    [Fact]
    public async Task Push_EncryptedConversation_ServiceWorkerShowsNoContent()
    {
        using var api = fixture.Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice Sealed"), await api.CreateVerifiedUserAsync("Bob Sealed"));
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", bob, new { language = "ar" });
        var conversation = await api.CreateDirectAsync(alice, bob, encrypted: true);
        using var subscription = await SubscribeAsync(api, bob);
        await using var person = await browser.NewSessionAsync(fixture.Host.BaseAddress, "ar");
        var worker = await WorkerAsync(person);

        await api.SendMessageAsync(alice, conversation, "The safe code is 4417");
        await worker.DeliverAsync(await PushedPayloadAsync(subscription));

        var shown = await ShownAsync(person.Page, conversation);
        var culture = NotificationsText.CultureOf("ar");
        Assert.Equal(NotificationsText.Format("PushNewMessageTitle", culture, "Alice Sealed"), shown.GetProperty("title").GetString());
        Assert.Equal(NotificationsText.Get("PushEncryptedBody", culture), shown.GetProperty("body").GetString());
        Assert.DoesNotContain("4417", shown.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Opens the app (which registers /sw.js), allows notifications as a person would, and learns the worker's
    /// registration id from the DevTools protocol.
    /// </summary>
    private static async Task<Worker> WorkerAsync(BrowserSession person)
    {
        var cdp = await person.Context.NewCDPSessionAsync(person.Page);
        var registrations = new List<(string Id, string Scope, bool Deleted)>();
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            lock (registrations)
            {
                registrations.AddRange(e!.Value.GetProperty("registrations").EnumerateArray().Select(r =>
                    (r.GetProperty("registrationId").GetString()!, r.GetProperty("scopeURL").GetString()!, r.GetProperty("isDeleted").GetBoolean())));
            }
        };
        await cdp.SendAsync("ServiceWorker.enable");
        await person.Page.GotoAsync("/account/login");
        var appOrigin = new Uri(person.Page.Url).GetLeftPart(UriPartial.Authority);
        await person.Context.GrantPermissionsAsync(["notifications"], new() { Origin = appOrigin });
        await person.Page.EvaluateAsync("() => navigator.serviceWorker.ready");
        Assert.Equal("granted", await person.Page.EvaluateAsync<string>("() => Notification.permission"));

        string? id = null;
        await WaitUntilAsync("the service worker's registration", () =>
        {
            lock (registrations)
            {
                id = registrations.LastOrDefault(r => r.Scope == appOrigin + "/" && !r.Deleted).Id;
            }

            return Task.FromResult(id is not null);
        });
        return new Worker(cdp, appOrigin, id!);
    }

    /// <summary>What the worker showed for the conversation (its tag), read back from the browser.</summary>
    private static async Task<JsonElement> ShownAsync(IPage page, string conversation)
    {
        JsonElement shown = default;
        await WaitUntilAsync("the notification", async () =>
        {
            var list = await page.EvaluateAsync<JsonElement>(
                """
                async tag => (await (await navigator.serviceWorker.ready).getNotifications({ tag }))
                  .map(n => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }))
                """, conversation);
            if (list.GetArrayLength() == 0)
            {
                return false;
            }

            shown = Assert.Single(list.EnumerateArray());
            return true;
        });
        Assert.Equal(conversation, shown.GetProperty("tag").GetString());
        return shown;
    }

    /// <summary>
    /// Clicks the conversation's notification the only way Chromium allows a test to (see the class remarks), waits for
    /// what the listener started, and returns how many of the conversation's notifications are left.
    /// </summary>
    private async Task<int> ClickAsync(BrowserSession person, Worker worker, string conversation)
    {
        const string Click = """
            async tag => {
              const [notification] = await self.registration.getNotifications({ tag });
              const click = new NotificationEvent('notificationclick', { notification });
              // A script-made event cannot be extended (waitUntil throws): keep the listener's promise and wait on it.
              let opening = null;
              click.waitUntil = promise => { opening = promise; };
              self.dispatchEvent(click);
              if (!opening) {
                throw new Error('the notificationclick listener did not run');
              }
              await opening;
              return (await self.registration.getNotifications({ tag })).length;
            }
            """;
        var result = await worker.EvaluateInWorkerAsync(browser.Browser, person.Page, $"({Click})({JsonSerializer.Serialize(conversation)})");
        return result.GetInt32();
    }

    /// <summary>The JSON the product encrypted for the subscription, decrypted with the browser's key.</summary>
    private async Task<string> PushedPayloadAsync(Subscription subscription)
    {
        PushRequest? request = null;
        await WaitUntilAsync($"a push to {subscription.Id}", () =>
        {
            request = fixture.Push.Requests.FirstOrDefault(r => r.Id == subscription.Id);
            return Task.FromResult(request is not null);
        });
        return Encoding.UTF8.GetString(WebPushEncryption.Decrypt(request!.Body, subscription.Key, subscription.Auth));
    }

    /// <summary>
    /// A push subscription as a browser makes one (a P-256 key and an auth secret) on the loopback push service: Chromium
    /// cannot subscribe without its vendor's push service, which is out of reach here.
    /// </summary>
    private async Task<Subscription> SubscribeAsync(ApiClient api, TestUser user)
    {
#pragma warning disable CA2000 // The subscription keeps its key for the whole test, as a browser does; disposed by the caller.
        var subscription = new Subscription($"sw-{Guid.NewGuid():N}", ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256), RandomNumberGenerator.GetBytes(16));
#pragma warning restore CA2000
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/notifications/push/subscriptions", user, new
        {
            endpoint = new Uri(fixture.Push.BaseAddress, $"/push/{subscription.Id}").ToString(),
            keys = new { p256dh = WebEncoders.Base64UrlEncode(WebPushEncryption.PublicKeyBytes(subscription.Key)), auth = WebEncoders.Base64UrlEncode(subscription.Auth) },
        });
        return subscription;
    }

    /// <summary>A verified user whose name may be Arabic (the e-mail address is made up without it).</summary>
    private static async Task<TestUser> VerifiedAsync(ApiClient api, string name)
    {
        var user = await api.RegisterAsync(name, $"user.{Guid.NewGuid():N}@tests.local");
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{user.Id}/verify", await api.LoginAdminAsync());
        return user;
    }

    private static async Task WaitUntilAsync(string what, Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    private sealed record Subscription(string Id, ECDiffieHellman Key, byte[] Auth) : IDisposable
    {
        public void Dispose() => Key.Dispose();
    }
}
