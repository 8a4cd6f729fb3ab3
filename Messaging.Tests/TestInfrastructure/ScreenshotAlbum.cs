using Microsoft.Playwright;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// The pictures screenshot tests write for docs/screenshots. The one place that reads MESSAGING_SCREENSHOTS_DIR
/// (scripts/screenshots.sh sets it to docs/screenshots); without it pictures go to a temporary folder, so the suite
/// never dirties the tree.
/// </summary>
public sealed class ScreenshotAlbum
{
    /// <summary>The folder the documentation's pictures are written to, or null in an ordinary test run.</summary>
    public static readonly string? DocsFolder = Environment.GetEnvironmentVariable("MESSAGING_SCREENSHOTS_DIR") is { Length: > 0 } dir
        ? dir
        : null;

    private static readonly Lazy<string> TemporaryFolder = new(() => Directory.CreateTempSubdirectory("messaging-screenshots-").FullName);

    private readonly List<string> written = [];

    public ScreenshotAlbum() => Directory.CreateDirectory(Folder);

    /// <summary>Where pictures go: <see cref="DocsFolder"/>, else a temporary folder.</summary>
    public static string Folder => DocsFolder ?? TemporaryFolder.Value;

    /// <summary>
    /// Writes <paramref name="name"/> (a file name) of the page for the documentation only when scripts/screenshots.sh
    /// asked for pictures: for journeys whose pictures are a by-product, not what they test.
    /// </summary>
    public static async Task SaveForDocsAsync(IPage page, string name)
    {
        if (DocsFolder is null)
        {
            return;
        }

        Directory.CreateDirectory(DocsFolder);
        // Let transitions and the last measurements of virtualized rows settle.
        await page.WaitForTimeoutAsync(400);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DocsFolder, name) });
    }

    /// <summary>Writes <c>{name}.png</c> of the page, the whole page unless <paramref name="fullPage"/> is false.</summary>
    public async Task ShootAsync(IPage page, string name, bool fullPage = true)
    {
        // Let transitions (ripples, the snackbar, the menu opening) settle so pictures are stable.
        await page.WaitForTimeoutAsync(400);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        written.Add(path);
    }

    /// <summary>Every picture was written and holds more than a blank page would.</summary>
    public void AssertWritten()
    {
        Assert.NotEmpty(written);
        Assert.All(written, file => Assert.True(new FileInfo(file).Length > 5_000, $"{file} is suspiciously small."));
    }
}
