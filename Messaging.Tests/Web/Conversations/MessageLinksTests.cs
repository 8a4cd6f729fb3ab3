using static Messaging.Web.Features.Conversations.MessageLinks;

namespace Messaging.Tests.Web.Conversations;

/// <summary>Which parts of a message become links, and where they lead.</summary>
public sealed class MessageLinksTests
{
    [Theory]
    [InlineData("see https://example.com/a?b=1.", "https://example.com/a?b=1", "https://example.com/a?b=1")]
    [InlineData("(www.example.org)", "www.example.org", "https://www.example.org/")]
    [InlineData("https://en.wikipedia.org/wiki/Mocha_(coffee) is good", "https://en.wikipedia.org/wiki/Mocha_(coffee)", "https://en.wikipedia.org/wiki/Mocha_(coffee)")]
    [InlineData("الرابط https://example.com، شكرًا", "https://example.com", "https://example.com/")]
    [InlineData("mail sara@example.co.uk.", "sara@example.co.uk", "mailto:sara@example.co.uk")]
    [InlineData("call +966 50 123 4567 now", "+966 50 123 4567", "tel:+966501234567")]
    [InlineData("اتصل ٠٥٠١٢٣٤٥٦٧ الآن", "٠٥٠١٢٣٤٥٦٧", "tel:0501234567")]
    public void Split_FindsTheAddress_WithoutSentencePunctuation(string text, string linkText, string href)
    {
        var segments = Split(text);

        var link = Assert.Single(segments, s => s.Kind != Kind.Text);
        Assert.Equal(linkText, link.Text);
        Assert.Equal(href, link.Href);
        Assert.Equal(text, string.Concat(segments.Select(s => s.Text)));
    }

    [Theory]
    [InlineData("meet at 10:30 on 2026-11-23")]
    [InlineData("javascript:alert(1)")]
    [InlineData("<a href=\"https\">x</a> 12345")]
    [InlineData("ftp://example.com/file")]
    [InlineData("room 1203, floor 4")]
    public void Split_PlainText_HasNoLinks(string text)
    {
        var segments = Split(text);

        Assert.All(segments, s => Assert.Equal(Kind.Text, s.Kind));
        Assert.Equal(text, string.Concat(segments.Select(s => s.Text)));
    }

    [Fact]
    public void Split_WhenFindingLinksTimesOut_ShowsTheWholeTextAsText()
    {
        // Every position starts a word that could be an e-mail address's name, and none has an '@': the matcher's
        // work grows with the square of the length and passes its time limit.
        var text = string.Concat(Enumerable.Repeat("a.", 500_000));

        var segment = Assert.Single(Split(text));

        Assert.Equal(Kind.Text, segment.Kind);
        Assert.Equal(text, segment.Text);
    }
}
