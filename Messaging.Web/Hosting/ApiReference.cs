using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Messaging.Web.Hosting;

/// <summary>
/// The interactive API reference (Scalar) at <c>/api/docs</c>, reading <c>/api/v1/openapi.json</c>: in Development,
/// and elsewhere only when <c>Messaging:Api:Reference</c> is true (API.md "Operations").
/// </summary>
internal static class ApiReference
{
    public const string Path = "/api/docs";

    public const string SettingKey = "Messaging:Api:Reference";

    /// <summary>
    /// The page is Scalar's own bundle plus an inline start-up script that cannot carry our nonce; it shows no user
    /// content, so only here inline scripts are allowed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddApiReference(this IServiceCollection services)
    {
        services.AddOptions<ApiReferenceOptions>().BindConfiguration(ApiReferenceOptions.Section).ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment()
            || app.ServiceProvider.GetRequiredService<IOptions<ApiReferenceOptions>>().Value.Reference)
        {
            app.MapScalarApiReference(Path, options =>
            {
                options.OpenApiRoutePattern = "/api/v1/openapi.json";
                options.WithTitle("Messaging API");
                // Everything from this server: no fonts from Scalar's CDN, no telemetry, no AI agent (CSP: 'self' only).
                options.DisableDefaultFonts();
                options.DisableTelemetry();
                options.DisableAgent();
            });
        }

        return app;
    }
}

/// <summary>The <c>Messaging:Api</c> section.</summary>
public sealed class ApiReferenceOptions
{
    public const string Section = "Messaging:Api";

    /// <summary>Serve the API reference outside Development too.</summary>
    public bool Reference { get; set; }
}
