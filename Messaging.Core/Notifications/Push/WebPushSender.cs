using System.Net;
using System.Net.Http.Headers;
using Messaging.Core.Operations;
using Microsoft.AspNetCore.WebUtilities;

namespace Messaging.Core.Notifications.Push;

public enum PushOutcome
{
    Delivered,

    /// <summary>404 or 410: the subscription is gone and is deleted.</summary>
    Gone,

    /// <summary>429 or 5xx, or no answer: worth another try later.</summary>
    RetryLater,

    /// <summary>Any other refusal (400, 401, 413...): trying again would not help.</summary>
    Rejected,
}

/// <summary>What the push service answered; <see cref="RetryAfter"/> is its <c>Retry-After</c>, when it sent one.</summary>
public sealed record PushResult(PushOutcome Outcome, TimeSpan? RetryAfter = null);

/// <summary>Sends one encrypted message to one push subscription (RFC 8030).</summary>
public interface IPushSender
{
    Task<PushResult> SendAsync(PushSubscription subscription, byte[] payload, CancellationToken cancellationToken);
}

public sealed class WebPushSender(HttpClient http, VapidKeys vapid, TimeProvider time) : IPushSender
{
    public const string HttpClientName = "webpush";

    public async Task<PushResult> SendAsync(PushSubscription subscription, byte[] payload, CancellationToken cancellationToken)
    {
        var result = await SendOnceAsync(subscription, payload, cancellationToken);
        MessagingMetrics.Pushes.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeTag(result.Outcome)));
        return result;
    }

    private static string OutcomeTag(PushOutcome outcome) => outcome switch
    {
        PushOutcome.Delivered => "delivered",
        PushOutcome.Gone => "gone",
        PushOutcome.RetryLater => "retry_later",
        _ => "rejected",
    };

    private async Task<PushResult> SendOnceAsync(PushSubscription subscription, byte[] payload, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(subscription.Endpoint);
        var body = WebPushEncryption.Encrypt(payload, WebEncoders.Base64UrlDecode(subscription.P256dh), WebEncoders.Base64UrlDecode(subscription.Auth));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.TryAddWithoutValidation("Authorization", vapid.Authorization(endpoint, time.GetUtcNow()));
        request.Headers.TryAddWithoutValidation("TTL", "86400");
        request.Headers.TryAddWithoutValidation("Urgency", "normal");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.StatusCode switch
            {
                _ when response.IsSuccessStatusCode => new PushResult(PushOutcome.Delivered),
                HttpStatusCode.NotFound or HttpStatusCode.Gone => new PushResult(PushOutcome.Gone),
                HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError => new PushResult(PushOutcome.RetryLater, RetryAfter(response)),
                _ => new PushResult(PushOutcome.Rejected),
            };
        }
        catch (HttpRequestException)
        {
            return new PushResult(PushOutcome.RetryLater);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout.
            return new PushResult(PushOutcome.RetryLater);
        }
    }

    /// <summary><c>Retry-After</c> as seconds or as an HTTP date (RFC 9110 section 10.2.3); a date in the past means now.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
