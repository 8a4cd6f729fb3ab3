using System.Net;
using Microsoft.AspNetCore.SignalR.Client;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>Waits for access to end, failing when it takes longer than the product promises.</summary>
public static class AccessAssertions
{
    /// <summary>API.md "Sessions": an ended session's token, connections and circuits stop within 5 s, on every node.</summary>
    public static readonly TimeSpan Promise = TimeSpan.FromSeconds(5);

    /// <summary>Polls until the token is refused, failing if that takes longer than <see cref="Promise"/>.</summary>
    public static async Task ExpectRejectedWithinAsync(ApiClient api, TestUser user) =>
        await Eventually.ValueAsync($"the token of {user.Email} to be refused", async () =>
        {
            using var response = await api.SendAsync(HttpMethod.Get, "/api/v1/users/me", user);
            return response.StatusCode;
        }, status => status == HttpStatusCode.Unauthorized, Promise);

    /// <summary>Completes when the connection closes (the server aborted it).</summary>
    public static Task WatchClosed(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
