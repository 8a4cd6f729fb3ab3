using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Hosting;

/// <summary>A node given a bad setting refuses to start, with exit code 78 and a message naming the setting.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Messaging__Shutdown__Timeout", "00:00:00", "Messaging:Shutdown:Timeout must be between 00:00:01 and 00:10:00.")]
    [InlineData("Messaging__Database__Provider", "Oracle", "Messaging:Database:Provider")]
    [InlineData("Messaging__Shutdown__Timeout", "soon", "Messaging:Shutdown:Timeout")]
    public async Task Start_WithBadValue_RefusesWithExitCodeAndMessage(string key, string value, string expected)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("messaging-config-").FullName;
        try
        {
            var environment = NodeProcess.SqliteEnvironment(dataDirectory);
            environment[key] = value;

            var (exitCode, output) = await NodeProcess.RunToExitAsync(environment);

            Assert.True(exitCode == 78, $"exit code {exitCode}:\n{output}");
            Assert.Contains("Messaging did not start: the configuration is invalid.", output, StringComparison.Ordinal);
            Assert.Contains(expected, output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
            // Refused before anything was written.
            Assert.False(File.Exists(Path.Combine(dataDirectory, "messaging.db")));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
