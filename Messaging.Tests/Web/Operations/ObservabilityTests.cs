using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Operations;

/// <summary>API.md "Operations": the Prometheus endpoint, its network restriction, and logs that never carry content.</summary>
public abstract partial class ObservabilityTests(ObservabilityFixture app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Metrics_AfterASend_MessagesSentCounterHasGrown()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        var before = await MessagesSentAsync(api);

        await api.SendMessageAsync(sara, id, "hello");
        await api.SendMessageAsync(sara, id, "again");

        // The exporter caches a scrape briefly; the counter is process-wide, so other hosts may add to it too.
        await Eventually.ValueAsync(
            $"messaging_messages_sent_total to grow by two from {before}", () => MessagesSentAsync(api),
            after => after >= before + 2, Patience, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Metrics_ShowsFrameworkAndRealtimeInstruments()
    {
        using var api = app.Host.CreateApi();
        await api.Http.GetAsync("/health");
        var text = await Eventually.ValueAsync(
            "ASP.NET Core request metrics on /metrics", () => api.Http.GetStringAsync("/metrics"),
            metrics => metrics.Contains("http_server_request_duration_seconds", StringComparison.Ordinal), Patience, TimeSpan.FromMilliseconds(100));

        Assert.Contains("dotnet_gc_", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_FromOutsideTheAllowedNetworks_Returns404()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await using var host = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory, extra: new Dictionary<string, string?>
        {
            ["Messaging:Metrics:Prometheus"] = "true",
            ["Messaging:Metrics:AllowedNetworks:0"] = "10.0.0.0/8",
        });
        using var api = host.CreateApi();

        using var refused = await api.Http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("messaging_", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ByDefault_IsNotServed()
    {
        using var api = app.Plain.CreateApi();
        using var response = await api.Http.GetAsync("/metrics");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_OfAWholeJourney_NeverContainContentTokensOrPasswords()
    {
        var marker = "marker-" + Guid.NewGuid().ToString("N");
        using var api = app.Host.CreateApi();
        var sara = await api.RegisterAsync("Sara", password: "pw-" + marker);
        var admin = await api.LoginAdminAsync();
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{sara.Id}/verify", admin);
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        var secret = await api.CreateDirectAsync(sara, await api.CreateVerifiedUserAsync("Lina"), encrypted: true);

        await api.SendMessageAsync(sara, id, "plain " + marker);
        await api.SendMessageAsync(sara, secret, "sealed " + marker);
        var attachment = await api.UploadOkAsync(sara, id, Encoding.UTF8.GetBytes("file body " + marker), "notes.txt");
        await api.SendMessageAsync(sara, id, "with a file " + marker, new { attachments = new[] { attachment["id"]!.GetValue<string>() } });
        var history = await api.GetAsync($"/api/v1/messaging/conversations/{id}/messages", omar);
        Assert.Contains(marker, history!.ToJsonString(), StringComparison.Ordinal);

        var logs = app.Logs.Records.ToList();
        Assert.True(logs.Count > 20, $"Only {logs.Count} log records: the capture is not working.");
        Assert.Contains(logs, l => l.Contains("/api/v1/messaging/conversations", StringComparison.Ordinal));
        var leaks = logs.Where(l => l.Contains(marker, StringComparison.Ordinal)
            || l.Contains(sara.AccessToken, StringComparison.Ordinal)
            || l.Contains(sara.RefreshToken, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "Logs carry content, a password or a token:\n" + string.Join('\n', leaks));
    }

    private static async Task<long> MessagesSentAsync(ApiClient api)
    {
        using var response = await api.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/metrics: {(int)response.StatusCode} {text}");
        var match = SentLine().Match(text);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"^messaging_messages_sent_total(?:\{[^}]*\})? (\d+)", RegexOptions.Multiline)]
    private static partial Regex SentLine();
}

/// <summary>A host with /metrics on (loopback allowed by default) and every log record captured at the most verbose level.</summary>
public abstract class ObservabilityFixture : AppFixture
{
    private SqliteDatabase? plainDatabase;

    public CapturedLogs Logs { get; } = new();

    /// <summary>A host with default settings (no /metrics).</summary>
    public MessagingHost Plain { get; private set; } = null!;

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Messaging:Metrics:Prometheus"] = "true",
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Trace",
    };

    protected override Action<IServiceCollection>? Services => Logs.Register;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        plainDatabase = await SqliteDatabase.CreateAsync();
        Plain = MessagingHost.Start(DatabaseProvider.Sqlite, plainDatabase.ConnectionString, plainDatabase.DataDirectory);
    }

    public override async Task DisposeAsync()
    {
        await Plain.DisposeAsync();
        await plainDatabase!.DisposeAsync();
        await base.DisposeAsync();
    }
}

public sealed class SqliteObservabilityFixture : ObservabilityFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresObservabilityFixture : ObservabilityFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class ObservabilityTestsOnSqlite(SqliteObservabilityFixture app) : ObservabilityTests(app), IClassFixture<SqliteObservabilityFixture>;

public sealed class ObservabilityTestsOnPostgres(PostgresObservabilityFixture app) : ObservabilityTests(app), IClassFixture<PostgresObservabilityFixture>;
