using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Hosting;

/// <summary>A node given a bad setting refuses to start, with exit code 78 and a message naming the setting.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Messaging__Shutdown__Timeout", "00:00:00", "Messaging:Shutdown:Timeout must be between 00:00:01 and 00:10:00.")]
    [InlineData("Messaging__Database__Provider", "Oracle", "Messaging:Database:Provider")]
    [InlineData("Messaging__Shutdown__Timeout", "soon", "Messaging:Shutdown:Timeout")]
    [InlineData("Messaging__ForwardedHeaders__KnownProxies__0", "proxy.internal", "Messaging:ForwardedHeaders:KnownProxies must be a list of IP addresses such as 10.0.0.5.")]
    [InlineData("Messaging__ForwardedHeaders__KnownNetworks__0", "10.0.0.0/33", "Messaging:ForwardedHeaders:KnownNetworks must be a list of CIDR ranges such as 10.0.0.0/8.")]
    [InlineData("Messaging__PublicOrigins__0", "chat.example.com", "Messaging:PublicOrigins must be a list of origins such as https://chat.example.com")]
    [InlineData("Messaging__Cookies__RequireSecure", "sometimes", "Messaging:Cookies:RequireSecure")]
    [InlineData("Messaging__PublicUrl", "messaging.example.com", "Messaging:PublicUrl must be an absolute http or https URL")]
    [InlineData("Messaging__Attachments__Store", "7", "Messaging:Attachments:Store must be FileSystem or S3.")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317", "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http or https URL")]
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
