using System.Text.RegularExpressions;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Resources;
using static Microsoft.Playwright.Assertions;
using AccountText = Messaging.Web.Resources.Account;

namespace Messaging.Tests.Web.Accounts;

/// <summary>Registration, sign-in and verification as a person does them, in Chromium against the real app.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Register_AdminApprovesInAdminPage_UserReloadsAndIsIn()
    {
        var email = $"nadia.{Guid.NewGuid():N}@tests.local";
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.Page.GotoAsync("/account/register");
        await user.Page.FillAsync("#name", "Nadia Haddad");
        await user.Page.FillAsync("#email", email);
        await user.Page.FillAsync("#password", "password-123");
        await user.Page.FillAsync("#confirm", "password-123");
        await user.Page.ClickAsync("[data-testid=register-submit]");

        // No email here, so no confirmation: the same "now sign in" answer for every address (nobody is signed in by it).
        await Expect(user.Page.Locator("[data-testid=register-received]")).ToHaveTextAsync(BrowserSession.Text<AccountText>("RegisterReceivedText", "en"));
        await user.SignInAsync(email, "password-123");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/pending$"));
        await Expect(user.Page.Locator("[data-testid=pending]")).ToContainTextAsync("Nadia Haddad");

        await using var admin = await browser.NewSessionAsync(app.Host.BaseAddress);
        await admin.SignInAdminAsync();
        await admin.GotoAsync("/admin");
        var row = admin.Page.Locator($"[data-testid=queue-row][data-email='{email}']");
        await row.Locator("[data-testid=approve]").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        await user.Page.ClickAsync("[data-testid=check-again]");

        await Expect(user.Page).ToHaveURLAsync(new Regex(@"^http://[^/]+/$"));
        await user.Page.GotoAsync("/account/pending");
        await Expect(user.Page).ToHaveURLAsync(new Regex(@"^http://[^/]+/$"));
    }

    [Fact]
    public async Task Register_PendingUserOpensHome_IsSentToAwaitingVerification()
    {
        using var api = app.Host.CreateApi();
        var pending = await api.RegisterAsync("Omar Pending");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);

        await user.SignInAsync(pending.Email, pending.Password);
        await user.Page.GotoAsync("/");

        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/pending$"));
        await Expect(user.Page.Locator("[data-testid=pending]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Register_RejectedUserSignsIn_SeesRejectedState()
    {
        using var api = app.Host.CreateApi();
        var rejected = await api.RegisterAsync("Rania Rejected");
        var adminUser = await api.LoginAdminAsync();
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{rejected.Id}/reject", adminUser);
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);

        await user.SignInAsync(rejected.Email, rejected.Password);

        await Expect(user.Page.Locator("[data-testid=rejected]")).ToContainTextAsync(BrowserSession.Text<AccountText>("RejectedText", "en"));
    }

    [Fact]
    public async Task Register_EmailAlreadyTaken_AnswersLikeANewRegistration()
    {
        using var api = app.Host.CreateApi();
        var existing = await api.RegisterAsync("Existing Person");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress, locale: "ar");
        await user.Page.GotoAsync("/account/register");
        await user.Page.FillAsync("#name", "شخص جديد");
        await user.Page.FillAsync("#email", existing.Email);
        await user.Page.FillAsync("#password", "password-123");
        await user.Page.FillAsync("#confirm", "password-123");

        await user.Page.ClickAsync("[data-testid=register-submit]");

        // Before, the form said the address was taken: anyone could test which emails have accounts.
        await Expect(user.Page.Locator("[data-testid=register-received]")).ToHaveTextAsync(BrowserSession.Text<AccountText>("RegisterReceivedText", "ar"));
        await Expect(user.Page.Locator("[data-testid=email-error]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Register_EmptyForm_ShowsLocalizedFieldMessages()
    {
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.Page.GotoAsync("/account/register?culture=ar");

        await user.Page.ClickAsync("[data-testid=register-submit]");

        await Expect(user.Page.Locator("[data-testid=name-error]")).ToHaveTextAsync(BrowserSession.Text<AccountText>("NameRequired", "ar"));
        await Expect(user.Page.Locator("[data-testid=email-error]")).ToHaveTextAsync(BrowserSession.Text<AccountText>("EmailRequired", "ar"));
        await Expect(user.Page.Locator("#name")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task SignIn_WrongPassword_ShowsLocalizedError(string language)
    {
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress, locale: language);

        await user.SignInAsync(MessagingHost.AdminEmail, "not-the-password");

        await Expect(user.Page.Locator("[data-testid=login-error]")).ToHaveTextAsync(BrowserSession.Text<Errors>("InvalidCredentials", language));
        Assert.StartsWith("/account/login", user.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_AFewFailures_DoNotLockTheOwnerOut()
    {
        // Identity's account lockout let anyone lock a victim out with five wrong guesses; failures are now limited
        // per account and address (30 a minute, see Limits/RateLimitTests), not by locking the account.
        using var api = app.Host.CreateApi();
        var person = await api.RegisterAsync("Lock Out");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await user.SignInAsync(person.Email, "wrong-password");
        }

        await user.SignInAsync(person.Email, person.Password);

        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/pending$"));
    }

    [Fact]
    public async Task Home_SignedOut_LeadsToSignIn()
    {
        await using var visitor = await browser.NewSessionAsync(app.Host.BaseAddress);

        await visitor.Page.GotoAsync("/");

        await Expect(visitor.Page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(visitor.Page.Locator("h1")).ToHaveTextAsync(BrowserSession.Text<AccountText>("SignInTitle", "en"));
    }

    [Fact]
    public async Task SignIn_WithReturnUrl_GoesBackThere()
    {
        await using var admin = await browser.NewSessionAsync(app.Host.BaseAddress);
        await admin.Page.GotoAsync("/settings");
        await Expect(admin.Page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fsettings$"));

        await admin.Page.FillAsync("#email", MessagingHost.AdminEmail);
        await admin.Page.FillAsync("#password", MessagingHost.AdminPassword);
        await admin.Page.ClickAsync("[data-testid=login-submit]");

        await Expect(admin.Page).ToHaveURLAsync(new Regex("/settings$"));
    }

    [Fact]
    public async Task SignOut_FromUserMenu_EndsSession()
    {
        await using var admin = await browser.NewSessionAsync(app.Host.BaseAddress);
        await admin.SignInAdminAsync();
        await admin.GotoAsync("/settings");

        await admin.Page.ClickAsync("[data-testid=user-menu] button");
        await admin.Page.ClickAsync("[data-testid=sign-out]");

        // Signing out ends the session server-side, which also sends this page's circuit to sign-in (with a return
        // address) while the sign-out answer arrives: whichever lands first, the browser is at the sign-in page.
        await Expect(admin.Page).ToHaveURLAsync(new Regex("/account/login(\\?ReturnUrl=%2Fsettings)?$"));
        await admin.Page.GotoAsync("/settings");
        await Expect(admin.Page).ToHaveURLAsync(new Regex("/account/login"));
    }
}
