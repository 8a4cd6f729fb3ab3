using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Hosting;

/// <summary>
/// The published app started as <c>dotnet /path/Messaging.Web.dll</c> from some other directory, in Production, serves
/// its real scripts and stylesheets (it once answered 200 with an empty body), and refuses to start without wwwroot.
/// </summary>
public sealed class ContentRootTests : IClassFixture<ContentRootTests.PublishedApp>
{
    private readonly PublishedApp published;

    public ContentRootTests(PublishedApp published) => this.published = published;

    [Fact]
    public async Task Start_FromAnotherWorkingDirectory_ServesStaticFilesWithTheirContent()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("messaging-cwd-").FullName;
        try
        {
            await using var app = await RunningApp.StartAsync(published.Directory, workingDirectory, []);
            using var http = new HttpClient { BaseAddress = app.Address };

            foreach (var path in new[] { "_framework/blazor.web.js", "app.css", "css/chat.css", "Messaging.Web.styles.css" })
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.NotEmpty(body);
                Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(published.Directory, "wwwroot", path)), body);
            }
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
            var (exitCode, output) = await RunningApp.RunToExitAsync(published.Directory, emptyRoot, ["--contentRoot", emptyRoot]);

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

    /// <summary>The published dll as its own process on a free loopback port, SQLite in a temporary data folder.</summary>
    private sealed class RunningApp : IAsyncDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();
        private readonly string dataDirectory;

        private RunningApp(Process process, Uri address, string dataDirectory)
        {
            this.process = process;
            Address = address;
            this.dataDirectory = dataDirectory;
        }

        public Uri Address { get; }

        public static async Task<RunningApp> StartAsync(string publishDirectory, string workingDirectory, string[] args)
        {
            var port = FreePort();
            var dataDirectory = System.IO.Directory.CreateTempSubdirectory("messaging-data-").FullName;
            var process = Launch(publishDirectory, workingDirectory, args, port, dataDirectory);
            var app = new RunningApp(process, new Uri($"http://127.0.0.1:{port}/"), dataDirectory);
            process.OutputDataReceived += (_, e) => app.Append(e.Data);
            process.ErrorDataReceived += (_, e) => app.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await app.WaitUntilReadyAsync();
                return app;
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }

        public static async Task<(int ExitCode, string Output)> RunToExitAsync(string publishDirectory, string workingDirectory, string[] args)
        {
            var dataDirectory = System.IO.Directory.CreateTempSubdirectory("messaging-data-").FullName;
            try
            {
                using var process = Launch(publishDirectory, workingDirectory, args, FreePort(), dataDirectory);
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await process.WaitForExitAsync(timeout.Token);
                return (process.ExitCode, await stdout + await stderr);
            }
            finally
            {
                System.IO.Directory.Delete(dataDirectory, recursive: true);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
            System.IO.Directory.Delete(dataDirectory, recursive: true);
        }

        private static Process Launch(string publishDirectory, string workingDirectory, string[] args, int port, string dataDirectory)
        {
            var info = new ProcessStartInfo("dotnet", [Path.Combine(publishDirectory, "Messaging.Web.dll"), .. args])
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            info.Environment.Remove("ASPNETCORE_CONTENTROOT");
            info.Environment.Remove("DOTNET_CONTENTROOT");
            info.Environment["Messaging__DataDirectory"] = dataDirectory;
            info.Environment["Messaging__Database__Provider"] = "Sqlite";
            info.Environment["Messaging__Database__MigrateOnStart"] = "true";
            return Process.Start(info) ?? throw new InvalidOperationException("The app did not start");
        }

        private async Task WaitUntilReadyAsync()
        {
            using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{Output()}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Still starting.
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"The app was not ready within 2 minutes:\n{Output()}");
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        private string Output()
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
    }
}
