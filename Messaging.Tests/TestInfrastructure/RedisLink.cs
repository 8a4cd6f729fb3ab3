using System.Globalization;
using System.Net;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// A node's link to the shared Redis, cut and restored by a <see cref="TcpProxy"/> (never the shared Redis itself, which
/// other tests use), and the node's readiness report that says whether it noticed.
/// </summary>
public static class RedisLink
{
    /// <summary>A proxy (not started) to the shared test Redis; point a node at <c>127.0.0.1:{proxy.Port}</c>.</summary>
    public static TcpProxy Proxy() => new(new IPEndPoint(IPAddress.Loopback, SharedRedisPort()));

    /// <summary>Polls <c>/health/ready</c> until its body is <paramref name="expected"/> (Healthy, Degraded), for up to 60 s.</summary>
    public static Task WaitForHealthAsync(ApiClient api, string expected) =>
        Eventually.ValueAsync($"/health/ready to answer {expected}", async () =>
        {
            using var response = await api.Http.GetAsync("/health/ready");
            return await response.Content.ReadAsStringAsync();
        }, body => body == expected, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));

    private static int SharedRedisPort()
    {
        var parts = TestServices.RedisConfiguration.Split(',')[0].Split(':');
        return parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 6379;
    }
}
