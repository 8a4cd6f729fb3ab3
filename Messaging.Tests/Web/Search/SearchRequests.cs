using System.Text.Json.Nodes;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Search;

/// <summary>The search endpoint as the tests call it, and the recall check that plain and encrypted search both pass.</summary>
public static class SearchRequests
{
    public const string SearchUrl = "/api/v1/messaging/search?query=";

    /// <summary>The results of <paramref name="query"/>; <paramref name="rest"/> adds filters (<c>&amp;conversation_id=…</c>).</summary>
    public static async Task<JsonArray> FindAsync(ApiClient api, TestUser user, string query, string rest = "") =>
        (await api.GetAsync(SearchUrl + Uri.EscapeDataString(query) + rest, user))!.AsArray();

    /// <summary>
    /// Sends every message of <see cref="SearchRecallSet"/> from <paramref name="sender"/> into the conversation, then
    /// searches as <paramref name="reader"/>: each query must find its message and each miss must miss. Returns what did not.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RecallFailuresAsync(ApiClient api, TestUser sender, TestUser reader, string conversationId)
    {
        var ids = new Dictionary<string, string>();
        foreach (var message in SearchRecallSet.Pairs.Concat(SearchRecallSet.Misses).Select(p => p.Message).Distinct())
        {
            ids[message] = (await api.SendMessageAsync(sender, conversationId, message))["id"]!.GetValue<string>();
        }

        var failures = new List<string>();
        foreach (var (query, message) in SearchRecallSet.Pairs)
        {
            var found = await FindAsync(api, reader, query, $"&conversation_id={conversationId}&limit=50");
            if (!found.Any(r => r!["message_id"]!.GetValue<string>() == ids[message]))
            {
                failures.Add($"'{query}' did not find '{message}'");
            }
        }

        foreach (var (query, message) in SearchRecallSet.Misses)
        {
            var found = await FindAsync(api, reader, query, $"&conversation_id={conversationId}&limit=50");
            if (found.Any(r => r!["message_id"]!.GetValue<string>() == ids[message]))
            {
                failures.Add($"'{query}' found '{message}'");
            }
        }

        return failures;
    }
}
