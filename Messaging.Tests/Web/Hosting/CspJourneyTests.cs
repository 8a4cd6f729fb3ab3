using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Hosting;

/// <summary>The Content-Security-Policy is strict, and Blazor Server and MudBlazor still work under it in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CspJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task SignInAndSendMessage_UnderTheContentSecurityPolicy_WorksWithoutViolations()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Csp");
        var omar = await api.CreateVerifiedUserAsync("Omar Csp");
        var conversation = await api.CreateDirectAsync(sara, omar);
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        var violations = new List<string>();
        user.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };
        await user.Page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        await user.SignInAsync(sara.Email, sara.Password);
        await ChatPages.OpenListAsync(user.Page, $"/conversations/{conversation}");
        await ChatPages.WaitForChatAsync(user.Page);
        await ChatPages.SendAsync(user.Page, "Hello under a strict policy");
        var response = await user.Page.GotoAsync("/settings");
        Assert.Contains("frame-ancestors 'none'", await response!.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
        await user.WaitForInteractiveAsync();
        lock (violations)
        {
            Assert.Empty(violations);
        }
    }
}
