using System.Diagnostics;
using System.Net;
using System.Reflection;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Hosting;

/// <summary>
/// The published app started as <c>dotnet /path/Messaging.Web.dll</c> from some other directory, in Production, serves
/// its real scripts and stylesheets (it once answered 200 with an empty body), and refuses to start without wwwroot.
/// </summary>
public sealed class ContentRootTests : IClassFixture<ContentRootTests.PublishedApp>
{
    private static readonly string[] StaticFiles = ["_framework/blazor.web.js", "app.css", "css/chat.css", "Messaging.Web.styles.css"];

    private readonly PublishedApp published;

    public ContentRootTests(PublishedApp published) => this.published = published;

    [Fact]
    public async Task Start_FromAnotherWorkingDirectory_ServesStaticFilesWithTheirContent()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("messaging-cwd-").FullName;
        try
        {
            await WithDataDirectoryAsync(async environment =>
            {
                await using var app = await NodeProcess.StartAsync(environment, new NodeProcess.Launching(published.Dll, workingDirectory));
                using var http = new HttpClient { BaseAddress = app.Address };

                foreach (var path in StaticFiles)
                {
                    using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                    var body = await response.Content.ReadAsByteArrayAsync();

                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.NotEmpty(body);
                    Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(published.Directory, "wwwroot", path)), body);
                }

                return true;
            });
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_ContentRootWithoutWwwroot_StopsWithClearMessage()
    {
        var emptyRoot = Directory.CreateTempSubdirectory("messaging-root-").FullName;
        try
        {
            var (exitCode, output) = await WithDataDirectoryAsync(environment =>
                NodeProcess.RunToExitAsync(environment, new NodeProcess.Launching(published.Dll, emptyRoot, ["--contentRoot", emptyRoot])));

            Assert.NotEqual(0, exitCode);
            Assert.Contains($"The web root '{Path.Combine(emptyRoot, "wwwroot")}' does not exist", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(emptyRoot, recursive: true);
        }
    }

    /// <summary><c>dotnet publish --no-build</c> of the Messaging.Web already built with the tests, once per class.</summary>
    public sealed class PublishedApp : IAsyncLifetime
    {
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("messaging-publish-").FullName;

        public string Dll => Path.Combine(Directory, "Messaging.Web.dll");

        public async Task InitializeAsync()
        {
            var configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var project = Path.Combine(RepositoryRoot.Path, "Messaging.Web", "Messaging.Web.csproj");
            var info = new ProcessStartInfo("dotnet", ["publish", project, "--no-build", "-c", configuration, "-o", Directory, "-nologo"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet publish did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"dotnet publish failed:\n{await stdout}\n{await stderr}");
        }

        public Task DisposeAsync()
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            return Task.CompletedTask;
        }
    }

    /// <summary>The published dll as its own process (<see cref="NodeProcess"/>), SQLite in a temporary data folder.</summary>
    private static async Task<T> WithDataDirectoryAsync<T>(Func<Dictionary<string, string>, Task<T>> run)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("messaging-data-").FullName;
        try
        {
            return await run(NodeProcess.SqliteEnvironment(dataDirectory));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
