using Messaging.Core.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// The real Messaging.Web on a real Kestrel port (loopback), on SQLite or PostgreSQL, so tests speak HTTP and SignalR
/// exactly as clients do. Several hosts may share one database and one Redis to act as nodes of one installation.
/// </summary>
public sealed class MessagingHost : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@tests.local";
    public const string AdminPassword = "admin-password-1";

    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;

    private MessagingHost(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        this.settings = settings;
        this.services = services;
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>Starts a node. <paramref name="dataDirectory"/> holds its key ring (and the SQLite file); share it between nodes.</summary>
    /// <param name="services">Runs after the app's own registrations (for example to capture its logs).</param>
    public static MessagingHost Start(
        DatabaseProvider provider,
        string connectionString,
        string dataDirectory,
        string? redis = null,
        IDictionary<string, string?>? extra = null,
        Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:DataDirectory"] = dataDirectory,
            ["Messaging:Database:Provider"] = provider.ToString(),
            ["Messaging:Database:MigrateOnStart"] = "true",
            ["ConnectionStrings:Messaging"] = connectionString,
            ["Messaging:Redis"] = redis ?? "",
            // Nodes of one test installation share it, like a real deployment's nodes.
            ["Messaging:Realtime:EventSigningKey"] = "test-event-signing-key-shared-by-all-test-nodes",
            ["Messaging:Admin:Email"] = AdminEmail,
            ["Messaging:Admin:Password"] = AdminPassword,
            // Test output shows warnings and errors only; EF's "no migrations table yet" probe on a new database is noise.
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests speak plain HTTP on loopback; HardeningTests checks the Secure default on a host without this line.
            ["Messaging:Cookies:RequireSecure"] = "false",
            // Every test registers and signs in many people from 127.0.0.1; the per-address budgets are tested on their own hosts.
            ["Messaging:RateLimits:Register:PermitLimit"] = "100000",
            ["Messaging:RateLimits:SignIn:AddressPermitLimit"] = "100000",
            ["Messaging:RateLimits:Send:AddressPermitLimit"] = "100000",
            ["Messaging:RateLimits:Search:AddressPermitLimit"] = "100000",
            ["Messaging:RateLimits:Hub:AddressPermitLimit"] = "100000",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new MessagingHost(settings, services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host does not read the static web assets manifest, so _content/MudBlazor and
        // _framework/blazor.web.js would answer 500 and no page would ever become interactive in a browser test.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    public ApiClient CreateApi() => new(BaseAddress);
}
