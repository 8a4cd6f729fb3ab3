using System.Globalization;
using System.Threading.RateLimiting;
using Messaging.Core.Common;
using Messaging.Web.Features.Realtime;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.RateLimiting;

/// <summary>Rate limits (built-in middleware over <see cref="RateLimits"/>), hub limits and Blazor circuit limits, all documented in docs/configuration.md.</summary>
internal static class LimitsSetup
{
    /// <summary>The Blazor circuit hub's largest incoming message: a full 10,000-character draft, escaped, fits.</summary>
    public const long CircuitMaximumReceiveMessageSize = 128 * 1024;

    /// <summary>Overrides of Blazor's own <see cref="CircuitOptions"/> (after <see cref="ConfigureCircuit"/>'s defaults).</summary>
    public const string CircuitsSection = "Messaging:Circuits";

    public static IServiceCollection AddMessagingLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.AddOptions<HubLimitOptions>().BindConfiguration(HubLimitOptions.Section);
        services.AddSingleton<RateLimits>();
        services.AddSingleton<HubConnectionCounter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimits>((o, limits) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = WriteRejectionAsync;
            foreach (var policy in RateLimitPolicies.All)
            {
                o.AddPolicy(policy, new SharedRateLimitPolicy(policy, limits));
            }
        });

        // A global filter that only acts on the messaging hub: per-hub filter lists are replaced by SignalR's own setup.
        services.Configure<HubOptions>(o => o.AddFilter<HubLimitsFilter>());
        services.AddOptions<HubOptions<MessagingHub>>().PostConfigure<IOptions<HubLimitOptions>>((o, limits) =>
        {
            o.MaximumReceiveMessageSize = limits.Value.MaximumReceiveMessageSize;
            // One call at a time per connection: a client cannot multiply its server work by pipelining.
            o.MaximumParallelInvocationsPerClient = 1;
        });

        services.AddOptions<CircuitOptions>().BindConfiguration(CircuitsSection);
        return services;
    }

    /// <summary>Defaults for the Blazor circuit, set on purpose (see docs/configuration.md); <c>Messaging:Circuits:*</c> overrides.</summary>
    public static void ConfigureCircuit(CircuitOptions o)
    {
        o.DisconnectedCircuitMaxRetained = 100;
        o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
        o.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
        o.MaxBufferedUnacknowledgedRenderBatches = 10;
        o.DetailedErrors = false;
    }

    public static void ConfigureCircuitHub(HubOptions o) => o.MaximumReceiveMessageSize = CircuitMaximumReceiveMessageSize;

    /// <summary>After authentication, so policies can key by user.</summary>
    public static WebApplication UseMessagingLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        LimitMetrics.Rejected(http);
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var value) ? value : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Items[ProblemLocalizer.ErrorCodeKey] = ErrorCode.RateLimited;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests },
        });
    }
}
