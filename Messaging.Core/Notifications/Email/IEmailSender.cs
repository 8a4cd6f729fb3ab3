namespace Messaging.Core.Notifications.Email;

/// <summary>An email with HTML and text parts. <see cref="Headers"/> adds headers such as <c>List-Unsubscribe</c>.</summary>
public sealed record EmailMessage(
    string To,
    string ToName,
    string Subject,
    string Html,
    string Text,
    string Language,
    IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Sends email. Notifications use it for digests; the security work uses it for email confirmation at registration.
/// When <see cref="IsEnabled"/> is false (no <c>Messaging:Email:Host</c>), sending does nothing.
/// </summary>
public interface IEmailSender
{
    bool IsEnabled { get; }

    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The <c>Messaging:Email</c> configuration section (SMTP through MailKit).</summary>
public sealed class EmailOptions
{
    public const string Section = "Messaging:Email";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Messaging &lt;no-reply@example.com&gt;</c>.</summary>
    public string From { get; set; } = "Messaging <no-reply@localhost>";
}
