using System.Text.RegularExpressions;
using Messaging.Core.Moderation;
using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;
using AccountText = Messaging.Web.Resources.Account;
using AdminText = Messaging.Web.Resources.Admin;

namespace Messaging.Tests.Web.Moderation;

/// <summary>The administration pages in a real browser: suspending from the users list, the audit log, phone width.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ModerationJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [GeneratedRegex("/suspended$")]
    private static partial Regex SuspendedPageAddress();

    private static Regex SuspendedPage => SuspendedPageAddress();

    [Fact]
    public async Task Admin_SuspendFromUsersPageInArabic_PersonSentToExplanationAndAuditListsIt()
    {
        using var api = app.Host.CreateApi();
        var person = await api.RegisterAsync("ريم الموقوفة", $"reem.{Guid.NewGuid():N}@tests.local");
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{person.Id}/verify", await api.LoginAdminAsync());
        await using var personSession = await browser.NewSessionAsync(app.Host.BaseAddress, "ar");
        await personSession.SignInAsync(person.Email, person.Password, "ar");
        await personSession.GotoAsync("/");
        await using var admin = await browser.NewSessionAsync(app.Host.BaseAddress, "ar");
        await admin.SignInAdminAsync("ar");
        await admin.GotoAsync("/admin/users");

        await ChatPages.Field(admin.Page, "users-search").FillAsync(person.Email);
        // The search reloads the list after a short pause; wait for it so the menu is not re-rendered under the click.
        await Expect(admin.Page.Locator("[data-testid=user-row]")).ToHaveCountAsync(1);
        var row = admin.Page.Locator("[data-testid=users-table] tr", new() { HasText = person.Email });
        await row.Locator("[data-testid=user-actions] button").ClickAsync();
        await admin.Page.Locator("[data-testid=action-suspend]").ClickAsync();
        // A multi-line field: a textarea, not an input.
        await admin.Page.Locator("textarea[data-testid=suspend-reason], [data-testid=suspend-reason] textarea").First.FillAsync("رسائل مزعجة");
        await admin.Page.Locator("[data-testid=suspend-confirm]").ClickAsync();

        await Expect(row.Locator("[data-testid=suspended-chip]")).ToHaveTextAsync(BrowserSession.Text<AdminText>("StatusSuspended", "ar"));
        // The person's open circuit is signed out at once, and the next page is the explanation, in their language.
        // The address, not the load event, is what this waits on (a Blazor navigation; about a second end to end).
        await Expect(personSession.Page).ToHaveURLAsync(SuspendedPage, new() { Timeout = 10_000 });
        await Expect(personSession.Page.Locator("h1, h2, h3").First).ToContainTextAsync(BrowserSession.Text<AccountText>("SuspendedTitle", "ar"));
        await Expect(personSession.Page.Locator("[data-testid=suspended-reason]")).ToHaveTextAsync("رسائل مزعجة");
        await personSession.GotoAsync("/");
        Assert.EndsWith("/suspended", new Uri(personSession.Page.Url).AbsolutePath, StringComparison.Ordinal);

        await admin.Page.Locator("[data-testid=nav-AuditNav]").ClickAsync();
        var entry = admin.Page.Locator("[data-testid=audit-table] tr", new() { HasText = "ريم الموقوفة" })
            .Filter(new() { Has = admin.Page.Locator($"[data-action={AuditActions.UserSuspended}]") });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry).ToContainTextAsync("رسائل مزعجة");
        await Expect(entry.Locator("[data-testid=audit-action]")).ToHaveTextAsync(BrowserSession.Text<AdminText>($"Audit_{AuditActions.UserSuspended}", "ar"));
    }

    [Fact]
    public async Task Admin_PhoneWidth_UsersAndAuditFitTheScreenAndUnsuspendWorks()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Phone Width Person");
        var adminApi = await api.LoginAdminAsync();
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{person.Id}/suspend", adminApi, new { reason = "Checking the phone layout" });
        await using var phone = await browser.NewSessionAsync(app.Host.BaseAddress, "en", width: 390, height: 844);
        await phone.SignInAdminAsync("en");

        await phone.GotoAsync("/admin/users");
        await ChatPages.Field(phone.Page, "users-search").FillAsync(person.Email);
        await Expect(phone.Page.Locator("[data-testid=user-row]")).ToHaveCountAsync(1);
        var row = phone.Page.Locator("[data-testid=users-table] tr", new() { HasText = person.Email });
        await Expect(row.Locator("[data-testid=suspended-chip]")).ToBeVisibleAsync();
        await FitsAsync(phone);
        await row.Locator("[data-testid=user-actions] button").ClickAsync();
        await phone.Page.Locator("[data-testid=action-unsuspend]").ClickAsync();
        await Expect(row.Locator("[data-testid=suspended-chip]")).ToHaveCountAsync(0);

        await phone.GotoAsync("/admin/audit");
        await Expect(phone.Page.Locator("[data-testid=audit-table] tr", new() { HasText = "Checking the phone layout" })).ToHaveCountAsync(1);
        await Expect(phone.Page.Locator($"[data-action={AuditActions.UserUnsuspended}]").First).ToBeVisibleAsync();
        await FitsAsync(phone);
        await api.GetAsync("/api/v1/users/me", person);
    }

    [Fact]
    public async Task Admin_RoleChangesInArabicAtPhoneWidth_LastAdministratorKeptAndBothChangesAudited()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Hana Future Admin");
        await using var phone = await browser.NewSessionAsync(app.Host.BaseAddress, "ar", width: 390, height: 844);
        await phone.SignInAdminAsync("ar");
        await phone.GotoAsync("/admin/users");

        // The only administrator cannot take the role from themselves: the page says why, in Arabic.
        await ChatPages.Field(phone.Page, "users-search").FillAsync(MessagingHost.AdminEmail);
        await Expect(phone.Page.Locator("[data-testid=user-row]")).ToHaveCountAsync(1);
        var self = phone.Page.Locator("[data-testid=users-table] tr", new() { HasText = MessagingHost.AdminEmail });
        await Expect(self.Locator("[data-testid=admin-chip]")).ToHaveTextAsync(BrowserSession.Text<AdminText>("RoleAdministrator", "ar"));
        await self.Locator("[data-testid=user-actions] button").ClickAsync();
        await phone.Page.Locator("[data-testid=action-remove-admin]").ClickAsync();
        await phone.Page.ClickAsync($"button:has-text('{BrowserSession.Text<AdminText>("Confirm", "ar")}')");
        await Expect(phone.Page.GetByText(BrowserSession.Text<Messaging.Web.Resources.Errors>("LastAdministrator", "ar"))).ToBeVisibleAsync();
        await Expect(self.Locator("[data-testid=admin-chip]")).ToBeVisibleAsync();

        await ChatPages.Field(phone.Page, "users-search").FillAsync(person.Email);
        await Expect(phone.Page.Locator("[data-testid=user-row]")).ToHaveCountAsync(1);
        var row = phone.Page.Locator("[data-testid=users-table] tr", new() { HasText = person.Email });
        await Expect(row.Locator("[data-testid=admin-chip]")).ToHaveCountAsync(0);
        await row.Locator("[data-testid=user-actions] button").ClickAsync();
        await phone.Page.Locator("[data-testid=action-make-admin]").ClickAsync();
        await phone.Page.ClickAsync($"button:has-text('{BrowserSession.Text<AdminText>("Confirm", "ar")}')");
        await Expect(row.Locator("[data-testid=admin-chip]")).ToBeVisibleAsync();
        await FitsAsync(phone);
        // Their new sign-in opens the administration pages.
        var promoted = await api.LoginAsync(person.Email, person.Password);
        await api.GetAsync("/api/v1/admin/users", promoted);

        await row.Locator("[data-testid=user-actions] button").ClickAsync();
        await phone.Page.Locator("[data-testid=action-remove-admin]").ClickAsync();
        await phone.Page.ClickAsync($"button:has-text('{BrowserSession.Text<AdminText>("Confirm", "ar")}')");
        await Expect(row.Locator("[data-testid=admin-chip]")).ToHaveCountAsync(0);
        await AccessAssertions.ExpectRejectedWithinAsync(api, promoted);

        await phone.GotoAsync("/admin/audit");
        var changes = phone.Page.Locator("[data-testid=audit-table] tr", new() { HasText = "Hana Future Admin" })
            .Filter(new() { Has = phone.Page.Locator($"[data-action={AuditActions.RoleChanged}]") });
        await Expect(changes).ToHaveCountAsync(2);
        await Expect(changes.Locator("[data-testid=audit-action]").First).ToHaveTextAsync(BrowserSession.Text<AdminText>($"Audit_{AuditActions.RoleChanged}", "ar"));
        await Expect(changes.Nth(0).Locator("[data-testid=audit-detail-value][data-key=change]")).ToHaveTextAsync(BrowserSession.Text<AdminText>("AuditValue_removed", "ar"));
        await Expect(changes.Nth(1).Locator("[data-testid=audit-detail-value][data-key=change]")).ToHaveTextAsync(BrowserSession.Text<AdminText>("AuditValue_granted", "ar"));
        await FitsAsync(phone);
    }

    private static async Task FitsAsync(BrowserSession session)
    {
        var overflow = await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"{session.Path} scrolls sideways at phone width");
    }
}
