using System.Globalization;
using System.Security.Claims;
using Bunit;
using Messaging.Core;
using Messaging.Core.Accounts;
using Messaging.Core.Persistence;
using Messaging.Web.Features.Conversations;
using Messaging.Web.Features.Realtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// bunit with the real Core on a real SQLite file in a temp folder: components talk to the same use cases as in production.
/// </summary>
public sealed class ComponentHarness : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("messaging-bunit-").FullName;
    private readonly CultureInfo previousCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo previousUiCulture = CultureInfo.CurrentUICulture;

    private ComponentHarness(string culture, TimeProvider? time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:DataDirectory"] = directory,
            ["Messaging:Database:Provider"] = "Sqlite",
        }).Build();
        Context.Services.AddSingleton<IConfiguration>(configuration);
        Context.Services.AddMessagingCore(configuration);
        Context.Services.AddDataProtection().SetApplicationName("Messaging.Tests").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(directory, "keys")));
        Context.Services.AddLocalization();
        Context.Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Context.Services.AddQueuedSubscriptions();
        Context.Services.AddScoped<ChatSession>();
        Context.Services.AddScoped<CircuitReceipts>();
        Context.Services.AddSingleton<Messaging.Web.Features.RateLimiting.RateLimits>();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Authorization = Context.AddAuthorization();
        if (time is not null)
        {
            Context.Services.AddSingleton(time);
        }

        // The components load only when interactive (never twice with prerendering); a test may switch to static.
        Context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

        var cultureInfo = culture == "ar" ? global::Messaging.Web.Hosting.Pipeline.ArabicCulture() : new CultureInfo(culture);
        CultureInfo.CurrentCulture = cultureInfo;
        CultureInfo.CurrentUICulture = cultureInfo;
    }

    public BunitContext Context { get; } = new();

    public Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    public IServiceProvider Services => Context.Services;

    /// <summary>
    /// Not async on purpose: the culture set by the constructor must stay in the caller's execution context,
    /// and an async method would restore the caller's culture on return.
    /// </summary>
    public static Task<ComponentHarness> CreateAsync(string culture = "en", TimeProvider? time = null) => new ComponentHarness(culture, time).MigrateAsync();

    private async Task<ComponentHarness> MigrateAsync()
    {
        await DatabaseMigrator.MigrateAsync(Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>());
        return this;
    }

    /// <summary>A verified user written straight to the database (the registration flow is not what these tests are about).</summary>
    public async Task<Guid> CreateUserAsync(string name)
    {
        var factory = Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var email = $"u{Guid.NewGuid():N}@tests.local";
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            VerificationStatus = VerificationStatus.Verified,
            CreatedAt = DateTime.UtcNow.AddDays(-1),
        };
        user.SetName(name);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public void SignIn(Guid userId, string name)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId.ToString()));
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        CultureInfo.CurrentCulture = previousCulture;
        CultureInfo.CurrentUICulture = previousUiCulture;
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
