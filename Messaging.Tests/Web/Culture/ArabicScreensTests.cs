using System.Xml.Linq;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Culture;

/// <summary>
/// The main screens in Arabic show no English sentence from the resx files: every English value of two words or more
/// (except those marked [identical]) is looked for in the rendered text.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ArabicScreensTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task MainScreens_Arabic_NoEnglishSentenceOnScreen()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Arabic Screens Person");
        var admin = await api.LoginAdminAsync();
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{person.Id}/suspend", admin, new { reason = "س" });
        var sentences = EnglishSentences();
        await using var session = await browser.NewSessionAsync(app.Host.BaseAddress, "ar");
        await session.SignInAdminAsync("ar");

        foreach (var path in new[] { "/", "/settings", "/admin", "/admin/users", "/admin/audit" })
        {
            await session.GotoAsync(path);
            await session.Page.WaitForTimeoutAsync(300);
            var text = await session.Page.InnerTextAsync("body");
            var english = sentences.Where(s => text.Contains(s, StringComparison.Ordinal)).ToArray();
            Assert.True(english.Length == 0, $"{path} shows English in Arabic: {string.Join(" | ", english)}");
        }
    }

    private static string[] EnglishSentences()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "Messaging.Web", "Resources");
        return Directory.GetFiles(folder, "*.resx")
            .Where(f => Path.GetFileName(f).Count(c => c == '.') == 1)
            .SelectMany(f => XDocument.Load(f).Root!.Elements("data"))
            .Where(d => !(d.Element("comment")?.Value ?? "").Contains("[identical]", StringComparison.Ordinal))
            .Select(d => System.Text.RegularExpressions.Regex.Replace(d.Element("value")?.Value ?? "", @"\{\d+[^}]*\}", "\u0001"))
            .SelectMany(v => v.Split('\u0001'))
            .Select(v => v.Trim())
            .Where(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2 && v.Any(char.IsAsciiLetter))
            .Distinct()
            .ToArray();
    }
}
