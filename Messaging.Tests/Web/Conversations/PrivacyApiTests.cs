using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Conversations;

/// <summary>Issue 8, "Privacy": the directory, group invites and what new members may read, on both providers.</summary>
public abstract class PrivacyApiTests(AppFixture app)
{
    private const string Conversations = "/api/v1/messaging/conversations";

    [Fact]
    public async Task Directory_NamesByWordPrefix_EmailOnlyExact_EmptyListsNobody_Limited()
    {
        using var api = app.Host.CreateApi();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var me = await api.CreateVerifiedUserAsync($"Zed{tag}");
        var email = $"hidden.{tag}@tests.local";
        var admin = await api.LoginAdminAsync();
        async Task<TestUser> VerifiedAsync(string name, string address)
        {
            var user = await api.RegisterAsync(name, address);
            await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{user.Id}/verify", admin);
            return user;
        }

        var hidden = await VerifiedAsync($"Quiet{tag}", email);
        var arabic = await VerifiedAsync($"سارة أحمد{tag}", $"sara.{tag}@tests.local");

        Guid[] Ids(JsonNode? list) => list!.AsArray().Select(u => u!["user_id"]!.GetValue<Guid>()).ToArray();

        // Before: an empty query listed every verified user, and any email prefix ("h", "hi", ...) enumerated addresses.
        Assert.Empty(Ids(await api.GetAsync("/api/v1/users?query=", me)));
        Assert.Empty(Ids(await api.GetAsync("/api/v1/users", me)));
        Assert.Empty(Ids(await api.GetAsync("/api/v1/users?query=%20%20", me)));
        Assert.DoesNotContain(hidden.Id, Ids(await api.GetAsync($"/api/v1/users?query=hidden.{tag}", me)));
        Assert.DoesNotContain(hidden.Id, Ids(await api.GetAsync($"/api/v1/users?query=hidden.{tag}@tests", me)));
        Assert.Equal([hidden.Id], Ids(await api.GetAsync($"/api/v1/users?query={Uri.EscapeDataString(email.ToUpperInvariant())}", me)));

        // Names: a word's prefix, Arabic letter forms folded (أحمد is found by احمد), never a middle of a word.
        Assert.Equal([arabic.Id], Ids(await api.GetAsync($"/api/v1/users?query={Uri.EscapeDataString("احمد" + tag[..3])}", me)));
        Assert.Empty(Ids(await api.GetAsync($"/api/v1/users?query={Uri.EscapeDataString("حمد" + tag)}", me)));
        Assert.Empty(Ids(await api.GetAsync($"/api/v1/users?query=uiet{tag}", me)));

        // Results are limited: the contract clamps limit, never an error.
        for (var i = 0; i < 3; i++)
        {
            await api.CreateVerifiedUserAsync($"Many{tag} {i}");
        }

        Assert.Equal(2, Ids(await api.GetAsync($"/api/v1/users?query=many{tag}&limit=2", me)).Length);
        Assert.Equal(3, Ids(await api.GetAsync($"/api/v1/users?query=many{tag}&limit=5000", me)).Length);
    }

