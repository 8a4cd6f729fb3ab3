using System.Diagnostics.Metrics;

namespace Messaging.Web.Features.RateLimiting;

/// <summary>Requests refused with 429, by endpoint route (never by caller: addresses and users are not labels).</summary>
internal static class LimitMetrics
{
    public const string MeterName = "Messaging.RateLimiting";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Rejections = Meter.CreateCounter<long>(
        "messaging.rate_limit.rejections", "{request}", "Requests refused because a rate limit was reached.");

    public static void Rejected(HttpContext http) =>
        Rejections.Add(1, new KeyValuePair<string, object?>("route", (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "other"));
}
