using System.Net;
using Messaging.Core.Notifications.Email;

namespace Messaging.Tests.Web.Notifications;

/// <summary>Email digests through a real SMTP server: when one is sent, what it says and how to stop them.</summary>
public partial class NotificationTests
{
    [Fact]
    public async Task Digest_UnreadAfterDelay_ExactlyOneEmailWithBothPartsAndUnsubscribeHeaders()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        await api.SendMessageAsync(alice, conversation, "First question");
        await api.SendMessageAsync(alice, conversation, "Second question");
        await DispatchAsync();
        var digests = Host.Services.GetRequiredService<EmailDigestJob>();

        await digests.SendDueAsync(Now().AddMinutes(1));
        Assert.Empty(fixture.Mail.To(bob.Email));
        await digests.SendDueAsync(Now().AddMinutes(16));
        await digests.SendDueAsync(Now().AddMinutes(30));

        var mail = Assert.Single(fixture.Mail.To(bob.Email));
        Assert.Empty(fixture.Mail.To(alice.Email));
        Assert.Contains("Second question", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Alice", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"{NotificationFixture.PublicUrl}/conversations/{conversation}", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith($"<{NotificationFixture.PublicUrl}/api/v1/notifications/email/unsubscribe?token=", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_ReadBeforeDelay_NoEmail()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        var sent = await api.SendMessageAsync(alice, conversation, "Quick one");
        await DispatchAsync();
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{conversation}/messages/{sent["id"]}/read", bob);

        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(16));

        Assert.Empty(fixture.Mail.To(bob.Email));
    }

    [Fact]
    public async Task Digest_MutedConversation_NoEmail()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{conversation}/mute", bob, new { });
        await api.SendMessageAsync(alice, conversation, "Muted chatter");
        await DispatchAsync();

        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(16));

        Assert.Empty(fixture.Mail.To(bob.Email));
    }

    [Fact]
    public async Task Digest_EncryptedConversation_NoContent()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob, encrypted: true);
        await api.SendMessageAsync(alice, conversation, "Salary figures attached");
        await DispatchAsync();

        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(16));

        var mail = Assert.Single(fixture.Mail.To(bob.Email));
        Assert.DoesNotContain("Salary", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Salary", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("encrypted", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_ArabicRecipient_ArabicRightToLeftEmail()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", bob, new { language = "ar" });
        var conversation = await api.CreateDirectAsync(alice, bob);
        await api.SendMessageAsync(alice, conversation, "مرحبا، هل الاجتماع غدًا؟");
        await DispatchAsync();

        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(16));

        var mail = Assert.Single(fixture.Mail.To(bob.Email));
        Assert.Contains("رسائل غير مقروءة", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("افتح المحادثة", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("مرحبا، هل الاجتماع غدًا؟", mail.TextBody, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"messaging-digest-ar-{fixture.Provider}.html"), mail.HtmlBody);
    }

    [Fact]
    public async Task Unsubscribe_OneClickPostFromEmail_TurnsEmailNotificationsOff()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        await api.SendMessageAsync(alice, conversation, "Ping");
        await DispatchAsync();
        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(16));
        var mail = Assert.Single(fixture.Mail.To(bob.Email));
        var link = mail.Headers["List-Unsubscribe"]!.Trim('<', '>').Replace(NotificationFixture.PublicUrl, "", StringComparison.Ordinal);

        using var forged = new StringContent("List-Unsubscribe=One-Click");
        using var oneClick = new StringContent("List-Unsubscribe=One-Click");
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/notifications/email/unsubscribe?token=forged", body: forged);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, link, body: oneClick);

        Assert.False((await api.GetAsync("/api/v1/messaging/settings", bob))!["email_notifications"]!.GetValue<bool>());
        await api.SendMessageAsync(alice, conversation, "Ping again");
        await DispatchAsync();
        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(40));
        Assert.Single(fixture.Mail.To(bob.Email));
    }
}
