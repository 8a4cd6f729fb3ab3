using Microsoft.Playwright;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// Saves documentation screenshots when MESSAGING_SCREENSHOTS names a folder (scripts/screenshots.sh sets it to
/// docs/screenshots); ordinary test runs leave the repository untouched.
/// </summary>
internal static class Screens
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("MESSAGING_SCREENSHOTS");
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        // Let transitions and the last measurements of virtualized rows settle.
        await page.WaitForTimeoutAsync(400);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name) });
    }
}
