using Messaging.Core.Moderation;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;
using ReportsText = Messaging.Web.Resources.Reports;

namespace Messaging.Tests.Web.Moderation;

/// <summary>Reporting in a real browser: a person reports a message in Arabic, an administrator removes it, both sides see the tombstone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Report_InArabicThenAdminDeletesMessage_TombstoneShowsInArabicAndEnglish()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Spammer");
        var reporter = await api.RegisterAsync("ليلى المبلّغة", $"layla.{Guid.NewGuid():N}@tests.local");
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{reporter.Id}/verify", await api.LoginAdminAsync());
        var conversation = await api.CreateDirectAsync(bob, reporter);
        await api.AcceptAsync(reporter, conversation);
        await api.SendMessageAsync(bob, conversation, "Hello there");
        await api.SendMessageAsync(bob, conversation, "Buy followers now at spam.example");

        await using var layla = await browser.NewSessionAsync(app.Host.BaseAddress, "ar");
        await layla.SignInAsync(reporter.Email, reporter.Password, "ar");
        await layla.GotoAsync($"/conversations/{conversation}");
        await ChatPages.WaitForChatAsync(layla.Page);
        await using var sender = await browser.NewSessionAsync(app.Host.BaseAddress, "en");
        await sender.SignInAsync(bob.Email, bob.Password, "en");
        await sender.GotoAsync($"/conversations/{conversation}");
        await ChatPages.WaitForChatAsync(sender.Page);

        var message = layla.Page.GetByTestId("message").Filter(new() { HasText = "Buy followers now" });
        await message.HoverAsync();
        await ChatPages.Menu(message, "message-menu").ClickAsync();
        await layla.Page.GetByTestId("action-report").ClickAsync();
        // MudBlazor puts the dialog's test id on its content, not around the buttons: read the page.
        var dialog = layla.Page;
        await Expect(dialog.GetByTestId("report-consent")).ToContainTextAsync(BrowserSession.Text<ReportsText>("EvidenceNote", "ar"));
        await Expect(dialog.GetByTestId("report-send")).ToBeDisabledAsync();
        await dialog.Locator("[data-testid=report-reason][data-reason=spam]").ClickAsync();
        await dialog.Locator("textarea[data-testid=report-comment], [data-testid=report-comment] textarea").First.FillAsync("رابط مزعج");
        await dialog.GetByTestId("report-send").ClickAsync();
        await Expect(dialog.GetByTestId("report-send")).ToHaveCountAsync(0);

        await using var admin = await browser.NewSessionAsync(app.Host.BaseAddress, "en");
        await admin.SignInAdminAsync("en");
        await admin.GotoAsync("/admin");
        await admin.Page.GetByTestId("nav-ReportsNav").ClickAsync();
        var reportCase = admin.Page.GetByTestId("report-case").Filter(new() { HasText = "Buy followers now" });
        await Expect(reportCase).ToHaveCountAsync(1);
        await Expect(reportCase.Locator("[data-testid=evidence-message][data-reported=true]")).ToContainTextAsync("Buy followers now");
        await Expect(reportCase.Locator("[data-testid=evidence-message][data-reported=false]")).ToContainTextAsync("Hello there");
        await Expect(reportCase.GetByTestId("reporters")).ToContainTextAsync("رابط مزعج");
        await Expect(reportCase.GetByTestId("earlier-reports")).ToHaveAttributeAsync("data-count", "0");
        await reportCase.Locator("textarea[data-testid=report-note], [data-testid=report-note] textarea").First.FillAsync("Spam link");
        await reportCase.GetByTestId("report-delete-message").ClickAsync();
        await Expect(reportCase).ToHaveCountAsync(0);

        // Both open chats turn the message into the administrator's tombstone at once, each in its own language.
        var laylaTombstone = layla.Page.GetByTestId("message-deleted");
        await Expect(laylaTombstone).ToContainTextAsync(BrowserSession.Text<ReportsText>("RemovedByAdministrator", "ar"));
        await Expect(sender.Page.GetByTestId("message-deleted")).ToContainTextAsync(BrowserSession.Text<ReportsText>("RemovedByAdministrator", "en"));
        await Expect(layla.Page.GetByTestId("message-text").Filter(new() { HasText = "Buy followers now" })).ToHaveCountAsync(0);

        await admin.GotoAsync("/admin/audit");
        await Expect(admin.Page.Locator($"[data-action={AuditActions.MessageRemoved}]").First).ToBeVisibleAsync();
        await Expect(admin.Page.Locator("[data-testid=audit-table] tr", new() { HasText = "Spam link" })
            .Filter(new() { Has = admin.Page.Locator($"[data-action={AuditActions.ReportResolved}]") })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task ReportDialog_EncryptedConversation_SaysTheReporterSharesTheMessages()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Encrypted Sender");
        var alice = await api.CreateVerifiedUserAsync("Alice Encrypted Reader");
        var conversation = await api.CreateDirectAsync(bob, alice, encrypted: true);
        await api.AcceptAsync(alice, conversation);
        await api.SendMessageAsync(bob, conversation, "encrypted insult");

        await using var session = await browser.NewSessionAsync(app.Host.BaseAddress, "en", width: 390, height: 844);
        await session.SignInAsync(alice.Email, alice.Password, "en");
        await session.GotoAsync($"/conversations/{conversation}");
        await ChatPages.WaitForChatAsync(session.Page);
        var message = session.Page.GetByTestId("message").Filter(new() { HasText = "encrypted insult" });
        await message.HoverAsync();
        await ChatPages.Menu(message, "message-menu").ClickAsync();
        await session.Page.GetByTestId("action-report").ClickAsync();

        await Expect(session.Page.GetByTestId("report-consent")).ToHaveTextAsync(BrowserSession.Text<ReportsText>("EncryptedConsent", "en"));
        await session.Page.Locator("[data-testid=report-reason][data-reason=harassment]").ClickAsync();
        await session.Page.GetByTestId("report-send").ClickAsync();
        await Expect(session.Page.GetByTestId("report-send")).ToHaveCountAsync(0);
        var admin = await api.LoginAdminAsync();
        var open = (await api.GetAsync("/api/v1/admin/reports?limit=100", admin))!["items"]!.AsArray();
        Assert.Contains(open, r => r!["evidence"]!.AsArray().Any(e => e!["content"]!.GetValue<string>() == "encrypted insult"));
    }

    [Fact]
    public async Task SuspendFromQueue_InArabicAtPhoneWidth_KeepsTheChosenEndDate()
    {
        using var api = app.Host.CreateApi();
        var target = await api.CreateVerifiedUserAsync("Rude Person");
        var reporter = await api.CreateVerifiedUserAsync("Reporter Of People");
        await api.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", reporter,
            new { user_id = target.Id, reason = "harassment", comment = "insults in every group" });
        var end = DateTime.UtcNow.Date.AddDays(30);

        await using var admin = await browser.NewSessionAsync(app.Host.BaseAddress, "ar", width: 390, height: 844);
        await admin.SignInAdminAsync("ar");
        await admin.GotoAsync("/admin/reports");
        var reportCase = admin.Page.GetByTestId("report-case").Filter(new() { HasText = "insults in every group" });
        await Expect(reportCase).ToHaveCountAsync(1);
        await reportCase.Locator("textarea[data-testid=report-note], [data-testid=report-note] textarea").First.FillAsync("إساءة متكررة");
        await reportCase.Locator("input[data-testid=report-suspend-until], [data-testid=report-suspend-until] input").First
            .FillAsync(end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await reportCase.GetByTestId("report-suspend").ClickAsync();
        await Expect(reportCase).ToHaveCountAsync(0);

        var factory = app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var suspended = await db.Users.SingleAsync(u => u.Id == target.Id);
        Assert.NotNull(suspended.SuspendedAt);
        Assert.Equal(end, suspended.SuspendedUntil);
        Assert.Equal("إساءة متكررة", suspended.SuspensionReason);
    }

    [Fact]
    public async Task ReportConversation_FromDetailsInArabicAtPhoneWidth_CaseWithItsLatestMessages()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Group Spammer");
        var reporter = await api.RegisterAsync("سلمى المبلّغة", $"salma.{Guid.NewGuid():N}@tests.local");
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{reporter.Id}/verify", await api.LoginAdminAsync());
        var group = await api.CreateGroupAsync(bob, "مجموعة الإعلانات", reporter);
        await api.AcceptAsync(reporter, group);
        await api.SendMessageAsync(bob, group, "Cheap phones, click here");

        await using var session = await browser.NewSessionAsync(app.Host.BaseAddress, "ar", width: 390, height: 844);
        await session.SignInAsync(reporter.Email, reporter.Password, "ar");
        await session.GotoAsync($"/conversations/{group}");
        await ChatPages.WaitForChatAsync(session.Page);
        Assert.Equal("rtl", await session.Page.Locator("html").GetAttributeAsync("dir"));
        await session.Page.GetByTestId("open-settings").ClickAsync();
        await Expect(session.Page.GetByTestId("report-conversation")).ToHaveTextAsync(BrowserSession.Text<ReportsText>("ActionReportConversation", "ar"));
        await session.Page.GetByTestId("report-conversation").ClickAsync();

        await Expect(session.Page.GetByTestId("report-consent")).ToHaveTextAsync(BrowserSession.Text<ReportsText>("ConversationEvidenceNote", "ar"));
        var overflow = await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the report dialog scrolls sideways at phone width");
        await session.Page.Locator("[data-testid=report-reason][data-reason=spam]").ClickAsync();
        await session.Page.Locator("textarea[data-testid=report-comment], [data-testid=report-comment] textarea").First.FillAsync("المجموعة كلها إعلانات");
        await session.Page.GetByTestId("report-send").ClickAsync();
        await Expect(session.Page.GetByTestId("report-send")).ToHaveCountAsync(0);

        var admin = await api.LoginAdminAsync();
        var open = (await api.GetAsync("/api/v1/admin/reports?limit=100", admin))!["items"]!.AsArray();
        var item = open.Single(r => r!["conversation_id"]?.GetValue<string>() == group && r["message_id"] is null)!;
        Assert.Equal("spam", item["reason"]!.GetValue<string>());
        Assert.Equal("المجموعة كلها إعلانات", item["comment"]!.GetValue<string>());
        Assert.Contains(item["evidence"]!.AsArray(), e => e!["content"]!.GetValue<string>() == "Cheap phones, click here");
    }

    [Fact]
    public async Task ResolvedView_InArabicAtPhoneWidth_ShowsWhoDecidedWhatWhenAndTheEvidence()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Already Handled");
        var alice = await api.CreateVerifiedUserAsync("Alice Reported Earlier");
        var conversation = await api.CreateDirectAsync(bob, alice);
        await api.AcceptAsync(alice, conversation);
        var messageId = (await api.SendMessageAsync(bob, conversation, "handled insult"))["id"]!.GetValue<string>();
        var report = await api.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = messageId, reason = "harassment" });
        var adminApi = await api.LoginAdminAsync();
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/reports/{report!["id"]}/resolve", adminApi,
            new { action = "delete_message", note = "إهانة واضحة" });

        await using var admin = await browser.NewSessionAsync(app.Host.BaseAddress, "ar", width: 390, height: 844);
        await admin.SignInAdminAsync("ar");
        await admin.GotoAsync("/admin/reports");
        await Expect(admin.Page.Locator("[data-testid=report-queue][data-ready=true]")).ToHaveAttributeAsync("data-status", "open");
        await Expect(admin.Page.GetByTestId("report-case").Filter(new() { HasText = "handled insult" })).ToHaveCountAsync(0);
        await admin.Page.GetByTestId("reports-resolved").ClickAsync();

        await Expect(admin.Page.GetByTestId("report-queue")).ToHaveAttributeAsync("data-status", "resolved");
        var resolved = admin.Page.GetByTestId("report-case").Filter(new() { HasText = "handled insult" });
        await Expect(resolved).ToHaveCountAsync(1);
        await Expect(resolved.GetByTestId("report-decision")).ToHaveAttributeAsync("data-action", "delete_message");
        await Expect(resolved.GetByTestId("report-decision")).ToContainTextAsync(BrowserSession.Text<ReportsText>("Decision_delete_message", "ar"));
        await Expect(resolved.GetByTestId("resolved-by")).ToHaveTextAsync(
            BrowserSession.Text<ReportsText>("ResolvedBy", "ar").Replace("{0}", "Administrator", StringComparison.Ordinal));
        await Expect(resolved.GetByTestId("resolved-at")).Not.ToBeEmptyAsync();
        await Expect(resolved.GetByTestId("resolved-note")).ToContainTextAsync("إهانة واضحة");
        // The sealed evidence is still there after the message was removed for everyone; no decision buttons on a decided case.
        await Expect(resolved.Locator("[data-testid=evidence-message][data-reported=true]")).ToContainTextAsync("handled insult");
        await Expect(resolved.GetByTestId("report-dismiss")).ToHaveCountAsync(0);
        var overflow = await admin.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the resolved view scrolls sideways at phone width");
    }
}
