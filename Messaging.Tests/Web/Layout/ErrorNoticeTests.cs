using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;
using ConnectionText = Messaging.Web.Resources.Connection;

namespace Messaging.Tests.Web.Layout;

/// <summary>
/// An unhandled exception in a circuit: the page says so in the person's language and offers a reload (Blazor's
/// #blazor-error-ui, Components/Layout/ErrorNotice.razor) instead of going silently dead, and the reconnect logic of
/// ADR 0047 neither shows its notice nor reloads the page behind the person's back. Real Chromium, real circuit; the
/// exception comes from the test-only crash point Messaging:CrashPoints:CircuitEvent (a button's click handler throws).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErrorNoticeTests(BrowserFixture browser, ErrorNoticeTests.CrashingApp app) : IClassFixture<ErrorNoticeTests.CrashingApp>
{
    [Theory]
    [InlineData("en", "ltr")]
    [InlineData("ar", "rtl")]
    public async Task UnhandledErrorInCircuit_ShowsLocalizedNoticeWithReload_AndReloadBringsThePageBack(string culture, string direction)
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync($"Crash {culture}");
        var page = await browser.OpenAsync(app.Host, person.Id, culture);
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("shell")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", direction);
        var notice = page.GetByTestId("error-notice");
        await Expect(notice).ToBeHiddenAsync();
        // A mark only this page load carries: a reload would drop it.
        await page.EvaluateAsync("() => { window.messagingBeforeError = true; }");

        // Hidden: dispatched straight to Blazor's event delegation, as a click would be.
        await page.GetByTestId("crash-point-circuit").DispatchEventAsync("click");

        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync(BrowserSession.Text<ConnectionText>("PageFailed", culture));
        await Expect(notice).ToContainTextAsync(BrowserSession.Text<ConnectionText>("PageFailedBody", culture));
        var reload = page.GetByTestId("error-notice-reload");
        await Expect(reload).ToHaveTextAsync(BrowserSession.Text<ConnectionText>("Reload", culture));
        await Expect(page.GetByTestId("reconnect-notice")).ToBeHiddenAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.messagingBeforeError === true"), "the page reloaded by itself");

        await reload.ClickAsync();

        await page.WaitForFunctionAsync("() => window.messagingBeforeError === undefined");
        await Expect(page.GetByTestId("shell")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(notice).ToBeHiddenAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", direction);
        await page.Context.CloseAsync();
    }

    /// <summary>A node whose pages carry the crash point; nothing else differs.</summary>
    public sealed class CrashingApp : AppFixture
    {
        public override Messaging.Core.Persistence.DatabaseProvider Provider => Messaging.Core.Persistence.DatabaseProvider.Sqlite;

        protected override IDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Messaging:CrashPoints:CircuitEvent"] = "true" };
    }
}
