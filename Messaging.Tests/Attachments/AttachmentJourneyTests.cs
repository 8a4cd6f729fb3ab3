using System.Text;
using Messaging.Tests.Conversations;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Attachments;

/// <summary>Sharing files in a real browser: Sara on a phone in Arabic sends a photo and a document, Omar downloads them.</summary>
public sealed class AttachmentJourneyTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task ShareFiles_PhoneInArabic_ImagePreviewAndArabicNamedDownloadInSecondBrowser()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Haddad");
        var omar = await api.CreateVerifiedUserAsync("Omar Khalil");
        var id = await api.CreateDirectAsync(sara, omar);
        const string documentName = "تقرير الربع الأول.pdf";
        var document = Encoding.ASCII.GetBytes("%PDF-1.4\n% quarterly report\n%%EOF\n");

        var saraPage = await browser.OpenAsync(app.Host, sara.Id, culture: "ar", width: 390, height: 844);
        await saraPage.GotoAsync($"/conversations/{id}");
        await ChatPages.WaitForChatAsync(saraPage);

        // Refused before upload, with a localized message: a type that is not on the allow-list.
        await saraPage.GetByTestId("attach-input").SetInputFilesAsync(new FilePayload { Name = "setup.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0, 0] });
        await Assertions.Expect(saraPage.GetByTestId("upload-error")).ToContainTextAsync("لا يمكن مشاركة هذا النوع من الملفات");

        // Two files at once: a photo and an Arabic-named PDF.
        await saraPage.GetByTestId("attach-input").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = TestFiles.JpegWithExifGps(800, 600) },
            new FilePayload { Name = documentName, MimeType = "application/pdf", Buffer = document },
        });
        var sent = saraPage.GetByTestId("message").Filter(new() { Has = saraPage.GetByTestId("attachment-image") });
        await Assertions.Expect(sent.GetByTestId("attachment-name")).ToHaveTextAsync(documentName);
        await Assertions.Expect(sent.GetByTestId("attachment-name")).ToHaveAttributeAsync("dir", "auto");

        // Nothing spills past a phone's width.
        var overflow = await saraPage.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);

        // Omar, in his own browser: the thumbnail has its box reserved and loads; the viewer shows the full image.
        var omarPage = await browser.OpenAsync(app.Host, omar.Id);
        await omarPage.GotoAsync($"/conversations/{id}");
        await ChatPages.WaitForChatAsync(omarPage);
        var thumbnail = omarPage.GetByTestId("attachment-image").Locator("img");
        await Assertions.Expect(thumbnail).ToHaveAttributeAsync("width", "320");
        await Assertions.Expect(thumbnail).ToHaveAttributeAsync("height", "240");
        await Assertions.Expect(thumbnail).ToHaveAttributeAsync("loading", "lazy");
        await omarPage.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=attachment-image] img'); return i && i.complete && i.naturalWidth === 320; }");
        await omarPage.GetByTestId("attachment-image").ClickAsync();
        await omarPage.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=image-viewer-image]'); return i && i.complete && i.naturalWidth === 800; }");
        await omarPage.GetByTestId("image-viewer-close").ClickAsync();

        // The download keeps the Arabic name and the exact bytes.
        var download = await omarPage.RunAndWaitForDownloadAsync(() => omarPage.GetByTestId("attachment-download").ClickAsync());
        Assert.Equal(documentName, download.SuggestedFilename);
        var path = await download.PathAsync();
        Assert.Equal(document, await File.ReadAllBytesAsync(path));
    }
}
