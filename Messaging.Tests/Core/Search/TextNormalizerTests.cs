using Messaging.Core.Search;

namespace Messaging.Tests.Core.Search;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("مُحَمَّد", "محمد")]          // diacritics
    [InlineData("مـــرحبا", "مرحبا")]         // tatweel
    [InlineData("أحمد إبراهيم آمال", "احمد ابراهيم امال")] // alef forms
    [InlineData("مستشفى", "مستشفي")]          // alef maqsura
    [InlineData("مدرسة", "مدرسه")]            // teh marbuta
    [InlineData("Café RÉSUMÉ", "cafe resume")] // Latin case and accents
    [InlineData("المسؤول عن المشروع", "المسءول عن المشروع")]  // hamza on waw
    [InlineData("المسئول عن المشروع", "المسءول عن المشروع")]  // hamza on yaa: the same word
    [InlineData("التفاؤل والتفائل", "التفاءل والتفاءل")]
    [InlineData("الموعد ٢٠٢٤ و۱۲", "الموعد 2024 و12")]       // Arabic-Indic and Persian digits
    [InlineData("کرة القدم ی", "كره القدم ي")]               // Persian kaf and yaa
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
