using Messaging.Core.Search;

namespace Messaging.Tests.Core.Search;

public sealed class WordVariantsTests
{
    [Theory]
    [InlineData("كتبت الرسالة بالقلم", "قلم")]        // ب + ال
    [InlineData("والقلم على الطاولة", "قلم")]         // و + ال
    [InlineData("والقلم على الطاولة", "القلم")]       // و alone
    [InlineData("فالكتاب جاهز", "كتاب")]             // ف + ال
    [InlineData("الجائزة للطالب المتفوق", "طالب")]     // ل + ال written لل
    [InlineData("للغة أهمية كبيرة", "لغه")]           // لل before a word that starts with ل
    [InlineData("وبالبيت حديقة", "بيت")]              // و + ب + ال
    [InlineData("كسرت اليد", "يد")]                   // the article before a two-letter word
    [InlineData("I lost my pens", "pen")]
    [InlineData("Both cities flooded", "city")]
    [InlineData("the boxes", "box")]
    [InlineData("the churches", "church")]
    [InlineData("yoga classes", "class")]
    public void Document_HoldsTheFormsAWordIsFoundBy(string sentence, string form) =>
        Assert.Contains(form, SearchDocument.For(sentence)!.Split(' '));

    [Theory]
    [InlineData("ولد")]    // و then a two-letter rest: a word of its own, not و + لد
    [InlineData("بيت")]
    [InlineData("bus")]
    [InlineData("glass")]
    [InlineData("this")]
    public void ShortOrNonPluralWords_StayWhole(string word) => Assert.Equal([word], WordVariants.Of(word));

    [Fact]
    public void Query_RendersQuotedTermsForBothDatabases_LastWordAsPrefix()
    {
        var query = SearchQuery.Parse("Pens \"and\" OR بالقلم");

        Assert.Equal("(\"pens\" OR \"pen\") AND (\"and\") AND (\"or\") AND (\"بالقلم\"* OR \"قلم\"* OR \"القلم\"*)", query.ToFts5());
        Assert.Equal("('pens' | 'pen') & ('and') & ('or') & ('بالقلم':* | 'قلم':* | 'القلم':*)", query.ToTsQuery());
    }

    [Fact]
    public void Highlights_MarkWholeWordsInTheOriginalText()
    {
        const string content = "كتبتُ بالقلمِ الأزرق & <b>pens</b>";
        var spans = SearchHighlights.Find(content, SearchQuery.Parse("قلم pen"));

        Assert.Equal(["بالقلمِ", "pens"], spans.Select(s => content.Substring(s.Start, s.Length)));
        Assert.Equal("كتبتُ <mark>بالقلمِ</mark> الأزرق &amp; &lt;b&gt;<mark>pens</mark>&lt;/b&gt;", SearchHighlights.Excerpt(content, spans));
    }
}
