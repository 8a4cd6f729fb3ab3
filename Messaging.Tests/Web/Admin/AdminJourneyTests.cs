using Messaging.Core.Accounts;
using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;
using AdminText = Messaging.Web.Resources.Admin;

namespace Messaging.Tests.Web.Admin;

[Collection(BrowserCollection.Name)]
public sealed class AdminJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Admin_RejectInQueue_UserListShowsRejectedStatus()
    {
        using var api = app.Host.CreateApi();
        var person = await api.RegisterAsync("To Reject");
        await using var admin = await browser.NewSessionAsync(app.Host.BaseAddress);
        await admin.SignInAdminAsync("en");
        await admin.GotoAsync("/admin");
        var row = admin.Page.Locator($"[data-testid=queue-row][data-email='{person.Email}']");

        await row.Locator("[data-testid=reject]").ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        var stored = await app.Host.Services.GetRequiredService<ProfileHandler>().GetAsync(person.Id);
        Assert.Equal(VerificationStatus.Rejected, stored.VerificationStatus);
        await admin.Page.Locator("[data-testid=nav-UsersNav]").ClickAsync();
        var userRow = admin.Page.Locator("[data-testid=users-table] tr", new() { HasText = person.Email });
        await Expect(userRow.Locator("[data-testid=status]")).ToHaveTextAsync(BrowserSession.Text<AdminText>("StatusRejected", "en"));
    }
}
