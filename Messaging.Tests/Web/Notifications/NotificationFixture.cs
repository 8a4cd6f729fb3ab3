using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Messaging.Tests.Web.Notifications;

/// <summary>
/// A host wired to a real SMTP server (SmtpServer, in process, on loopback) and a real HTTP push service stub
/// (Kestrel), on a fresh database per test class, on SQLite or PostgreSQL.
/// </summary>
public abstract class NotificationFixture : IAsyncLifetime
{
    public const string PublicUrl = "http://messaging.test";

    private readonly CancellationTokenSource stopping = new();
    private IAsyncDisposable? database;
    private string? dataDirectory;
    private SmtpServer.SmtpServer? smtp;
    private Task? smtpRun;

    public MessagingHost Host { get; private set; } = null!;

    public SmtpSink Mail { get; } = new();

    public PushServiceStub Push { get; } = new();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// Settings on top of the email and push ones. Email confirmation is off for the notification tests, whose people sign
    /// in right after registering; the confirmation tests leave it unset (on, since email is configured).
    /// </summary>
    protected virtual void Configure(IDictionary<string, string?> settings) => settings["Messaging:Accounts:RequireEmailConfirmation"] = "false";

    public async Task InitializeAsync()
    {
        dataDirectory = Directory.CreateTempSubdirectory("messaging-notify-").FullName;
        var port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(Mail);
        smtp = new SmtpServer.SmtpServer(options, services);
        smtpRun = smtp.StartAsync(stopping.Token);
        await Push.StartAsync();

        string connectionString;
        if (Provider == DatabaseProvider.Postgres)
        {
            var postgres = await PostgresDatabase.CreateAsync();
            database = postgres;
            connectionString = postgres.ConnectionString;
        }
        else
        {
            var sqlite = await SqliteDatabase.CreateAsync();
            database = sqlite;
            connectionString = sqlite.ConnectionString;
        }

        var settings = new Dictionary<string, string?>
        {
            ["Messaging:PublicUrl"] = PublicUrl,
            ["Messaging:Email:Host"] = "127.0.0.1",
            ["Messaging:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging:Email:Security"] = "None",
            ["Messaging:Email:From"] = "Messaging <no-reply@messaging.test>",
            ["Messaging:Notifications:Push:AllowInsecureEndpoints"] = "true",
            ["Messaging:Notifications:DispatchInterval"] = "00:00:00.100",
            ["Messaging:Notifications:Push:RetryDelay"] = "00:00:01",
            ["Messaging:Notifications:Push:MaxAttempts"] = "3",
        };
        Configure(settings);
        Host = MessagingHost.Start(Provider, connectionString, dataDirectory, extra: settings);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await stopping.CancelAsync();
        smtp?.Shutdown();
        if (smtpRun is not null)
        {
            try
            {
                await smtpRun;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
        }

        stopping.Dispose();
        await Push.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory!, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class SqliteNotificationFixture : NotificationFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresNotificationFixture : NotificationFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>Keeps every message the SMTP server accepts, parsed with MimeKit.</summary>
public sealed class SmtpSink : MessageStore
{
    private readonly ConcurrentQueue<MimeMessage> messages = new();

    public IReadOnlyList<MimeMessage> Messages => [.. messages];

    public IReadOnlyList<MimeMessage> To(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))).ToArray();

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        await using var stream = new MemoryStream(buffer.ToArray());
        messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
        return SmtpResponse.Ok;
    }
}

/// <summary>
/// A push service on loopback that records each request. By the id's prefix: <c>gone-</c> answers 410,
/// <c>missing-</c> 404, <c>busy-</c> 429 with <c>Retry-After: 4</c> the first time, <c>flaky-</c> 503 (no
/// <c>Retry-After</c>) the first two times, <c>down-</c> 503 always; anything else 201.
/// </summary>
public sealed class PushServiceStub : IAsyncDisposable
{
    public const int BusyRetryAfterSeconds = 4;

    private readonly ConcurrentQueue<PushRequest> requests = new();
    private readonly ConcurrentDictionary<string, int> attempts = new();
    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<PushRequest> Requests => [.. requests];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/push/{id}", async (string id, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var attempt = attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            var headers = context.Request.Headers;
            requests.Enqueue(new PushRequest(id, body.ToArray(), headers.Authorization.ToString(), headers.ContentEncoding.ToString(), headers["TTL"].ToString(), DateTime.UtcNow));
            if (id.StartsWith("busy-", StringComparison.Ordinal) && attempt == 1)
            {
                context.Response.Headers.RetryAfter = BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            return id switch
            {
                _ when id.StartsWith("gone-", StringComparison.Ordinal) => Results.StatusCode(StatusCodes.Status410Gone),
                _ when id.StartsWith("missing-", StringComparison.Ordinal) => Results.StatusCode(StatusCodes.Status404NotFound),
                _ when id.StartsWith("down-", StringComparison.Ordinal) => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
                _ when id.StartsWith("flaky-", StringComparison.Ordinal) && attempt <= 2 => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
                _ => Results.StatusCode(StatusCodes.Status201Created),
            };
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

public sealed record PushRequest(string Id, byte[] Body, string Authorization, string ContentEncoding, string Ttl, DateTime At);
