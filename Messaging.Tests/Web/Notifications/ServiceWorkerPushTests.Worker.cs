using System.Text.Json;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Notifications;

/// <summary>The product's service worker as the test reaches it: through the browser's DevTools target.</summary>
public sealed partial class ServiceWorkerPushTests
{
    /// <summary>The worker as the DevTools protocol knows it.</summary>
    private sealed record Worker(ICDPSession Cdp, string Origin, string RegistrationId)
    {
        /// <summary>A real <c>push</c> event with <paramref name="data"/> as its body, as if the push service had delivered it.</summary>
        public Task DeliverAsync(string data) => Cdp.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object>
        {
            ["origin"] = Origin,
            ["registrationId"] = RegistrationId,
            ["data"] = data,
        });

        /// <summary>
        /// Evaluates <paramref name="expression"/> (awaited) in the running worker of <paramref name="page"/>'s context and
        /// returns its value. Playwright for .NET does not expose service workers, so this attaches to the worker's
        /// DevTools target from the browser.
        /// </summary>
        public async Task<JsonElement> EvaluateInWorkerAsync(IBrowser browser, IPage page, string expression)
        {
            var contextId = (await Cdp.SendAsync("Target.getTargetInfo"))!.Value.GetProperty("targetInfo").GetProperty("browserContextId").GetString();
            var cdp = await browser.NewBrowserCDPSessionAsync();
            try
            {
                string? targetId = null;
                await WaitUntilAsync("the running service worker", async () =>
                {
                    var targets = (await cdp.SendAsync("Target.getTargets"))!.Value.GetProperty("targetInfos").EnumerateArray();
                    targetId = targets.Where(t => t.GetProperty("type").GetString() == "service_worker"
                            && t.GetProperty("browserContextId").GetString() == contextId
                            && t.GetProperty("url").GetString() == Origin + "/sw.js")
                        .Select(t => t.GetProperty("targetId").GetString()).FirstOrDefault();
                    if (targetId is null)
                    {
                        // The browser stops an idle worker; a message starts it again.
                        await page.EvaluateAsync("() => navigator.serviceWorker.ready.then(r => r.active.postMessage('wake'))");
                    }

                    return targetId is not null;
                });

                var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
                cdp.Event("Target.receivedMessageFromTarget").OnEvent += (_, e) =>
                {
                    using var message = JsonDocument.Parse(e!.Value.GetProperty("message").GetString()!);
                    if (message.RootElement.TryGetProperty("id", out var id) && id.GetInt32() == 1)
                    {
                        reply.TrySetResult(message.RootElement.Clone());
                    }
                };
                var sessionId = (await cdp.SendAsync("Target.attachToTarget", new Dictionary<string, object> { ["targetId"] = targetId!, ["flatten"] = false }))!
                    .Value.GetProperty("sessionId").GetString()!;
                await cdp.SendAsync("Target.sendMessageToTarget", new Dictionary<string, object>
                {
                    ["sessionId"] = sessionId,
                    ["message"] = JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["id"] = 1,
                        ["method"] = "Runtime.evaluate",
                        ["params"] = new Dictionary<string, object> { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true },
                    }),
                });
                var answer = await reply.Task.WaitAsync(Patience);
                var result = answer.GetProperty("result");
                Assert.False(result.TryGetProperty("exceptionDetails", out var exception), "The worker threw: " + exception);
                return result.GetProperty("result").GetProperty("value");
            }
            finally
            {
                await cdp.DetachAsync();
            }
        }
    }
}
