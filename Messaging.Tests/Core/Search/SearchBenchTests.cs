using System.Globalization;
using Messaging.Bench;

namespace Messaging.Tests.Core.Search;

/// <summary>CI proves the search benchmark runs end to end on a small corpus; its numbers belong in docs/performance.md.</summary>
public sealed class SearchBenchTests
{
    [Fact]
    public async Task Run_SmallCorpusOnSqlite_EveryKindOfQueryIsTimedAndWordsAreFound()
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var exit = await SearchBench.RunAsync(
            BenchCommandLine.Parse(["--scenario", "search", "--messages", "2000", "--conversations", "40"]), lines.Add, timeout.Token);

        Assert.Equal(0, exit);
        var rows = lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| query", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count);
        // The generated words are searched for, so the one-word query over all conversations finds messages.
        var cells = rows[0].Split('|', StringSplitOptions.TrimEntries);
        var found = double.Parse(cells[6], CultureInfo.InvariantCulture);
        Assert.True(found > 0, string.Join(Environment.NewLine, lines));
        Assert.EndsWith(" ms", cells[5], StringComparison.Ordinal); // CPU per query
        Assert.True(double.Parse(cells[5][..^3], CultureInfo.InvariantCulture) > 0, string.Join(Environment.NewLine, lines));
    }
}
