using System.Net;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Operations;

/// <summary>
/// A Blazor circuit lives in one node's memory and cannot move (ADR 0033). A person using the web UI on a node that is
/// stopped for a deploy must still end up on the other node without doing anything: the browser's reconnect reaches
/// the other node through the load balancer, which does not know the circuit, and the page reloads there. Two real
/// nodes on PostgreSQL + Redis; a TCP forwarder in front plays the load balancer.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebUiRollingRestartTests(BrowserFixture browser)
{
    [Fact]
    public async Task NodeStoppedUnderAnOpenChat_PageMovesToTheOtherNodeByItself_AndKeepsSendingAndReceiving()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var root = Directory.CreateTempSubdirectory("messaging-web-rolling-").FullName;
        try
        {
            var prefix = $"test-{Guid.NewGuid():N}";
            await using var nodeA = await NodeProcess.StartAsync(NodeProcess.ClusterEnvironment(Path.Combine(root, "a"), database.ConnectionString, prefix));
            await using var nodeB = await NodeProcess.StartAsync(NodeProcess.ClusterEnvironment(Path.Combine(root, "b"), database.ConnectionString, prefix));
            await using var balancer = new TcpProxy(EndPoint(nodeA.Address));
            balancer.Start();
            var front = new Uri($"http://127.0.0.1:{balancer.Port}/");

            using var api = new ApiClient(nodeB.Address);
            var sara = (await api.CreateVerifiedUserAsync("Sara Deploy")) with { Name = "Sara Deploy" };
            var omar = await api.CreateVerifiedUserAsync("Omar Deploy");
            var conversation = await api.CreateDirectAsync(omar, sara);
            await api.AcceptAsync(sara, conversation);

            await using var person = await browser.NewSessionAsync(front);
            await person.SignInAsync(sara.Email, sara.Password);
            await person.Page.GotoAsync($"/conversations/{conversation}");
            await ChatPages.WaitForChatAsync(person.Page);
            await ChatPages.SendAsync(person.Page, "Before the deploy");
            // A mark only this page load carries: gone once the browser has loaded the page again.
            await person.Page.EvaluateAsync("() => { window.messagingBeforeDeploy = true; }");

            // The deploy: new connections go to B, A gets SIGTERM and closes the circuit's connection.
            balancer.Target = EndPoint(nodeB.Address);
            await nodeA.TerminateAsync();
            await nodeA.WaitForExitAsync(TimeSpan.FromSeconds(40));
            Assert.True(nodeA.ExitCode == 0, $"node A exited with {nodeA.ExitCode}:\n{nodeA.Output}");

            await person.Page.WaitForFunctionAsync("() => window.messagingBeforeDeploy === undefined", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
            Assert.EndsWith($"/conversations/{conversation}", new Uri(person.Page.Url).AbsolutePath, StringComparison.Ordinal);
            await ChatPages.WaitForChatAsync(person.Page);
            await Assertions.Expect(person.Page.GetByTestId("message-text").Filter(new() { HasText = "Before the deploy" })).ToBeVisibleAsync();

            // Still signed in, now on node B: what Sara sends is stored, and what Omar sends arrives live.
            await ChatPages.SendAsync(person.Page, "After the deploy");
            var stored = (await api.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages?after_sequence=0", omar))!.AsArray();
            Assert.Contains(stored, m => m!["content"]?.GetValue<string>() == "After the deploy");
            await api.SendMessageAsync(omar, conversation, "Welcome to node B");
            await Assertions.Expect(person.Page.GetByTestId("message-text").Filter(new() { HasText = "Welcome to node B" })).ToBeVisibleAsync();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IPEndPoint EndPoint(Uri address) => new(IPAddress.Loopback, address.Port);
}
