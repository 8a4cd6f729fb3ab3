using System.Collections.Concurrent;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Tests.Web.Hosting;

/// <summary>
/// The interactive reference at /api/docs renders in a real Chromium from this server alone: its bundle is served
/// locally, no font or script comes from a CDN, and the page's content security policy lets it run without an error.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiDocsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task ApiDocs_InChromium_RendersTheOperationsWithoutErrorsOrOutsideRequests()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await using var host = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory,
            extra: new Dictionary<string, string?> { ["Messaging:Api:Reference"] = "true" });
        await using var session = await browser.NewSessionAsync(host.BaseAddress);
        var errors = new ConcurrentBag<string>();
        var outside = new ConcurrentBag<string>();
        session.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        session.Page.PageError += (_, error) => errors.Add(error);
        session.Page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" && url.Authority != host.BaseAddress.Authority)
            {
                outside.Add(request.Url);
            }
        };

        await session.Page.GotoAsync("/api/docs");

        await Expect(session.Page.GetByText("Rate limited; see Retry-After").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await session.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        Assert.Empty(outside);
        Assert.Empty(errors);
    }
}
