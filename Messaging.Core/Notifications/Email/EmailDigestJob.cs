using System.Globalization;
using System.Net;
using System.Text;
using Hangfire;
using MailKit;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Notifications.Email;

/// <summary>
/// The recurring digest: for each user, the email digest items that are due are claimed in one transaction (so no
/// message is ever in two digests, whatever runs twice), those whose message was read, whose conversation is now muted
/// or whose user turned email off are dropped, and the rest go out as one email. If the SMTP server cannot take it,
/// the claim is released for the next run.
/// </summary>
public sealed partial class EmailDigestJob(
    IDbContextFactory<MessagingDbContext> dbFactory,
    IEmailSender email,
    UnsubscribeTokens unsubscribe,
    SqliteWriteGate writeGate,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    ILogger<EmailDigestJob> logger)
{
    public const string RecurringJobId = "email-digest";
    public const int PreviewLength = 160;

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => SendDueAsync(time.UtcNow(), cancellationToken);

    /// <summary>Sends every digest due at <paramref name="now"/>; returns how many emails went out.</summary>
    public async Task<int> SendDueAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        if (!email.IsEnabled)
        {
            return 0;
        }

        List<Guid> users;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            users = await db.Set<EmailDigestItem>().Where(i => i.ClaimedAt == null && i.DueAt <= now)
                .Select(i => i.UserId).Distinct().ToListAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var userId in users)
        {
            if (await SendDigestAsync(userId, now, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> SendDigestAsync(Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var digest = await ClaimAsync(db, userId, now, cancellationToken);
        if (digest is null)
        {
            return false;
        }

        try
        {
            await email.SendAsync(digest.Message, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ProtocolException or CommandException or MailKit.Security.AuthenticationException)
        {
            LogSendFailed(logger, userId, ex);
            using (await writeGate.EnterAsync(cancellationToken))
            {
                await db.Set<EmailDigestItem>().Where(i => digest.ItemIds.Contains(i.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedAt, (DateTime?)null), cancellationToken);
            }

            return false;
        }
    }

    private async Task<Digest?> ClaimAsync(MessagingDbContext db, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        using var writing = await writeGate.EnterAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var items = await db.Set<EmailDigestItem>().AsNoTracking()
                .Where(i => i.UserId == userId && i.ClaimedAt == null && i.DueAt <= now).ToListAsync(cancellationToken);
            var ids = items.Select(i => i.Id).ToArray();
            var claimed = await db.Set<EmailDigestItem>().Where(i => ids.Contains(i.Id) && i.ClaimedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedAt, now), cancellationToken);
            if (claimed != ids.Length || ids.Length == 0)
            {
                // Another run took some of them first: it sends them.
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }

            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
            Digest? digest = null;
            if (user is { EmailNotifications: true, Email.Length: > 0 })
            {
                digest = await ComposeAsync(db, user, items, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return digest;
        });
    }

    private async Task<Digest?> ComposeAsync(MessagingDbContext db, Accounts.User user, List<EmailDigestItem> items, DateTime now, CancellationToken cancellationToken)
    {
        var conversationIds = items.Select(i => i.ConversationId).Distinct().ToArray();
        var memberships = await db.Participants.AsNoTracking()
            .Where(p => p.UserId == user.Id && p.IsActive && conversationIds.Contains(p.ConversationId))
            .ToDictionaryAsync(p => p.ConversationId, cancellationToken);
        var conversations = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var blocked = await db.Blocks.Where(b => b.BlockerId == user.Id).Select(b => b.BlockedId).ToListAsync(cancellationToken);

        // Still unread, still a member, not muted now.
        var unread = items.Where(i => memberships.TryGetValue(i.ConversationId, out var p) && p.LastReadSequence < i.Sequence && !p.IsMutedAt(now)).ToList();
        var messageIds = unread.Select(i => i.MessageId).ToArray();
        var messages = await db.Messages.AsNoTracking()
            .Where(m => messageIds.Contains(m.Id) && m.DeletedAt == null && !blocked.Contains(m.SenderId))
            .ToListAsync(cancellationToken);
        if (messages.Count == 0)
        {
            return null;
        }

        var senderIds = messages.Select(m => m.SenderId).Distinct().ToArray();
        var culture = NotificationsText.CultureOf(user.Language);
        var names = await db.Users.Where(u => senderIds.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.DeletedAt })
            .ToDictionaryAsync(u => u.Id, u => DataRights.DeletedAccount.NameIn(u.Name, u.DeletedAt, culture), cancellationToken);
        var sections = messages.GroupBy(m => m.ConversationId).Select(group =>
        {
            var conversation = conversations[group.Key];
            var ordered = group.OrderBy(m => m.Sequence).ToList();
            var senders = ordered.Select(m => names.GetValueOrDefault(m.SenderId, "")).Distinct().ToList();
            var title = conversation.Type == ConversationType.Group
                ? (string.IsNullOrWhiteSpace(conversation.Title) ? NotificationsText.Get("UntitledGroup", culture) : conversation.Title)
                : NotificationsText.Format("DigestDirectTitle", culture, senders.FirstOrDefault() ?? "");
            var last = ordered[^1];
            var preview = conversation.IsEncrypted || last.Type != MessageType.Text ? null : NotificationsHandler.Truncate(last.Content, PreviewLength);
            return new DigestSection(conversation.Id, title, ordered.Count, senders, preview, conversation.IsEncrypted);
        }).OrderByDescending(s => s.Count).ToList();

        var message = DigestComposer.Compose(user.Email!, user.Name, culture, sections, options.Value.PublicUrl, unsubscribe.Create(user.Id));
        return new Digest(items.Select(i => i.Id).ToArray(), message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest for {UserId} could not be sent; it will be tried again.")]
    private static partial void LogSendFailed(ILogger logger, Guid userId, Exception exception);

    private sealed record Digest(Guid[] ItemIds, EmailMessage Message);
}

public sealed record DigestSection(Guid ConversationId, string Title, int Count, IReadOnlyList<string> Senders, string? Preview, bool IsEncrypted);

/// <summary>The digest's text and HTML in the recipient's language (right to left in Arabic).</summary>
public static class DigestComposer
{
    public static EmailMessage Compose(string to, string name, CultureInfo culture, IReadOnlyList<DigestSection> sections, string publicUrl, string unsubscribeToken)
    {
        var baseUrl = publicUrl.TrimEnd('/');
        var rtl = culture.TextInfo.IsRightToLeft;
        var separator = NotificationsText.Get("NameSeparator", culture);
        var subject = NotificationsText.Format("DigestSubject", culture, sections.Count);
        var settingsUrl = $"{baseUrl}/settings";
        var unsubscribeUrl = $"{baseUrl}/api/v1/notifications/email/unsubscribe?token={Uri.EscapeDataString(unsubscribeToken)}";

        var text = new StringBuilder();
        text.AppendLine(NotificationsText.Format("DigestGreeting", culture, name)).AppendLine();
        text.AppendLine(NotificationsText.Get("DigestIntro", culture)).AppendLine();
        var html = new StringBuilder();
        var dir = rtl ? "rtl" : "ltr";
        var align = rtl ? "right" : "left";
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{culture.TwoLetterISOLanguageName}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{E(subject)}</title></head>");
        html.Append(CultureInfo.InvariantCulture, $"<body dir=\"{dir}\" style=\"font-family:system-ui,'Segoe UI',Tahoma,Arial,sans-serif;color:#1f2937;background:#f3f4f6;margin:0;padding:24px;text-align:{align}\">");
        html.Append("<div style=\"max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px\">");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 8px\">{E(NotificationsText.Format("DigestGreeting", culture, name))}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 16px\">{E(NotificationsText.Get("DigestIntro", culture))}</p>");
        foreach (var section in sections)
        {
            var link = $"{baseUrl}/conversations/{section.ConversationId}";
            var count = NotificationsText.Format("DigestCount", culture, section.Count, string.Join(separator, section.Senders));
            var preview = section.IsEncrypted ? NotificationsText.Get("DigestEncrypted", culture) : section.Preview;
            text.AppendLine(CultureInfo.InvariantCulture, $"* {section.Title}").AppendLine(CultureInfo.InvariantCulture, $"  {count}");
            if (preview is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {preview}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"  {NotificationsText.Get("DigestOpen", culture)}: {link}").AppendLine();
            html.Append("<div style=\"border-top:1px solid #e5e7eb;padding:12px 0\">");
            html.Append(CultureInfo.InvariantCulture, $"<h2 dir=\"auto\" style=\"font-size:16px;margin:0 0 4px\">{E(section.Title)}</h2>");
            html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 4px;color:#4b5563\">{E(count)}</p>");
            if (preview is not null)
            {
                var style = section.IsEncrypted ? "font-style:italic;color:#4b5563" : "";
                html.Append(CultureInfo.InvariantCulture, $"<p dir=\"auto\" style=\"margin:0 0 8px;{style}\">{E(preview)}</p>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(link)}\" style=\"color:#1d4ed8\">{E(NotificationsText.Get("DigestOpen", culture))}</a></div>");
        }

        text.AppendLine("--").AppendLine(NotificationsText.Get("DigestFooter", culture));
        text.AppendLine(CultureInfo.InvariantCulture, $"{NotificationsText.Get("DigestUnsubscribe", culture)}: {settingsUrl}");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:16px 0 0;font-size:12px;color:#4b5563\">{E(NotificationsText.Get("DigestFooter", culture))} ");
        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(settingsUrl)}\" style=\"color:#1d4ed8\">{E(NotificationsText.Get("DigestUnsubscribe", culture))}</a></p>");
        html.Append("</div></body></html>");

        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{unsubscribeUrl}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        };
        return new EmailMessage(to, name, subject, html.ToString(), text.ToString(), culture.TwoLetterISOLanguageName, headers);
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
