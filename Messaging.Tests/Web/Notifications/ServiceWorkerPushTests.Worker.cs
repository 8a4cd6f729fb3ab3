using System.Collections.Concurrent;
using System.Text.Json;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Notifications;

/// <summary>The product's service worker as the test reaches it: through the browser's DevTools targets.</summary>
public sealed partial class ServiceWorkerPushTests
{
    /// <summary>
    /// Notes what the worker asks the browser to show, after the browser accepted it (the real
    /// <c>showNotification</c> still runs and its promise is awaited). See the class remarks for why the test does not
    /// read the browser's list of shown notifications.
    /// </summary>
    private const string RecordShownNotifications = """
        (() => {
          if (!self.__shown) {
            self.__shown = [];
            const show = self.registration.showNotification.bind(self.registration);
            self.registration.showNotification = async (title, options) => {
              await show(title, options);
              self.__shown.push({ title, body: options.body, tag: options.tag, data: options.data });
            };
          }
          return true;
        })()
        """;

    /// <summary>
    /// The worker of one person's browser context, attached through the browser's DevTools protocol for the whole test
    /// (Playwright for .NET does not expose service workers). While DevTools is attached Chromium does not stop the
    /// worker when idle, so what the test installs in it stays until the push arrives.
    /// </summary>
    private sealed class Worker(ICDPSession page, ICDPSession browser, string sessionId, string origin, string registrationId) : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> replies = new();
        private int lastId;

        public static async Task<Worker> AttachAsync(BrowserSession person, ICDPSession page, string origin, string registrationId)
        {
            var contextId = (await page.SendAsync("Target.getTargetInfo"))!.Value.GetProperty("targetInfo").GetProperty("browserContextId").GetString();
            var browser = await person.Context.Browser!.NewBrowserCDPSessionAsync();
            string? targetId = null;
            await Eventually.UntilAsync("the running service worker", async () =>
            {
                var targets = (await browser.SendAsync("Target.getTargets"))!.Value.GetProperty("targetInfos").EnumerateArray();
                targetId = targets.Where(t => t.GetProperty("type").GetString() == "service_worker"
                        && t.GetProperty("browserContextId").GetString() == contextId
                        && t.GetProperty("url").GetString() == origin + "/sw.js")
                    .Select(t => t.GetProperty("targetId").GetString()).FirstOrDefault();
                if (targetId is null)
                {
                    // The browser stops an idle worker; a message starts it again.
                    await person.Page.EvaluateAsync("() => navigator.serviceWorker.ready.then(r => r.active.postMessage('wake'))");
                }

                return targetId is not null;
            }, Patience);

            var attached = await browser.SendAsync("Target.attachToTarget", new Dictionary<string, object> { ["targetId"] = targetId!, ["flatten"] = false });
            var worker = new Worker(page, browser, attached!.Value.GetProperty("sessionId").GetString()!, origin, registrationId);
            browser.Event("Target.receivedMessageFromTarget").OnEvent += (_, e) => worker.OnMessage(e!.Value);
            return worker;
        }

        /// <summary>A real <c>push</c> event with <paramref name="data"/> as its body, as if the push service had delivered it.</summary>
        public Task DeliverAsync(string data) => page.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object>
        {
            ["origin"] = origin,
            ["registrationId"] = registrationId,
            ["data"] = data,
        });

        /// <summary>Evaluates <paramref name="expression"/> (awaited) in the worker and returns its value.</summary>
        public async Task<JsonElement> EvaluateAsync(string expression)
        {
            var id = Interlocked.Increment(ref lastId);
            var reply = replies.GetOrAdd(id, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously));
            await browser.SendAsync("Target.sendMessageToTarget", new Dictionary<string, object>
            {
                ["sessionId"] = sessionId,
                ["message"] = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["id"] = id,
                    ["method"] = "Runtime.evaluate",
                    ["params"] = new Dictionary<string, object> { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true },
                }),
            });
            var result = (await reply.Task.WaitAsync(Patience)).GetProperty("result");
            Assert.False(result.TryGetProperty("exceptionDetails", out var exception), "The worker threw: " + exception);
            return result.GetProperty("result").GetProperty("value");
        }

        public async ValueTask DisposeAsync() => await browser.DetachAsync();

        private void OnMessage(JsonElement e)
        {
            using var message = JsonDocument.Parse(e.GetProperty("message").GetString()!);
            if (message.RootElement.TryGetProperty("id", out var id) && replies.TryRemove(id.GetInt32(), out var reply))
            {
                reply.TrySetResult(message.RootElement.Clone());
            }
        }
    }
}
