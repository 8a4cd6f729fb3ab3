using System.Net;
using Messaging.Core.Realtime;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Messaging.Tests.Web.Realtime;

/// <summary>Access that ends ends live connections too: real SignalR clients against a real host.</summary>
public sealed class AccessRevocationTests(RealtimeFixture app) : IClassFixture<RealtimeFixture>
{
    private ApiClient Api => app.Api;

    [Fact]
    public async Task Reject_ConnectedUser_HubClosedWithin5sAndLaterMessagesNeverReachThem()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Stays");
        var bob = await Api.CreateVerifiedUserAsync("Bob Rejected");
        var conversation = await Api.CreateDirectAsync(alice, bob, encrypted: true);
        await using var bobHub = await HubClient.ConnectAsync(app.Host, bob);
        var closed = AccessAssertions.WatchClosed(bobHub.Connection);
        var before = (await Api.SendMessageAsync(alice, conversation, "before"))["id"]!.GetValue<string>();
        await bobHub.WaitForMessageAsync(before);
        var heard = new List<MessagingEvent>();
        using var listener = app.Host.Services.GetRequiredService<IEventBus>().Subscribe(bob.Id, e =>
        {
            lock (heard)
            {
                heard.Add(e);
            }

            return Task.CompletedTask;
        });
        var admin = await Api.LoginAdminAsync();

        await Api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{bob.Id}/reject", admin);

        await closed.WaitAsync(AccessAssertions.Promise);
        var after = (await Api.SendMessageAsync(alice, conversation, "secret after the change"))["id"]!.GetValue<string>();
        lock (heard)
        {
            Assert.DoesNotContain(heard, e => e is MessageEvent m && m.Message.Id.ToString() == after);
        }

        Assert.Equal(0, bobHub.Count("new_message", p => p.GetProperty("message").Str("id") == after));
    }

    [Fact]
    public async Task Connect_UnverifiedUser_IsRefused()
    {
        var pending = await Api.RegisterAsync("Pending Listener");

        await ExpectRefusedAsync(pending);
    }

    [Fact]
    public async Task Reject_ThenRefreshAndReconnect_BothRefused()
    {
        var bob = await Api.CreateVerifiedUserAsync("Bob Comes Back");
        var admin = await Api.LoginAdminAsync();
        await Api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{bob.Id}/reject", admin);

        await Api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = bob.RefreshToken });
        var again = await Api.LoginAsync(bob.Email, bob.Password);
        await ExpectRefusedAsync(again);
    }

    [Fact]
    public async Task EndSession_ConnectionOfThatSession_ClosedWithin5sOtherSessionKeepsListening()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Sender");
        var phone = await Api.CreateVerifiedUserAsync("Bob Two Sessions");
        var laptop = await Api.LoginAsync(phone.Email, phone.Password);
        var conversation = await Api.CreateDirectAsync(alice, phone);
        await using var phoneHub = await HubClient.ConnectAsync(app.Host, phone);
        await using var laptopHub = await HubClient.ConnectAsync(app.Host, laptop);
        var phoneClosed = AccessAssertions.WatchClosed(phoneHub.Connection);
        var sessions = (await Api.GetAsync("/api/v1/users/me/sessions", laptop))!.AsArray();
        var phoneSession = sessions.Single(s => !s!["current"]!.GetValue<bool>())!["session_id"]!.GetValue<string>();

        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/users/me/sessions/{phoneSession}", laptop);

        await phoneClosed.WaitAsync(AccessAssertions.Promise);
        var message = (await Api.SendMessageAsync(alice, conversation, "still here?"))["id"]!.GetValue<string>();
        await laptopHub.WaitForMessageAsync(message);
        Assert.Equal(HubConnectionState.Connected, laptopHub.Connection.State);
    }

    [Fact]
    public async Task LogoutAll_ConnectedUser_EveryConnectionClosedWithin5s()
    {
        var bob = await Api.CreateVerifiedUserAsync("Bob Leaves Everywhere");
        var laptop = await Api.LoginAsync(bob.Email, bob.Password);
        await using var first = await HubClient.ConnectAsync(app.Host, bob);
        await using var second = await HubClient.ConnectAsync(app.Host, laptop);
        var closed = Task.WhenAll(AccessAssertions.WatchClosed(first.Connection), AccessAssertions.WatchClosed(second.Connection));

        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/v1/auth/logout_all", bob);

        await closed.WaitAsync(AccessAssertions.Promise);
    }

    /// <summary>The server may refuse at negotiation or close right after the handshake; either way nothing stays open.</summary>
    private async Task ExpectRefusedAsync(TestUser user)
    {
        await using var connection = HubClient.Build(app.Host.BaseAddress, user.AccessToken);
        var closed = AccessAssertions.WatchClosed(connection);
        try
        {
            await connection.StartAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException)
        {
            return;
        }

        await closed.WaitAsync(AccessAssertions.Promise);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }
}
