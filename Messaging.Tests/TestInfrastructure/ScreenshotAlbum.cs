using Microsoft.Playwright;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// The pictures one screenshot test writes for docs/screenshots (scripts/screenshots.sh sets MESSAGING_SCREENSHOTS_DIR to
/// it). Without that variable they go to a temporary folder, so the suite never dirties the tree.
/// </summary>
public sealed class ScreenshotAlbum
{
    public static readonly string Folder = Environment.GetEnvironmentVariable("MESSAGING_SCREENSHOTS_DIR") is { Length: > 0 } dir
        ? dir
        : Directory.CreateTempSubdirectory("messaging-screenshots-").FullName;

    private readonly List<string> written = [];

    public ScreenshotAlbum() => Directory.CreateDirectory(Folder);

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
