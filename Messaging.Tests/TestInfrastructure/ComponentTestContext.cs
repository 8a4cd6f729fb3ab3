using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Messaging.Core;
using Messaging.Core.Accounts;
using Messaging.Core.Persistence;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Services;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// A bunit context set up like the app: MudBlazor (with the resx-backed MudLocalizer), localization, Core on a real
/// SQLite file (never an in-memory provider), and a signed-in user when asked. Sets the culture for the test and puts it back.
/// </summary>
public sealed class ComponentTestContext : IAsyncDisposable
{
    private readonly CultureInfo previousCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo previousUiCulture = CultureInfo.CurrentUICulture;
    private readonly SqliteDatabase database;
    private ServiceProvider? seeding;

    private ComponentTestContext(SqliteDatabase database, string language)
    {
        this.database = database;
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddLocalization();
        Bunit.Services.AddMudServices();
        Bunit.Services.AddTransient<MudLocalizer, Messaging.Web.Components.Layout.ResxMudLocalizer>();
        Bunit.Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        Bunit.Services.AddMessagingCore(Configuration);
        // Components that map messages or notifications need the conversation cipher, hence a key ring of their own.
        Bunit.Services.AddDataProtection().SetApplicationName("Messaging.Tests")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetTempPath(), $"msg_keys_{Guid.NewGuid():N}")));
        // The app bar's bell listens through the circuit's session, as in the app.
        Messaging.Web.Features.Realtime.QueuedSubscriptionsSetup.AddQueuedSubscriptions(Bunit.Services);
        Bunit.Services.AddScoped<Messaging.Web.Features.Conversations.ChatSession>();
        Authorization = Bunit.AddAuthorization();
        Bunit.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
    }

    public BunitContext Bunit { get; } = new();

    public BunitAuthorizationContext Authorization { get; }

    public IConfiguration Configuration => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Messaging:Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Messaging"] = database.ConnectionString,
        ["Messaging:DataDirectory"] = database.DataDirectory,
    }).Build();

    /// <summary>A context in <paramref name="language"/> ("en" or "ar") on a fresh, migrated SQLite file.</summary>
    public static Task<ComponentTestContext> CreateAsync(string language)
    {
        // Not async on purpose: the culture lives in an AsyncLocal, and only a change made in the caller's own
        // (synchronous) flow stays visible to the test after the await.
        var culture = language == Languages.Arabic ? Pipeline.ArabicCulture() : CultureInfo.GetCultureInfo("en");
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return CreateCoreAsync(language);
    }

    private static async Task<ComponentTestContext> CreateCoreAsync(string language)
    {
        var context = new ComponentTestContext(await SqliteDatabase.CreateAsync(), language);
        try
        {
            await DatabaseMigrator.MigrateAsync(context.Seeding.GetRequiredService<IDbContextFactory<MessagingDbContext>>());
            return context;
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>The app's own Core and Identity registration, to create users the way registration does.</summary>
    public ServiceProvider Seeding => seeding ??= BuildSeeding();

    /// <summary>Registers a user through Core (pending), optionally sets their status, and signs them in for the components.</summary>
    public async Task<User> SignInNewUserAsync(string name, VerificationStatus status = VerificationStatus.Pending, string? role = null)
    {
        await using var scope = Seeding.CreateAsyncScope();
        var answer = await scope.ServiceProvider.GetRequiredService<RegisterUserHandler>()
            .HandleAsync(new RegisterUser($"user.{Guid.NewGuid():N}@tests.local", "password-123", name, Languages.English));
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByIdAsync(answer.UserId.ToString()))!;
        if (status != VerificationStatus.Pending)
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
            stored.VerificationStatus = status;
            await users.UpdateAsync(stored);
        }

        Authorization.SetAuthorized(user.Email!);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        if (role is not null)
        {
            Authorization.SetRoles(role);
        }

        return user;
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        if (seeding is not null)
        {
            await seeding.DisposeAsync();
        }

        await database.DisposeAsync();
        CultureInfo.CurrentCulture = previousCulture;
        CultureInfo.CurrentUICulture = previousUiCulture;
    }

    private ServiceProvider BuildSeeding()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMessagingCore(Configuration);
        services.AddMessagingAuthentication(Configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Forms with <c>&lt;AntiforgeryToken /&gt;</c> need a token; outside a request there is none to read.</summary>
    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
