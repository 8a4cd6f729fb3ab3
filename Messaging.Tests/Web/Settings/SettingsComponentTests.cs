using Bunit;
using Messaging.Core.Accounts;
using Messaging.Core.Contacts;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Features.Settings;
using SettingsText = Messaging.Web.Resources.Settings;

namespace Messaging.Tests.Web.Settings;

public sealed class SettingsComponentTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task SettingsPage_NoBlocks_ShowsTranslatedSectionsAndEmptyState(string language)
    {
        await using var context = await ComponentTestContext.CreateAsync(language);
        await context.SignInNewUserAsync("Settings Person", VerificationStatus.Verified);

        var page = context.Bunit.Render<SettingsPage>();

        page.WaitForElement("[data-testid=blocked-empty]");
        Assert.Equal(BrowserSession.Text<SettingsText>("Title", language), page.Find("h1").TextContent);
        Assert.Equal(BrowserSession.Text<SettingsText>("BlockedEmpty", language), page.Find("[data-testid=blocked-empty]").TextContent);
        Assert.Equal("true", page.Find($"[data-testid=language-{language}]").GetAttribute("checked") is null ? "false" : "true");
    }

    [Fact]
    public async Task SettingsPage_UnblockClicked_RemovesUserFromList()
    {
        await using var context = await ComponentTestContext.CreateAsync("en");
        var other = await context.SignInNewUserAsync("Blocked Someone", VerificationStatus.Verified);
        var me = await context.SignInNewUserAsync("Me Myself", VerificationStatus.Verified);
        var contacts = context.Bunit.Services.GetRequiredService<ContactsHandler>();
        await contacts.BlockAsync(me.Id, other.Id);

        var page = context.Bunit.Render<SettingsPage>();
        page.WaitForElement("[data-testid=blocked-user]");
        Assert.Equal("Unblock Blocked Someone", page.Find("[data-testid=unblock]").GetAttribute("aria-label"));

        await page.Find("[data-testid=unblock]").ClickAsync(new());

        page.WaitForElement("[data-testid=blocked-empty]");
        Assert.Empty(await contacts.ListBlockedAsync(me.Id));
    }

    [Fact]
    public async Task SettingsPage_UnknownUser_ShowsErrorState()
    {
        await using var context = await ComponentTestContext.CreateAsync("ar");
        context.Authorization.SetAuthorized("ghost@tests.local");
        context.Authorization.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()));

        var page = context.Bunit.Render<SettingsPage>();

        page.WaitForElement("[data-testid=settings-error]");
        Assert.Equal(BrowserSession.Text<Messaging.Web.Resources.Errors>("NotFound", "ar"), page.Find("[data-testid=settings-error]").TextContent.Trim());
    }
}
