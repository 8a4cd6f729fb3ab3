using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Messaging.Core;
using Messaging.Core.Accounts;
using Messaging.Core.Persistence;
using Messaging.Web.Features.Conversations;
using Messaging.Web.Features.RateLimiting;
using Messaging.Web.Features.Realtime;
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
/// The one bunit harness: a context set up like the app (MudBlazor with the resx-backed MudLocalizer, localization, the
/// circuit's session and receipts), Core on a real SQLite file (never an in-memory provider), and a signed-in user when
/// asked. Pages render statically (<see cref="CreateAsync(string)"/>), chat components interactively
/// (<see cref="CreateInteractiveAsync"/>). Sets the culture for the test and puts it back.
/// </summary>
public sealed class ComponentTestContext : IAsyncDisposable
{
    private readonly CultureInfo previousCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo previousUiCulture = CultureInfo.CurrentUICulture;
    private readonly SqliteDatabase database;
    private ServiceProvider? seeding;

    private ComponentTestContext(SqliteDatabase database, bool interactive, TimeProvider? time)
    {
        this.database = database;
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddSingleton(Configuration);
        Bunit.Services.AddLocalization();
        Bunit.Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Bunit.Services.AddTransient<MudLocalizer, Messaging.Web.Components.Layout.ResxMudLocalizer>();
        Bunit.Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        Bunit.Services.AddMessagingCore(Configuration);
        // Components that map messages or notifications need the conversation cipher, hence a key ring of their own.
        Bunit.Services.AddDataProtection().SetApplicationName("Messaging.Tests")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(database.DataDirectory, "keys")));
        // The app bar's bell and the chat screen listen through the circuit's session, as in the app.
        Bunit.Services.AddQueuedSubscriptions();
        Bunit.Services.AddScoped<ChatSession>();
        Bunit.Services.AddScoped<CircuitReceipts>();
        Bunit.Services.AddSingleton<RateLimits>();
        if (time is not null)
        {
            Bunit.Services.AddSingleton(time);
        }

        Authorization = Bunit.AddAuthorization();
        // Pages render statically first (prerendering); the chat components load only once interactive.
        Bunit.SetRendererInfo(interactive ? new RendererInfo("Server", isInteractive: true) : new RendererInfo("Static", isInteractive: false));
    }

    public BunitContext Bunit { get; } = new();

    public BunitAuthorizationContext Authorization { get; }

    public IConfiguration Configuration => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Messaging:Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Messaging"] = database.ConnectionString,
        ["Messaging:DataDirectory"] = database.DataDirectory,
    }).Build();

    public IServiceProvider Services => Bunit.Services;

    /// <summary>A context in <paramref name="language"/> ("en" or "ar") on a fresh, migrated SQLite file, rendering statically.</summary>
    public static Task<ComponentTestContext> CreateAsync(string language) => CreateAsync(language, interactive: false, time: null);

    /// <summary>As <see cref="CreateAsync(string)"/>, rendering interactively (as in a circuit), optionally on a test clock.</summary>
    public static Task<ComponentTestContext> CreateInteractiveAsync(string language = "en", TimeProvider? time = null) =>
        CreateAsync(language, interactive: true, time);

    private static Task<ComponentTestContext> CreateAsync(string language, bool interactive, TimeProvider? time)
    {
        // Not async on purpose: the culture lives in an AsyncLocal, and only a change made in the caller's own
        // (synchronous) flow stays visible to the test after the await.
        var culture = language == Languages.Arabic ? Pipeline.ArabicCulture() : CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return CreateCoreAsync(interactive, time);
    }

    private static async Task<ComponentTestContext> CreateCoreAsync(bool interactive, TimeProvider? time)
    {
        var context = new ComponentTestContext(await SqliteDatabase.CreateAsync(), interactive, time);
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

    /// <summary>A verified user written straight to the database (the registration flow is not what these tests are about).</summary>
    public Task<Guid> CreateUserAsync(string name) =>
        Messaging.Bench.SeededUsers.CreateVerifiedAsync(Get<IDbContextFactory<MessagingDbContext>>(), name, "tests.local");

    /// <summary>Signs <paramref name="userId"/> in for the components.</summary>
    public void SignIn(Guid userId, string name)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId.ToString()));
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

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
