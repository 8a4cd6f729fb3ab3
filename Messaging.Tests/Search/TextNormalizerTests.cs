using Messaging.Core.Search;

namespace Messaging.Tests.Search;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("مُحَمَّد", "محمد")]          // diacritics
    [InlineData("مـــرحبا", "مرحبا")]         // tatweel
    [InlineData("أحمد إبراهيم آمال", "احمد ابراهيم امال")] // alef forms
    [InlineData("مستشفى", "مستشفي")]          // alef maqsura
    [InlineData("مدرسة", "مدرسه")]            // teh marbuta
    [InlineData("Café RÉSUMÉ", "cafe resume")] // Latin case and accents
    public void Normalize_FoldsSpellingVariants(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Normalize_NullOrEmpty_IsEmpty()
    {
        Assert.Equal("", TextNormalizer.Normalize(null));
        Assert.Equal("", TextNormalizer.Normalize(""));
    }

    [Fact]
    public void Normalize_WithOrigins_MapsEachFoldedCharacterBack()
    {
        const string text = "غداً مع أحمد";
        var folded = TextNormalizer.Normalize(text, out var origins);

        Assert.Equal("غدا مع احمد", folded);
        Assert.Equal(folded.Length, origins.Length);
        var at = folded.IndexOf("احمد", StringComparison.Ordinal);
        Assert.Equal("أحمد", text[origins[at]..]);
    }
}
