using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Resources;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Tests.Web.Conversations;

/// <summary>
/// The people search of the new-conversation dialog runs on the circuit, not through the API: before, it had no limit at
/// all while <c>GET /users?query=</c> had the Search budget. Now both take from the same budget.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PeopleSearchLimitTests(BrowserFixture browser, PeopleSearchLimitFixture app) : IClassFixture<PeopleSearchLimitFixture>
{
    [Fact]
    public async Task NewConversationDialog_SearchPastTheBudget_ShowsLocalizedMessageInArabic()
    {
        using var api = app.Host.CreateApi();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var searcher = await api.CreateVerifiedUserAsync($"Searcher {tag}");
        foreach (var name in new[] { "Omar", "Zaid", "Huda" })
        {
            await api.CreateVerifiedUserAsync($"{name} {tag}");
        }

        await using var session = await browser.NewSessionAsync(app.Host.BaseAddress, locale: "ar");
        await session.SignInAsync(searcher.Email, searcher.Password, "ar");
        await ChatPages.OpenListAsync(session.Page);
        await session.Page.GetByTestId("new-conversation").ClickAsync();
        var search = ChatPages.Field(session.Page, "people-search");

        // Three searches, each waited for by its own result: the whole budget.
        foreach (var name in new[] { "Omar", "Zaid", "Huda" })
        {
            await search.FillAsync(name);
            await Expect(session.Page.GetByTestId("person-result")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"{name} {tag}"));
        }

        await Expect(session.Page.GetByTestId("people-search-error")).ToHaveCountAsync(0);
        await search.FillAsync("Omar");

        await Expect(session.Page.GetByTestId("people-search-error")).ToHaveTextAsync(BrowserSession.Text<Errors>("RateLimited", "ar"));
        // The same budget as the API's directory search: spent there too.
        await api.ExpectAsync(System.Net.HttpStatusCode.TooManyRequests, HttpMethod.Get, "/api/v1/users?query=Omar", searcher);
    }
}

/// <summary>A Search budget of three per user.</summary>
public sealed class PeopleSearchLimitFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messaging:RateLimits:Search:PermitLimit"] = "3",
    };
}
