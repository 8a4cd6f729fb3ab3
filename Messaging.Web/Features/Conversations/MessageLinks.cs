using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Messaging.Web.Features.Conversations;

/// <summary>
/// Finds web addresses, e-mail addresses and phone numbers in a message's plain text so the bubble can draw them as
/// links. Only the text is looked at: nothing is fetched (a preview fetched by the server would tell outside hosts who
/// reads what), and the text is never treated as HTML.
/// </summary>
public static partial class MessageLinks
{
    public enum Kind
    {
        Text,
        Web,
        Email,
        Phone,
    }

    /// <summary>A piece of the message: plain text, or a link with where it leads.</summary>
    public sealed record Segment(Kind Kind, string Text, string? Href = null);

    /// <summary>Punctuation that ends a sentence rather than an address ("see https://a.b/c." or Arabic "،" and "؟").</summary>
    private const string TrailingPunctuation = ".,;:!?)]}'\"،؛؟»";

    public static IReadOnlyList<Segment> Split(string text)
    {
        try
        {
            return Find(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // The timeout is wall-clock time: on a starved server it can fire on an ordinary message. Then the message
            // shows as plain text; throwing here would end the reader's whole circuit (a page that silently stops).
            return [new Segment(Kind.Text, text)];
        }
    }

    private static List<Segment> Find(string text)
    {
        var segments = new List<Segment>();
        var at = 0;
        foreach (Match match in Candidates().Matches(text))
        {
            var link = ToLink(match);
            if (link is null)
            {
                continue;
            }

            if (match.Index > at)
            {
                segments.Add(new Segment(Kind.Text, text[at..match.Index]));
            }

            segments.Add(link);
            at = match.Index + link.Text.Length;
            // Punctuation trimmed from the end of an address stays as text.
            if (at < match.Index + match.Length)
            {
                segments.Add(new Segment(Kind.Text, text[at..(match.Index + match.Length)]));
                at = match.Index + match.Length;
            }
        }

        if (at < text.Length)
        {
            segments.Add(new Segment(Kind.Text, text[at..]));
        }

        return segments;
    }

    private static Segment? ToLink(Match match)
    {
        var raw = match.Value;
        if (match.Groups["web"].Success)
        {
            var trimmed = raw.TrimEnd(TrailingPunctuation.ToCharArray());
            // An unbalanced closing parenthesis belongs to the sentence; a balanced one (Wikipedia links) to the address.
            if (raw.Length > trimmed.Length && raw[trimmed.Length] == ')' && trimmed.Count(c => c == '(') > trimmed.Count(c => c == ')'))
            {
                trimmed += ")";
            }

            var href = trimmed.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "https://" + trimmed : trimmed;
            return Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? new Segment(Kind.Web, trimmed, uri.AbsoluteUri)
                : null;
        }

        if (match.Groups["email"].Success)
        {
            var trimmed = raw.TrimEnd(TrailingPunctuation.ToCharArray());
            return new Segment(Kind.Email, trimmed, "mailto:" + trimmed);
        }

        var digits = new StringBuilder();
        foreach (var c in raw)
        {
            // Arabic-Indic digits dial the same numbers.
            if (CharUnicodeInfo.GetDecimalDigitValue(c) is var d and >= 0)
            {
                digits.Append(d.ToString(CultureInfo.InvariantCulture));
            }
        }

        var international = raw.StartsWith('+');
        var enough = international ? digits.Length is >= 7 and <= 15 : digits.Length is >= 9 and <= 15;
        return enough && !IsoDate().IsMatch(raw)
            ? new Segment(Kind.Phone, raw, "tel:" + (international ? "+" : "") + digits)
            : null;
    }

    [GeneratedRegex(
        @"(?<web>\b(?:https?://|www\.)[^\s<>""]+)" +
        @"|(?<email>\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)" +
        @"|(?<phone>(?<![\w+])\+?[0-9٠-٩](?:[ -]?\(?[0-9٠-٩]\)?){6,17}(?![\w]))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Candidates();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
