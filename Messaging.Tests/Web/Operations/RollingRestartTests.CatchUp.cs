using System.Net;
using System.Text.Json.Nodes;

namespace Messaging.Tests.Web.Operations;

/// <summary>A client's catch-up: what it fetches after ready, a reconnect or a gap.</summary>
public sealed partial class RollingRestartTests
{
    private sealed partial class ChatClient
    {
        private async Task CatchUpAllAsync()
        {
            foreach (var conversation in conversations)
            {
                await CatchUpAsync(conversation);
            }
        }

        /// <summary>GET after the last sequence held without a hole, merged by sequence (the contract's step 2).</summary>
        private async Task CatchUpAsync(string conversation)
        {
            var address = ConnectedTo ?? balancer.For(home);
            try
            {
                while (true)
                {
                    long after;
                    lock (gate)
                    {
                        after = HeldThrough(views[conversation]);
                    }

                    using var response = await api.SendAsync(HttpMethod.Get, new Uri(address, $"/api/v1/messaging/conversations/{conversation}/messages?after_sequence={after}&limit=100").ToString(), user);
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        return; // the node is stopping; the ready after the move catches up
                    }

                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Name}: catch-up answered {(int)response.StatusCode}");
                    var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
                    lock (gate)
                    {
                        foreach (var m in page)
                        {
                            views[conversation][m!["sequence"]!.GetValue<long>()] = m["id"]!.GetValue<string>();
                        }

                        firstCatchUpThrough.TryAdd(conversation, HeldThrough(views[conversation]));
                    }

                    if (page.Count < 100)
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                // The node went away mid catch-up; the next ready (after the move) catches up again.
            }
        }

        private static long HeldThrough(SortedDictionary<long, string> view)
        {
            long held = 0;
            foreach (var sequence in view.Keys)
            {
                if (sequence != held + 1)
                {
                    break;
                }

                held = sequence;
            }

            return held;
        }
    }
}
