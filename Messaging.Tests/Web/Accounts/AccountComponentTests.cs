using System.Globalization;
using Bunit;
using Messaging.Core.Accounts;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using AccountText = Messaging.Web.Resources.Account;

namespace Messaging.Tests.Web.Accounts;

/// <summary>The awaiting-verification page in each state, against a real SQLite database.</summary>
public sealed class AccountComponentTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Pending_PendingUser_ShowsCalmWaitingState(string language)
    {
        await using var context = await ComponentTestContext.CreateAsync(language);
        await context.SignInNewUserAsync("Huda Khalil");

        var page = context.Bunit.Render<Pending>();

        var state = page.Find("[data-testid=pending]");
        Assert.Contains(string.Format(CultureInfo.GetCultureInfo(language), BrowserSession.Text<AccountText>("PendingGreeting", language), "Huda Khalil"), state.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=rejected], .mud-alert-filled-error, .mud-alert-text-error"));
    }

    [Fact]
    public async Task Pending_RejectedUser_ShowsRejectedState()
    {
        await using var context = await ComponentTestContext.CreateAsync("ar");
        await context.SignInNewUserAsync("Rejected Person", VerificationStatus.Rejected);

        var page = context.Bunit.Render<Pending>();

        Assert.Contains(BrowserSession.Text<AccountText>("RejectedText", "ar"), page.Find("[data-testid=rejected]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=pending]"));
    }

    [Fact]
    public async Task Pending_VerifiedUser_IsSentHome()
    {
        await using var context = await ComponentTestContext.CreateAsync("en");
        await context.SignInNewUserAsync("Verified Person", VerificationStatus.Verified);
        var navigation = context.Bunit.Services.GetRequiredService<NavigationManager>();

        context.Bunit.Render<Pending>();

        Assert.Equal(navigation.BaseUri, navigation.Uri);
    }

    [Fact]
    public async Task Pending_UnknownAccount_ShowsMissingAccountText()
    {
        await using var context = await ComponentTestContext.CreateAsync("en");
        context.Authorization.SetAuthorized("ghost@tests.local");
        context.Authorization.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()));

        var page = context.Bunit.Render<Pending>();

        Assert.Contains(BrowserSession.Text<AccountText>("AccountMissing", "en"), page.Markup, StringComparison.Ordinal);
    }
}