    [Fact]
    public async Task GroupInvite_PendingByDefault_AcceptAndDecline()
    {
        using var api = app.Host.CreateApi();
        var admin = await api.CreateVerifiedUserAsync("Invite Admin");
        var nour = await api.CreateVerifiedUserAsync("Invite Nour");
        var omar = await api.CreateVerifiedUserAsync("Invite Omar");
        var eager = await api.CreateVerifiedUserAsync("Invite Eager");
        Assert.False((await api.GetAsync("/api/v1/messaging/settings", nour))!["auto_accept_group_invites"]!.GetValue<bool>());
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", eager, new { auto_accept_group_invites = true });

        var group = await api.CreateGroupAsync(admin, "Invites", nour, omar, eager);

        Assert.True((await api.GetAsync($"{Conversations}/{group}", admin))!["is_accepted"]!.GetValue<bool>());
        Assert.True((await api.GetAsync($"{Conversations}/{group}", eager))!["is_accepted"]!.GetValue<bool>());
        var pending = (await api.GetAsync($"{Conversations}?limit=100", nour))!.AsArray().Single(c => c!["id"]!.GetValue<string>() == group);
        Assert.False(pending!["is_accepted"]!.GetValue<bool>());

        await api.AcceptAsync(nour, group);
        Assert.True((await api.GetAsync($"{Conversations}/{group}", nour))!["is_accepted"]!.GetValue<bool>());

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Conversations}/{group}/decline", omar);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{Conversations}/{group}", omar);
        Assert.DoesNotContain((await api.GetAsync(Conversations, omar))!.AsArray(), c => c!["id"]!.GetValue<string>() == group);
        var participants = (await api.GetAsync($"{Conversations}/{group}", admin))!["participants"]!.AsArray().Select(p => p!.GetValue<Guid>());
        Assert.DoesNotContain(omar.Id, participants);

        // An outsider cannot accept or decline someone else's conversation.
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"{Conversations}/{group}/accept", omar);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"{Conversations}/{group}/decline", omar);
    }

    [Fact]
    public async Task AddedMember_SeesHistoryFromTheirAdding_UnlessShared_NeverInEncrypted()
    {
        using var api = app.Host.CreateApi();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var admin = await api.CreateVerifiedUserAsync("History Admin");
        var first = await api.CreateVerifiedUserAsync("History First");
        var late = await api.CreateVerifiedUserAsync("History Late");
        var shared = await api.CreateVerifiedUserAsync("History Shared");
        var group = await api.CreateGroupAsync(admin, "History", first);
        var before = await api.SendMessageAsync(admin, group, $"before{tag} plans");
        var file = await api.UploadOkAsync(admin, group, Encoding.ASCII.GetBytes("earlier file"), "earlier.txt");
        await api.SendMessageAsync(admin, group, "", new { attachments = new[] { file["id"]!.GetValue<string>() } });

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Conversations}/{group}/participants", admin, new { user_ids = new[] { late.Id } });
        await api.SendMessageAsync(admin, group, $"after{tag} plans");

        // Before: everything sent before the adding was readable by the newcomer, through every read path.
        await AssertSeesAsync(api, late, group, tag, before: false);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/v1/messaging/attachments/{file["id"]!.GetValue<string>()}", late);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"{Conversations}/{group}/messages/{before["id"]!.GetValue<string>()}/read", late);

        // The admin chooses to share history.
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Conversations}/{group}/participants", admin, new { user_ids = new[] { shared.Id }, share_history = true });
        await AssertSeesAsync(api, shared, group, tag, before: true);
        using (var download = await api.DownloadAsync(shared, $"/api/v1/messaging/attachments/{file["id"]!.GetValue<string>()}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }

        // Re-added: the time away follows the same rule (not shared: nothing from before the new adding).
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Conversations}/{group}/participants/{late.Id}", admin);
        await api.SendMessageAsync(admin, group, $"away{tag} plans");
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Conversations}/{group}/participants", admin, new { user_ids = new[] { late.Id } });
        var contents = await ContentsAsync(api, late, group);
        Assert.DoesNotContain(contents, c => c.Contains($"away{tag}", StringComparison.Ordinal) || c.Contains($"before{tag}", StringComparison.Ordinal));

        // Re-added with shared history: everything, as for a newcomer.
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Conversations}/{group}/participants/{late.Id}", admin);
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Conversations}/{group}/participants", admin, new { user_ids = new[] { late.Id }, share_history = true });
        Assert.Contains(await ContentsAsync(api, late, group), c => c.Contains($"away{tag}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EncryptedGroup_NeverSharesEarlierHistory_EvenWhenAsked()
    {
        using var api = app.Host.CreateApi();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var admin = await api.CreateVerifiedUserAsync("Sealed Admin");
        var first = await api.CreateVerifiedUserAsync("Sealed First");
        var late = await api.CreateVerifiedUserAsync("Sealed Late");
        var created = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, Conversations, admin,
            new { conversation_type = "group", participant_ids = new[] { first.Id }, title = "Sealed", is_encrypted = true });
        var group = created!["id"]!.GetValue<string>();
        await api.SendMessageAsync(admin, group, $"before{tag} plans");

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Conversations}/{group}/participants", admin, new { user_ids = new[] { late.Id }, share_history = true });
        await api.SendMessageAsync(admin, group, $"after{tag} plans");

        await AssertSeesAsync(api, late, group, tag, before: false);
    }

    /// <summary>Pages, catch-up and search all agree on whether the newcomer sees the "before" message.</summary>
    private static async Task AssertSeesAsync(ApiClient api, TestUser user, string group, string tag, bool before)
    {
        var page = await ContentsAsync(api, user, group);
        Assert.Contains(page, c => c.Contains($"after{tag}", StringComparison.Ordinal));
        Assert.Equal(before, page.Any(c => c.Contains($"before{tag}", StringComparison.Ordinal)));

        var catchUp = (await api.GetAsync($"{Conversations}/{group}/messages?after_sequence=0", user))!.AsArray()
            .Select(m => m!["content"]!.GetValue<string>()).ToArray();
        Assert.Equal(before, catchUp.Any(c => c.Contains($"before{tag}", StringComparison.Ordinal)));

        var found = (await api.GetAsync($"/api/v1/messaging/search?query=before{tag}", user))!.AsArray();
        Assert.Equal(before, found.Count > 0);
    }

    private static async Task<string[]> ContentsAsync(ApiClient api, TestUser user, string group) =>
        (await api.GetAsync($"{Conversations}/{group}/messages?limit=100", user))!.AsArray()
            .Select(m => m!["content"]!.GetValue<string>()).ToArray();
}

public sealed class PrivacyApiTestsOnSqlite(SqliteAppFixture app) : PrivacyApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class PrivacyApiTestsOnPostgres(PostgresAppFixture app) : PrivacyApiTests(app), IClassFixture<PostgresAppFixture>;
