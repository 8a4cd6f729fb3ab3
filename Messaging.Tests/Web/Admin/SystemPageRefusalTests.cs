using System.Net;
using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;
using ShellText = Messaging.Web.Resources.Shell;

namespace Messaging.Tests.Web.Admin;

/// <summary>
/// The System page shows the installation's inner workings (nodes, services, versions): a signed-in person who is not an
/// administrator gets the localized refusal and none of it, in the browser and from the API (403 <c>not_allowed</c>, API.md).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SystemPageRefusalTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task SignedInNonAdmin_OpensSystemPage_IsRefusedAndSeesNothingOfTheSystem(string language)
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync($"Not An Administrator {language}");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress, language == "ar" ? "ar" : "en-US", width: 390, height: 844);
        await user.SignInAsync(person.Email, person.Password, language);

        await user.Page.GotoAsync("/admin/system");

        await Expect(user.Page.Locator("[data-testid=not-allowed]")).ToHaveTextAsync(BrowserSession.Text<ShellText>("NotAllowedTitle", language));
        await Expect(user.Page.Locator("[data-testid=system-version], [data-testid=system-database], [data-testid=service-state], [data-testid=jobs-state], [data-testid=node-this], [data-testid=nav-SystemNav]"))
            .ToHaveCountAsync(0);

        // The page's data source refuses the same person's token: 403 with the contract's code, localized.
        using var refused = await api.SendAsync(HttpMethod.Get, "/api/v1/admin/system", person, language: language);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("not_allowed", problem["code"]!.GetValue<string>());
        Assert.DoesNotContain("node_id", problem.ToJsonString(), StringComparison.Ordinal);
    }
}
