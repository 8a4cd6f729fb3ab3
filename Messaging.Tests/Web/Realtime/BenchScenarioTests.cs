using Messaging.Bench;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime;

/// <summary>CI only proves the benchmark's scenario runs end to end; its numbers belong in docs/performance.md.</summary>
public sealed class BenchScenarioTests(RealtimeFixture app) : IClassFixture<RealtimeFixture>
{
    [Fact]
    public async Task Run_TinyScenario_DeliversEveryMessageToEveryParticipantOnce()
    {
        await using var scenario = new Scenario(new ScenarioSettings
        {
            Nodes = [app.Host.BaseAddress],
            AdminEmail = MessagingHost.AdminEmail,
            AdminPassword = MessagingHost.AdminPassword,
            Users = 4,
            Rate = 50,
            MaxMessages = 20,
            Warmup = 5,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await scenario.RunAsync(timeout.Token);

        Assert.Equal(20, result.MessagesSent);
        Assert.Equal(0, result.SendErrors);
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(result.ExpectedDeliveries, result.Deliveries);
        Assert.True(result.ExpectedDeliveries >= 40, $"Expected at least two participants per message, got {result.ExpectedDeliveries} deliveries.");
    }

    [Theory]
    [InlineData("direct", 2)]
    [InlineData("group", 4)]
    public async Task Run_TinyScenarioOfOneShape_EveryMessageGoesToThatShapesParticipants(string scenarioName, int participants)
    {
        var options = BenchCommandLine.Parse(["--scenario", scenarioName]);
        await using var scenario = new Scenario(new ScenarioSettings
        {
            Nodes = [app.Host.BaseAddress],
            AdminEmail = MessagingHost.AdminEmail,
            AdminPassword = MessagingHost.AdminPassword,
            Users = 4,
            Shape = options.Shape,
            Rate = 50,
            MaxMessages = 10,
            Warmup = 0,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await scenario.RunAsync(timeout.Token);

        Assert.Equal(10, result.MessagesSent);
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(10L * participants, result.ExpectedDeliveries);
        Assert.Equal(result.ExpectedDeliveries, result.Deliveries);
    }

    [Fact]
    public void Parse_UnknownScenario_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => BenchCommandLine.Parse(["--scenario", "everything"]));
    }

    [Fact]
    public void Parse_StartTimeout_DefaultsToAMinuteAndIsAnOption()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), BenchCommandLine.Parse([]).StartTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), BenchCommandLine.Parse(["--start-timeout", "300"]).StartTimeout);
        Assert.Throws<ArgumentException>(() => BenchCommandLine.Parse(["--start-timeout", "0"]));
    }
}
