using Messaging.Core.Accounts;
using Messaging.Core.Contacts;
using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Tests.Web.Settings;

[Collection(BrowserCollection.Name)]
public sealed class SettingsJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Settings_ToggleAndChoose_SavedAtOnceAndShownAfterReload()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Sami Settings");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(person.Email, person.Password);
        await user.GotoAsync("/settings");

        await user.Page.ClickAsync("[data-testid=switch-sound]");
        await Expect(user.Page.Locator(".mud-snackbar")).ToBeVisibleAsync();
        await user.Page.ClickAsync("[data-testid=allow-connections]");

        var handler = app.Host.Services.GetRequiredService<MessageSettingsHandler>();
        var saved = await Eventually.ValueAsync(
            "\"connections only\" to be saved", () => handler.GetAsync(person.Id),
            settings => settings.AllowMessagesFrom == AllowMessagesFrom.ConnectionsOnly, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));

        Assert.False(saved.SoundNotifications);
        Assert.Equal(AllowMessagesFrom.ConnectionsOnly, saved.AllowMessagesFrom);
        await user.GotoAsync("/settings");
        await Expect(user.Page.Locator("[data-testid=switch-sound]")).Not.ToBeCheckedAsync();
        await Expect(user.Page.Locator("[data-testid=allow-connections]")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task Settings_BlockedUser_UnblockRemovesFromListAndDatabase()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Blocker Person");
        var other = await api.CreateVerifiedUserAsync("Blocked Person");
        var contacts = app.Host.Services.GetRequiredService<ContactsHandler>();
        await contacts.BlockAsync(person.Id, other.Id);
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(person.Email, person.Password);
        await user.GotoAsync("/settings");
        await Expect(user.Page.Locator("[data-testid=blocked-user]")).ToContainTextAsync("Blocked Person");

        await user.Page.ClickAsync("[data-testid=unblock]");

        await Expect(user.Page.Locator("[data-testid=blocked-empty]")).ToBeVisibleAsync();
        Assert.Empty(await contacts.ListBlockedAsync(person.Id));
    }
}
