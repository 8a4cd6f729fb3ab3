using MailKit.Net.Smtp;
using MailKit.Security;
using Messaging.Core.Operations;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Messaging.Core.Notifications.Email;

/// <summary>SMTP through MailKit; a new connection per message (digests are few and far between).</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public bool IsEnabled => !string.IsNullOrWhiteSpace(options.Value.Host);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (!IsEnabled)
        {
            return;
        }

        var settings = options.Value;
        using var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        mime.Subject = message.Subject;
        mime.Headers.Add(HeaderId.ContentLanguage, message.Language);
        foreach (var (name, value) in message.Headers ?? new Dictionary<string, string>())
        {
            mime.Headers.Add(name, value);
        }

        var body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = message.Text },
            new TextPart(TextFormat.Html) { Text = message.Html },
        };
        mime.Body = body;

        using var client = new SmtpClient();
        var security = settings.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Counted, then rethrown unchanged: the digest job decides what a failure means.
            MessagingMetrics.Emails.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            throw;
        }

        MessagingMetrics.Emails.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
    }
}
