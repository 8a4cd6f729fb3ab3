using System.Text;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Attachments;

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

    [Fact]
    public async Task Upload_LargeFile_ProgressBarAdvancesAndCancelKeepsNothing()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Progress");
        var omar = await api.CreateVerifiedUserAsync("Omar Progress");
        var id = await api.CreateDirectAsync(sara, omar);
        // Large enough to take a while over the circuit (Playwright hands big files over by path).
        var path = Path.Combine(Path.GetTempPath(), $"messaging-big-{Guid.NewGuid():N}.pdf");
        await using (var file = File.Create(path))
        {
            await file.WriteAsync(Encoding.ASCII.GetBytes("%PDF-1.4\n"));
            file.SetLength(90 * 1024 * 1024);
        }

        try
        {
            var page = await browser.OpenAsync(app.Host, sara.Id);
            await page.GotoAsync($"/conversations/{id}");
            await ChatPages.WaitForChatAsync(page);

            // Blazor streams a picked file to the circuit chunk by chunk, each read through Blob.arrayBuffer. On a quiet
            // machine 90 MB went through in about a second, so the bar could finish before it was read twice: each chunk
            // now waits 10 ms in this page, which makes the upload take half a minute (the test cancels it in seconds).
            await page.EvaluateAsync("""
                () => {
                    const read = Blob.prototype.arrayBuffer;
                    Blob.prototype.arrayBuffer = function () { return new Promise(r => setTimeout(r, 10)).then(() => read.call(this)); };
                }
                """);
            await page.GetByTestId("attach-input").SetInputFilesAsync(path);

            // The bar moves: a first value above 0, then a larger one, still below 100 (each read where it is seen).
            var progress = page.GetByTestId("upload-progress");
            await Assertions.Expect(progress).ToBeVisibleAsync();
            var first = await ProgressAboveAsync(page, 0);
            var later = await ProgressAboveAsync(page, first);
            Assert.InRange(later, first + 1, 99);

            await page.GetByTestId("upload-cancel").ClickAsync();

            await Assertions.Expect(page.GetByTestId("upload-error")).ToContainTextAsync(
                BrowserSession.Text<Messaging.Web.Resources.Attachments>("Cancelled", "en").Replace("{0}", Path.GetFileName(path), StringComparison.Ordinal));
            await Assertions.Expect(page.GetByTestId("upload-item")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("message")).ToHaveCountAsync(0);
            var factory = app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>();
            var conversationId = Guid.Parse(id);
            await Eventually.UntilAsync("the cancelled upload's attachment to be removed", async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                return !await db.Attachments.AnyAsync(a => a.ConversationId == conversationId);
            }, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task FilesTab_NewestFirst_AdminTurnsSharingOffAndTheAttachButtonGoes()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Files");
        var omar = await api.CreateVerifiedUserAsync("Omar Files");
        var group = await api.CreateGroupAsync(sara, "Budget", omar);
        foreach (var name in new[] { "older.txt", "ميزانية.csv" })
        {
            var attachment = await api.UploadOkAsync(sara, group, Encoding.UTF8.GetBytes("a,b\n1,2\n"), name);
            await api.SendMessageAsync(sara, group, "", new { attachments = new[] { attachment["id"]!.GetValue<string>() } });
        }

        var page = await browser.OpenAsync(app.Host, sara.Id);
        await page.GotoAsync($"/conversations/{group}");
        await ChatPages.WaitForChatAsync(page);
        await Assertions.Expect(page.GetByTestId("attach-button")).ToBeVisibleAsync();
        await page.GetByTestId("open-settings").ClickAsync();

        // Files is its own tab of the settings, loaded when opened.
        await Assertions.Expect(page.GetByTestId("conversation-files")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Tab, new() { Name = BrowserSession.Text<Messaging.Web.Resources.Attachments>("FilesHeading", "en") }).ClickAsync();
        var names = page.GetByTestId("files-item").Locator(".attachment-name");
        await Assertions.Expect(names).ToHaveTextAsync(["ميزانية.csv", "older.txt"]);

        await page.GetByTestId("file-sharing-switch").ClickAsync();
        await Assertions.Expect(page.GetByTestId("file-sharing-switch")).Not.ToBeCheckedAsync();
        await page.GetByTestId("settings-close").ClickAsync();

        await Assertions.Expect(page.GetByTestId("attach-button")).ToHaveCountAsync(0);
        var settings = await api.GetAsync($"/api/v1/messaging/conversations/{group}", sara);
        Assert.False(settings!["allow_file_sharing"]!.GetValue<bool>());
    }

    [Fact]
    public async Task DropAndPaste_FilesOnTheComposer_AreSentLikeAttachedOnes()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Drop");
        var omar = await api.CreateVerifiedUserAsync("Omar Drop");
        var id = await api.CreateDirectAsync(sara, omar);
        var page = await browser.OpenAsync(app.Host, sara.Id);
        await page.GotoAsync($"/conversations/{id}");
        await ChatPages.WaitForChatAsync(page);
        // The composer listens for drops once the picker's module has loaded (a drop before that is the browser's own).
        await Assertions.Expect(page.GetByTestId("attachment-picker").First).ToHaveAttributeAsync("data-ready", "true");

        // A file dragged from the desktop and dropped on the composer.
        await page.EvaluateAsync("""
            () => {
                const transfer = new DataTransfer();
                transfer.items.add(new File(['dropped notes'], 'dropped.txt', { type: 'text/plain' }));
                document.querySelector('.composer').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """);
        await Assertions.Expect(page.GetByTestId("message").GetByTestId("attachment-name").Filter(new() { HasText = "dropped.txt" })).ToBeVisibleAsync();

        // A file pasted into the message field (a screenshot from the clipboard arrives the same way).
        await page.EvaluateAsync("""
            () => {
                const transfer = new DataTransfer();
                transfer.items.add(new File(['pasted notes'], 'pasted.txt', { type: 'text/plain' }));
                document.querySelector('[data-testid=composer-input]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
            }
            """);
        await Assertions.Expect(page.GetByTestId("message").GetByTestId("attachment-name").Filter(new() { HasText = "pasted.txt" })).ToBeVisibleAsync();

        var stored = await api.GetAsync($"/api/v1/messaging/conversations/{id}/messages", sara);
        Assert.Equal(2, stored!.AsArray().Count(m => m!["attachments"]?.AsArray().Count == 1));
    }

    /// <summary>Waits until the bar's value exceeds <paramref name="floor"/> and returns that value, read in the same check.</summary>
    private static async Task<int> ProgressAboveAsync(IPage page, int floor)
    {
        var value = await page.WaitForFunctionAsync(
            "floor => { const v = Number(document.querySelector('[data-testid=upload-progress]')?.getAttribute('aria-valuenow')); return v > floor ? v : null; }",
            floor);
        return await value.JsonValueAsync<int>();
    }
}
