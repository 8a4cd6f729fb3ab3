using System.Security.Claims;
using Bunit;
using Messaging.Core.Accounts;
using Messaging.Core.Accounts.Sessions;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Features.Settings;
using SettingsText = Messaging.Web.Resources.Settings;

namespace Messaging.Tests.Web.Settings;

public sealed class SessionsComponentTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task SettingsPage_TwoSessions_ListsBothCurrentMarkedEndingOtherEndsIt(string language)
    {
        await using var context = await ComponentTestContext.CreateAsync(language);
        var me = await context.SignInNewUserAsync("Session Owner", VerificationStatus.Verified);
        var sessions = context.Bunit.Services.GetRequiredService<SessionHandler>();
        var here = await sessions.StartAsync(me.Id, SessionKind.Cookie, "Firefox on Linux", "192.0.2.1");
        var phone = await sessions.StartAsync(me.Id, SessionKind.Token, "Phone app", "198.51.100.7");
        context.Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, me.Id.ToString()), new Claim(AccessState.SessionClaim, here.SessionId.ToString()));

        var page = context.Bunit.Render<SettingsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=session]").Count));
        Assert.Equal(BrowserSession.Text<SettingsText>("SessionsHeading", language), page.Find("#sessions-heading").TextContent);
        var current = page.Find("[data-testid=session][data-current=true]");
        Assert.Equal(here.SessionId.ToString(), current.GetAttribute("data-session-id"));
        Assert.Contains(BrowserSession.Text<SettingsText>("SessionCurrent", language), current.TextContent, StringComparison.Ordinal);
        Assert.Contains("Firefox on Linux", current.TextContent, StringComparison.Ordinal);
        var other = page.Find("[data-testid=session][data-current=false]");
        Assert.Contains("198.51.100.7", other.TextContent, StringComparison.Ordinal);

        await other.QuerySelector("[data-testid=session-end]")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=session]")));
        var left = Assert.Single(await sessions.ListAsync(me.Id, here.SessionId));
        Assert.True(left.Current);
        await Assert.ThrowsAsync<Messaging.Core.Common.MessagingException>(() => sessions.RefreshAsync(phone.RefreshToken));
    }
}
