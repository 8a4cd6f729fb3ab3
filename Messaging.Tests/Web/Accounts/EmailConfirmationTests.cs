using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Messaging.Core.Resources;
using Messaging.Tests.TestInfrastructure;
using Messaging.Tests.Web.Notifications;
using MimeKit;

namespace Messaging.Tests.Web.Accounts;

/// <summary>
/// Email confirmation at registration (issue 8), against a real SMTP server on loopback: the link arrives, confirms, and
/// only then does the account enter the verification queue and sign in; a taken address gets the same answer.
/// </summary>
public abstract partial class EmailConfirmationTests(NotificationFixture fixture)
{
    // Hangfire polls every 2 s; on a loaded machine an email can take a while.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private MessagingHost Host => fixture.Host;

    [Fact]
    public async Task Register_LinkArrives_ConfirmsAndOnlyThenEntersTheQueueAndSignsIn()
    {
        using var api = Host.CreateApi();
        var email = $"nadia.{Guid.NewGuid():N}@tests.local";
        var registered = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register",
            body: new { email, password = "password-123", name = "Nadia Haddad", language = "en" });
        var userId = registered!["user_id"]!.GetValue<string>();
        var admin = await api.LoginAdminAsync();

        var mail = await WaitForMailAsync(email, AccountsText.Get("ConfirmSubject", NotificationsText.CultureOf("en")));
        Assert.DoesNotContain(userId, await QueueAsync(api, admin), StringComparison.Ordinal);
        var refused = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, "/api/v1/auth/login", body: new { email, password = "password-123" });
        Assert.Equal("email_not_confirmed", refused!["code"]!.GetValue<string>());
        // Only someone with the password learns that the address waits for confirmation.
        var wrong = await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/login", body: new { email, password = "not-the-password" });
        Assert.Equal("invalid_credentials", wrong!["code"]!.GetValue<string>());

        var link = LinkIn(mail);
        Assert.StartsWith($"{NotificationFixture.PublicUrl}/account/confirm-email?", link, StringComparison.Ordinal);
        using (var page = await api.Http.GetAsync(new Uri(link).PathAndQuery))
        {
            Assert.Contains("data-testid=\"email-confirmed\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Contains(userId, await QueueAsync(api, admin), StringComparison.Ordinal);
        var person = await api.LoginAsync(email, "password-123");
        Assert.Equal(userId, person.Id.ToString());
    }

    [Fact]
    public async Task ConfirmationLink_Altered_DoesNotConfirm()
    {
        using var api = Host.CreateApi();
        var email = $"omar.{Guid.NewGuid():N}@tests.local";
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register",
            body: new { email, password = "password-123", name = "Omar", language = "en" });
        var link = new Uri(LinkIn(await WaitForMailAsync(email, AccountsText.Get("ConfirmSubject", NotificationsText.CultureOf("en")))));

        var altered = link.PathAndQuery.Replace("token=", "token=AAAA", StringComparison.Ordinal);
        using (var page = await api.Http.GetAsync(altered))
        {
            Assert.Contains("data-testid=\"email-confirm-failed\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, "/api/v1/auth/login", body: new { email, password = "password-123" });
    }

    [Fact]
    public async Task Register_TakenEmail_SameAnswerNothingChangesAndTheOwnerIsTold()
    {
        using var api = Host.CreateApi();
        var owner = await RegisterConfirmedAsync(api, "Original Owner", "en");
        var ownerMail = fixture.Mail.To(owner.Email).Count;

        var fresh = await RegisterRawAsync(api, $"fresh.{Guid.NewGuid():N}@tests.local", "Someone Else");
        var taken = await RegisterRawAsync(api, owner.Email, "Someone Else");

        Assert.Equal(fresh.Status, taken.Status);
        Assert.Equal(Shape(fresh.Body), Shape(taken.Body));
        Assert.Equal("pending", taken.Body["verification_status"]!.GetValue<string>());
        Assert.Equal(owner.Email, taken.Body["email"]!.GetValue<string>());
        Assert.NotEqual(owner.Id.ToString(), taken.Body["user_id"]!.GetValue<string>());
        // The owner's account is as it was: same password, same name.
        var me = await api.GetAsync("/api/v1/users/me", await api.LoginAsync(owner.Email, owner.Password));
        Assert.Equal("Original Owner", me!["name"]!.GetValue<string>());
        // Instead of a confirmation, the owner hears that someone tried.
        await WaitForMailAsync(owner.Email, AccountsText.Get("AlreadyRegisteredSubject", NotificationsText.CultureOf("en")));
        Assert.Equal(ownerMail + 1, fixture.Mail.To(owner.Email).Count);
        Assert.Single(fixture.Mail.To(owner.Email), m => m.Subject == AccountsText.Get("ConfirmSubject", NotificationsText.CultureOf("en")));
    }

    [Fact]
    public async Task Register_InArabic_ConfirmationEmailIsArabicAndRightToLeft()
    {
        using var api = Host.CreateApi();
        var email = $"sara.{Guid.NewGuid():N}@tests.local";
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register",
            body: new { email, password = "password-123", name = "سارة", language = "ar" });

        var arabic = NotificationsText.CultureOf("ar");
        var mail = await WaitForMailAsync(email, AccountsText.Get("ConfirmSubject", arabic));

        // Wherever MimeKit files it (message or body entity), the message as sent says Arabic.
        Assert.Contains("Content-Language: ar", mail.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("dir=\"rtl\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(AccountsText.Get("ConfirmButton", arabic), mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resend_SameAnswerForEveryAddress_AndANewLinkForAnUnconfirmedOne()
    {
        using var api = Host.CreateApi();
        var email = $"laila.{Guid.NewGuid():N}@tests.local";
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register",
            body: new { email, password = "password-123", name = "Laila", language = "en" });
        var subject = AccountsText.Get("ConfirmSubject", NotificationsText.CultureOf("en"));
        await WaitForMailAsync(email, subject);

        await api.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/v1/auth/confirm_email/resend", body: new { email });
        await api.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/v1/auth/confirm_email/resend", body: new { email = $"nobody.{Guid.NewGuid():N}@tests.local" });

        await Eventually.UntilAsync("a second confirmation email", () => fixture.Mail.To(email).Count(m => m.Subject == subject) == 2, Patience);
        // The second link works as well as the first would have.
        using (var page = await api.Http.GetAsync(new Uri(LinkIn(fixture.Mail.To(email)[^1])).PathAndQuery))
        {
            Assert.Contains("data-testid=\"email-confirmed\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await api.LoginAsync(email, "password-123");
    }

    internal static string LinkIn(MimeMessage mail) =>
        LinkPattern().Match(mail.TextBody ?? "") is { Success: true } match ? match.Value : throw new Xunit.Sdk.XunitException("No confirmation link in: " + mail.TextBody);

    private async Task<TestUser> RegisterConfirmedAsync(ApiClient api, string name, string language)
    {
        var email = $"owner.{Guid.NewGuid():N}@tests.local";
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register",
            body: new { email, password = "password-123", name, language });
        var mail = await WaitForMailAsync(email, AccountsText.Get("ConfirmSubject", NotificationsText.CultureOf(language)));
        using (var page = await api.Http.GetAsync(new Uri(LinkIn(mail)).PathAndQuery))
        {
            page.EnsureSuccessStatusCode();
        }

        return await api.LoginAsync(email, "password-123");
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> RegisterRawAsync(ApiClient api, string email, string name)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/api/v1/auth/register", body: new { email, password = "password-123", name, language = "en" });
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static string Shape(JsonObject body) => string.Join(",", body.Select(p => $"{p.Key}:{p.Value?.GetValueKind()}"));

    private static async Task<string> QueueAsync(ApiClient api, TestUser admin) =>
        (await api.GetAsync("/api/v1/admin/users?status=pending&limit=100", admin))!.ToJsonString();

    private async Task<MimeMessage> WaitForMailAsync(string to, string subject)
    {
        MimeMessage? found = null;
        await Eventually.UntilAsync($"\"{subject}\" to {to}", () => (found = fixture.Mail.To(to).LastOrDefault(m => m.Subject == subject)) is not null, Patience);
        return found!;
    }

    [GeneratedRegex(@"https?://\S+/account/confirm-email\?\S+")]
    private static partial Regex LinkPattern();
}

public sealed class EmailConfirmationTestsOnSqlite(SqliteEmailConfirmationFixture fixture) : EmailConfirmationTests(fixture), IClassFixture<SqliteEmailConfirmationFixture>;

public sealed class EmailConfirmationTestsOnPostgres(PostgresEmailConfirmationFixture fixture) : EmailConfirmationTests(fixture), IClassFixture<PostgresEmailConfirmationFixture>;

/// <summary>Asking for new links is limited per address and per email (the Register budget), so nobody floods an inbox.</summary>
public sealed class ConfirmationResendLimitTests(ResendLimitFixture fixture) : IClassFixture<ResendLimitFixture>
{
    [Fact]
    public async Task Resend_PastTheBudget_Is429WithRetryAfter()
    {
        using var api = fixture.Host.CreateApi();
        var email = $"victim.{Guid.NewGuid():N}@tests.local";
        for (var i = 0; i < 3; i++)
        {
            await api.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/v1/auth/confirm_email/resend", body: new { email });
        }

        using var refused = await api.SendAsync(HttpMethod.Post, "/api/v1/auth/confirm_email/resend", body: new { email });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("rate_limited", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
