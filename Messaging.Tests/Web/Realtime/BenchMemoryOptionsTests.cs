using Messaging.Bench;

namespace Messaging.Tests.Web.Realtime;

/// <summary>The idle scenario's circuit and drain options (docs/performance.md, "Memory per connection and per circuit").</summary>
public sealed class BenchMemoryOptionsTests
{
    [Fact]
    public void Parse_BrowserCircuits_BelongToTheIdleScenarioAndItsUsers()
    {
        var options = BenchCommandLine.Parse(["--scenario", "idle", "--users", "10", "--browser-circuits", "8", "--chromium", "/opt/chromium"]);
        Assert.Equal(8, options.BrowserCircuits);
        Assert.Equal("/opt/chromium", options.Chromium);
        Assert.Equal("/usr/bin/chromium", BenchCommandLine.Parse(["--scenario", "idle"]).Chromium);
        Assert.Throws<ArgumentException>(() => BenchCommandLine.Parse(["--scenario", "mixed", "--browser-circuits", "2"]));
        Assert.Throws<ArgumentException>(() => BenchCommandLine.Parse(["--scenario", "idle", "--users", "4", "--browser-circuits", "5"]));
    }

    [Fact]
    public void Parse_Drain_TellsLateFromLost()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), BenchCommandLine.Parse([]).Drain);
        Assert.Equal(TimeSpan.FromMinutes(2), BenchCommandLine.Parse(["--drain", "120"]).Drain);
    }

    [Fact]
    public void IdleMemory_PerCircuit_CountsOnlyTheCircuitsAfterTheWarmUp()
    {
        var idle = new IdleMemory(100, 0, 0, 10_000_000, 14_000_000)
        {
            Circuits = 24,
            WarmCircuits = 6,
            HeapWarm = 20_000_000,
            HeapCircuits = 38_000_000,
        };
        Assert.Equal(40_000, idle.HeapPerConnection);
        Assert.Equal(1_000_000, idle.HeapPerCircuit);
        Assert.Equal(1_000_000, idle.HeapPerWarmCircuit);
    }
}
