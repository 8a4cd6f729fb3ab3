using System.Text.RegularExpressions;
using Messaging.Bench;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime;

/// <summary>The bench's command line for a person: --help lists every option and exits 0; a wrong one exits 2 with a pointer to --help.</summary>
public sealed partial class BenchUsageTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_PrintsEveryOptionOnItsOwnLine_AndExitsZero(string flag)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var options = BenchUsage.Read(["--users", "10", flag], output, error, out var exitCode);

        Assert.Null(options);
        Assert.Equal(0, exitCode);
        Assert.Empty(error.ToString());
        var lines = output.ToString().Split(Environment.NewLine);
        foreach (var (option, _) in BenchUsage.Options)
        {
            Assert.Single(lines, line => line.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Help_ListsEveryOptionTheParserAccepts()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Messaging.Bench", "BenchCommandLine.cs"));
        var accepted = ParsedOption().Matches(source).Select(m => m.Groups[1].Value).ToList();
        var listed = BenchUsage.Options.SelectMany(o => OptionName().Matches(o.Option).Select(m => m.Value)).ToHashSet();

        Assert.True(accepted.Count > 30, $"found only {accepted.Count} options in BenchCommandLine.cs: did its shape change?");
        Assert.All(accepted, option => Assert.Contains(option, listed));
        Assert.All(listed.Where(o => o is not ("--help" or "-h")), option => Assert.Contains(option, accepted));
    }

    [Theory]
    [InlineData(new[] { "--userz", "10" }, "Unknown option --userz.")]
    [InlineData(new[] { "--users", "many" }, "many")]
    [InlineData(new[] { "--scenario", "sideways" }, "Unknown scenario sideways")]
    [InlineData(new[] { "--users" }, "--users needs a value.")]
    public void WrongCommandLine_SaysWhatIsWrong_PointsToHelp_AndExitsTwo(string[] args, string said)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var options = BenchUsage.Read(args, output, error, out var exitCode);

        Assert.Null(options);
        Assert.Equal(2, exitCode);
        Assert.Empty(output.ToString());
        Assert.Contains(said, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("See --help.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RightCommandLine_IsParsed()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var options = BenchUsage.Read(["--scenario", "direct", "--users", "12"], output, error, out var exitCode);

        Assert.Equal(0, exitCode);
        Assert.Equal(12, options!.Users);
        Assert.Equal(ScenarioShape.Direct, options.Shape);
        Assert.Empty(error.ToString());
    }

    [GeneratedRegex("^\\s*\"(--[a-z-]+)\" =>", RegexOptions.Multiline)]
    private static partial Regex ParsedOption();

    [GeneratedRegex("-{1,2}[a-z][a-z-]*")]
    private static partial Regex OptionName();
}
