using Bunit;
using Messaging.Core.Accounts;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using ShellText = Messaging.Web.Resources.Shell;

namespace Messaging.Tests.Web.Layout;

public sealed class ShellComponentTests
{
    [Theory]
    [InlineData("en", "ltr")]
    [InlineData("ar", "rtl")]
    public async Task MainLayout_Culture_SetsDirectionAndTranslatesTitle(string language, string direction)
    {
        await using var context = await ComponentTestContext.CreateAsync(language);

        var layout = context.Bunit.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        Assert.Contains(BrowserSession.Text<ShellText>("AppName", language), layout.Find("[data-testid=app-title]").TextContent, StringComparison.Ordinal);
        var rtlProvider = layout.Find(".mud-rtl-provider");
        Assert.Equal(direction == "rtl", rtlProvider.ClassList.Contains("mud-application-layout-rtl"));
    }

    [Theory]
    [InlineData("en", "ar")]
    [InlineData("ar", "en")]
    public async Task AppBar_SignedOut_OffersTheOtherLanguageAndNoMenu(string language, string other)
    {
        await using var context = await ComponentTestContext.CreateAsync(language);

        var bar = context.Bunit.Render<AppBar>();

        var link = bar.Find("[data-testid=language-switch]");
        Assert.Contains($"culture={other}", link.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(BrowserSession.Text<ShellText>("OtherLanguageName", language), link.QuerySelector($"[lang={other}]")!.TextContent);
        Assert.Empty(bar.FindAll("[data-testid=user-menu], [data-testid=sign-out]"));
    }

    [Fact]
    public async Task AppBar_SignedInStatic_ShowsPlainSignOutForm()
    {
        await using var context = await ComponentTestContext.CreateAsync("ar");
        await context.SignInNewUserAsync("Static User");

        var bar = context.Bunit.Render<AppBar>();

        var form = bar.Find("form.sign-out-form");
        Assert.Equal(AccountLinks.Logout, form.GetAttribute("action"));
        Assert.Equal("logout", form.QuerySelector("input[name=_handler]")!.GetAttribute("value"));
        Assert.Contains(BrowserSession.Text<ShellText>("SignOut", "ar"), bar.Find("[data-testid=sign-out]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppBar_SignedInInteractive_ShowsUserMenuWithName()
    {
        await using var context = await ComponentTestContext.CreateAsync("en");
        var user = await context.SignInNewUserAsync("Menu User", VerificationStatus.Verified);
        context.Bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var bar = context.Bunit.Render<AppBar>();

        Assert.Contains(user.Email!, bar.Find("[data-testid=user-menu]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task NotAllowed_Culture_ShowsTranslatedRefusal(string language)
    {
        await using var context = await ComponentTestContext.CreateAsync(language);

        var page = context.Bunit.Render<NotAllowed>();

        Assert.Equal(BrowserSession.Text<ShellText>("NotAllowedTitle", language), page.Find("[data-testid=not-allowed]").TextContent);
    }

    [Theory]
    [InlineData("en", "Close")]
    [InlineData("ar", "إغلاق")]
    public async Task MudLocalizer_Culture_TranslatesMudBlazorOwnStrings(string language, string expected)
    {
        await using var context = await ComponentTestContext.CreateAsync(language);

        var alert = context.Bunit.Render<MudBlazor.MudAlert>(p => p.Add(a => a.ShowCloseIcon, true).Add(a => a.CloseIconClicked, _ => { }));

        Assert.Equal(expected, alert.Find("button").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task LocalDate_Arabic_UsesGregorianMonthAndYear()
    {
        await using var context = await ComponentTestContext.CreateAsync("ar");

        var date = context.Bunit.Render<LocalDate>(p => p.Add(d => d.Value, new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc)));

        var text = date.Find("time").TextContent;
        Assert.Contains("نوفمبر", text, StringComparison.Ordinal);
        Assert.Contains("2026", text, StringComparison.Ordinal);
        Assert.StartsWith("2026-11-24T09:30:00", date.Find("time").GetAttribute("datetime"), StringComparison.Ordinal);
    }
}
