using System.Text.RegularExpressions;
using Messaging.Core.Resources;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Resources;
using static Microsoft.Playwright.Assertions;
using AccountText = Messaging.Web.Resources.Account;

namespace Messaging.Tests.Web.Accounts;

/// <summary>Registration with email confirmation as a person does it, in Arabic, in Chromium against the real app and a real SMTP server.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EmailConfirmationJourneyTests(BrowserFixture browser, SqliteEmailConfirmationFixture app) : IClassFixture<SqliteEmailConfirmationFixture>
{
    [Fact]
    public async Task RegisterInArabic_CheckYourEmail_SameForATakenAddress_ThenTheLinkLetsThemSignIn()
    {
        var email = $"huda.{Guid.NewGuid():N}@tests.local";
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress, locale: "ar");
        await RegisterAsync(user, email);

        var expected = BrowserSession.Text<AccountText>("RegisterCheckEmailText", "ar").Replace("{0}", email, StringComparison.Ordinal);
        await Expect(user.Page.Locator("[data-testid=register-check-email]")).ToHaveTextAsync(expected);
        await Expect(user.Page.Locator("h1")).ToHaveTextAsync(BrowserSession.Text<AccountText>("RegisterCheckEmailTitle", "ar"));

        // The confirmation email arrives in Arabic.
        var arabic = NotificationsText.CultureOf("ar");
        var mail = (await Eventually.ValueAsync(
            "the confirmation email",
            () => Task.FromResult(app.Mail.To(email).FirstOrDefault(m => m.Subject == AccountsText.Get("ConfirmSubject", arabic))),
            found => found is not null, TimeSpan.FromSeconds(60)))!;

        // Registering the same address again gives exactly the same page.
        await using (var other = await browser.NewSessionAsync(app.Host.BaseAddress, locale: "ar"))
        {
            await RegisterAsync(other, email);
            await Expect(other.Page.Locator("[data-testid=register-check-email]")).ToHaveTextAsync(expected);
        }

        // Before the link: the right password is refused with "confirm your email" and an offer to resend.
        await user.SignInAsync(email, "password-123", "ar");
        await Expect(user.Page.Locator("[data-testid=login-error]")).ToHaveTextAsync(BrowserSession.Text<Errors>("EmailNotConfirmed", "ar"));
        await Expect(user.Page.Locator("[data-testid=resend-link]")).ToBeVisibleAsync();

        await user.Page.GotoAsync(new Uri(EmailConfirmationTests.LinkIn(mail)).PathAndQuery);
        await Expect(user.Page.Locator("[data-testid=email-confirmed]")).ToHaveTextAsync(BrowserSession.Text<AccountText>("ConfirmDone", "ar"));

        await user.SignInAsync(email, "password-123", "ar");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/pending$"));
    }

    private static async Task RegisterAsync(BrowserSession session, string email)
    {
        await session.Page.GotoAsync("/account/register");
        await session.Page.FillAsync("#name", "هدى سالم");
        await session.Page.FillAsync("#email", email);
        await session.Page.FillAsync("#password", "password-123");
        await session.Page.FillAsync("#confirm", "password-123");
        await session.Page.ClickAsync("[data-testid=register-submit]");
    }
}
