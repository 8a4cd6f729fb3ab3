using System.Globalization;
using System.Net;
using System.Text;
using Messaging.Core.Notifications.Email;
using Messaging.Core.Resources;

namespace Messaging.Core.Accounts.Confirmation;

/// <summary>The account emails (confirmation, "someone tried to register with your address"), text and HTML, right to left in Arabic.</summary>
public static class AccountEmails
{
    public static EmailMessage Confirmation(User user, string link) =>
        Compose(user, "ConfirmSubject", ["ConfirmIntro", "ConfirmAction"], "ConfirmButton", link, "ConfirmIgnore");

    public static EmailMessage AlreadyRegistered(User user, string signInLink) =>
        Compose(user, "AlreadyRegisteredSubject", ["AlreadyRegisteredIntro", "AlreadyRegisteredAction"], "AlreadyRegisteredButton", signInLink, "AlreadyRegisteredIgnore");

    private static EmailMessage Compose(User user, string subjectKey, string[] paragraphs, string buttonKey, string link, string footerKey)
    {
        var culture = NotificationsText.CultureOf(user.Language);
        var rtl = culture.TextInfo.IsRightToLeft;
        var dir = rtl ? "rtl" : "ltr";
        var align = rtl ? "right" : "left";
        var subject = AccountsText.Get(subjectKey, culture);
        var greeting = AccountsText.Format("Greeting", culture, user.Name);
        var button = AccountsText.Get(buttonKey, culture);
        var footer = AccountsText.Get(footerKey, culture);

        var text = new StringBuilder().AppendLine(greeting).AppendLine();
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{culture.TwoLetterISOLanguageName}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{E(subject)}</title></head>");
        html.Append(CultureInfo.InvariantCulture, $"<body dir=\"{dir}\" style=\"font-family:system-ui,'Segoe UI',Tahoma,Arial,sans-serif;color:#1f2937;background:#f3f4f6;margin:0;padding:24px;text-align:{align}\">");
        html.Append("<div style=\"max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px\">");
        html.Append(CultureInfo.InvariantCulture, $"<p dir=\"auto\" style=\"margin:0 0 8px\">{E(greeting)}</p>");
        foreach (var key in paragraphs)
        {
            var paragraph = AccountsText.Get(key, culture);
            text.AppendLine(paragraph).AppendLine();
            html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 16px\">{E(paragraph)}</p>");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{button}: {link}").AppendLine();
        text.AppendLine("--").AppendLine(footer);
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 16px\"><a href=\"{E(link)}\" style=\"display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none\">{E(button)}</a></p>");
        html.Append(CultureInfo.InvariantCulture, $"<p dir=\"ltr\" style=\"margin:0 0 16px;font-size:12px;color:#4b5563;word-break:break-all\">{E(link)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:16px 0 0;font-size:12px;color:#4b5563\">{E(footer)}</p>");
        html.Append("</div></body></html>");
        return new EmailMessage(user.Email!, user.Name, subject, html.ToString(), text.ToString(), culture.TwoLetterISOLanguageName);
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
