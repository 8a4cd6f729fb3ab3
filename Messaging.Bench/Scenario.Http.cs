using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Messaging.Bench;

/// <summary>Plumbing of the scenario's HTTP calls and its parallel set-up.</summary>
public sealed partial class Scenario
{
    internal static HttpRequestMessage Request(HttpMethod method, Uri node, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(node, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return request;
    }

    private static Task ForEachAsync<T>(IEnumerable<T> items, int parallelism, Func<T, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, _) => await action(item));
}
